import { braninCurrin } from './branin-currin.js';
import { curveReplay } from './curve-replay.js';
import { dtlz2 } from './dtlz2.js';
import { earlyStopping } from './early-stopping.js';
import { earlyStopping6 } from './early-stopping-6.js';
import { tokenBudget } from './token-budget.js';
import type { BenchmarkProblem, MixedTestProblem, TestProblem } from './types.js';
import { zdt1 } from './zdt1.js';
import { zdt2 } from './zdt2.js';
import { zdt3 } from './zdt3.js';

export { isMixedProblem, type BenchmarkProblem, type MixedTestProblem, type TestProblem } from './types.js';
export { braninCurrin, curveReplay, dtlz2, earlyStopping, earlyStopping6, tokenBudget, zdt1, zdt2, zdt3 };

/** Every continuous benchmark problem (on [0, 1]^d), in the order the benchmark tables list them. */
export const TEST_PROBLEMS: readonly TestProblem[] = [zdt1, zdt2, zdt3, dtlz2, braninCurrin];

/** Every mixed (categorical, integer, conditional) benchmark problem. */
export const MIXED_TEST_PROBLEMS: readonly MixedTestProblem[] = [earlyStopping, tokenBudget, earlyStopping6, curveReplay];

/** Both kinds, continuous first: what the optimizer benchmark runs by default. */
export const BENCHMARK_PROBLEMS: readonly BenchmarkProblem[] = [...TEST_PROBLEMS, ...MIXED_TEST_PROBLEMS];

/** The continuous problem with this name (case-insensitive), or undefined. */
export function findTestProblem(name: string): TestProblem | undefined {
  return TEST_PROBLEMS.find((problem) => problem.name.toLowerCase() === name.toLowerCase());
}

/** The problem of either kind with this name (case-insensitive), or undefined. */
export function findBenchmarkProblem(name: string): BenchmarkProblem | undefined {
  return BENCHMARK_PROBLEMS.find((problem) => problem.name.toLowerCase() === name.toLowerCase());
}
