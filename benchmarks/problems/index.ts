import { braninCurrin } from './branin-currin.js';
import { dtlz2 } from './dtlz2.js';
import type { TestProblem } from './types.js';
import { zdt1 } from './zdt1.js';
import { zdt2 } from './zdt2.js';
import { zdt3 } from './zdt3.js';

export type { TestProblem } from './types.js';
export { braninCurrin, dtlz2, zdt1, zdt2, zdt3 };

/** Every benchmark problem, in the order the benchmark tables list them. */
export const TEST_PROBLEMS: readonly TestProblem[] = [zdt1, zdt2, zdt3, dtlz2, braninCurrin];

/** The problem with this name (case-insensitive), or undefined. */
export function findTestProblem(name: string): TestProblem | undefined {
  return TEST_PROBLEMS.find((problem) => problem.name.toLowerCase() === name.toLowerCase());
}
