/**
 * Scores runs of another optimizer (benchmarks/optuna/run_gp.py's JSON lines) exactly as the optimizer benchmark
 * scores gp-ehvi: hypervolume of the first 50 and 100 values of each run (when the run has them) against the
 * problem's reference point, with the same 2-D hypervolume code; medians over the seeds and % of the maximum.
 *
 *   node bin/run-ts.js benchmarks/optuna/score.ts optuna-gp.jsonl
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import { findBenchmarkProblem } from '../problems/index.js';

/** One finished run: its objective values in trial order. */
export interface ExternalRun {
  readonly problem: string;
  readonly seed: number;
  readonly sampler: string;
  readonly values: readonly (readonly [number, number])[];
}

export interface ExternalScore {
  readonly problem: string;
  readonly sampler: string;
  readonly evaluations: number;
  readonly seeds: number[];
  readonly hypervolumes: number[];
  readonly median: number;
  /** median / the problem's maximum hypervolume. */
  readonly share: number;
}

/**
 * Hypervolume of the first `evaluations` values of each run, grouped by problem and sampler (runs too short are
 * skipped, and a repeated problem, sampler and seed is counted once).
 */
export function scoreRuns(runs: readonly ExternalRun[], evaluations: number): ExternalScore[] {
  const groups = new Map<string, ExternalRun[]>();
  const seen = new Set<string>();
  for (const run of runs) {
    // A seed run twice (two runners over one seed range) counts once.
    const id = `${run.problem}\u0000${run.sampler}\u0000${run.seed}`;
    if (run.values.length < evaluations || seen.has(id)) continue;
    seen.add(id);
    const key = `${run.problem}\u0000${run.sampler}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((group) => {
    const problem = findBenchmarkProblem(group[0].problem);
    if (!problem) throw new Error(`score: unknown problem ${group[0].problem}`);
    const sorted = [...group].sort((a, b) => a.seed - b.seed);
    const hypervolumes = sorted.map((run) =>
      hypervolume2d(Float64Array.from(run.values.slice(0, evaluations).flat()), evaluations, problem.refPoint),
    );
    const ordered = [...hypervolumes].sort((a, b) => a - b);
    const middle = ordered.length >> 1;
    const median = ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
    return {
      problem: problem.name,
      sampler: group[0].sampler,
      evaluations,
      seeds: sorted.map((run) => run.seed),
      hypervolumes,
      median,
      share: median / problem.maxHypervolume,
    };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs: ExternalRun[] = [];
  for (const file of process.argv.slice(2)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) runs.push(JSON.parse(line));
  }
  for (const evaluations of [50, 100]) {
    for (const score of scoreRuns(runs, evaluations)) {
      console.log(
        `${score.problem.padEnd(13)} optuna-${score.sampler.padEnd(6)} hv@${evaluations} median ${score.median.toPrecision(6)} = ${(100 * score.share).toFixed(1)}% of max over ${score.seeds.length} seeds (${score.seeds.join(', ')})`,
      );
    }
  }
}
