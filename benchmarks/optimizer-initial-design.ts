/**
 * gp-ehvi with a smaller initial design, max(5, d + 1) Sobol points instead of `defaultInitialTrials(d)` (7 instead
 * of 12 at d = 6, 9 instead of 16 at d = 8, unchanged at d = 2), against the default in the same run: the optimizer
 * benchmark's quality rows, problem by problem, since the variant's `initialTrials` depends on each problem's d.
 * benchmarks/dtlz2-deficit.ts motivates it (the design points never reach DTLZ2's front, and the front is short of
 * points at 50 evaluations).
 *
 *   node bin/run-ts.js benchmarks/optimizer-initial-design.ts [--problems ZDT3,DTLZ2] [--seed-from 100] [--seeds 10]
 *        [--quick] [--json FILE]        (--quick: 50 evaluations only)
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compileSpace } from '../src/space/index.js';
import { runOptimizerBenchmark, type QualityRow } from './optimizer.js';
import { BENCHMARK_PROBLEMS, findBenchmarkProblem, isMixedProblem, type BenchmarkProblem } from './problems/index.js';

/** The variant's initial design for a problem with d inputs. */
export function smallerInitialDesign(d: number): number {
  return Math.max(5, d + 1);
}

export async function runInitialDesignComparison(
  problems: readonly BenchmarkProblem[],
  seeds: number,
  seedFrom: number,
  quick: boolean,
): Promise<QualityRow[]> {
  const rows: QualityRow[] = [];
  for (const problem of problems) {
    const d = isMixedProblem(problem) ? compileSpace(problem.space, problem.name).d : problem.d;
    const name = `gp-ehvi-init${smallerInitialDesign(d)}`;
    const report = await runOptimizerBenchmark({
      problems: [problem],
      samplers: ['gp-ehvi', name],
      variants: { [name]: { initialTrials: smallerInitialDesign(d) } },
      seeds,
      seedFrom,
      quick,
      skipLatency: true,
    });
    rows.push(...report.quality);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index < 0 ? undefined : argv[index + 1];
  };
  const names = value('--problems')?.split(',');
  const problems = names
    ? names.map((name) => findBenchmarkProblem(name) ?? (() => { throw new Error(`unknown problem ${name}`); })())
    : BENCHMARK_PROBLEMS;
  const rows = await runInitialDesignComparison(problems, Number(value('--seeds') ?? 5), Number(value('--seed-from') ?? 0), argv.includes('--quick'));
  const json = value('--json');
  if (json) writeFileSync(json, `${JSON.stringify(rows, null, 1)}\n`);
}
