/**
 * Where gp-ehvi's DTLZ2 hypervolume goes missing: distance (front points with g > 0, pushed out along their ray
 * by 1 + g) or coverage (too few points along the angle x₁, or the ends x₁ = 0 and 1 missed).
 *
 * 1. Bounds from the front's geometry (benchmarks/problems/dtlz2-front.ts): the best hypervolume of N points
 *    exactly on the front, the N needed for 95, 97 and 99 % of the maximum, and the largest common distance g at
 *    which N best-placed points still reach 95 %.
 * 2. Real runs through the study's ask/tell (as benchmarks/optimizer.ts runs them), one per seed: the final
 *    front's size, its points' g (median, largest), its reach in x₁ (smallest, largest, widest gap), its
 *    hypervolume with the same angles moved onto the front (g = 0), the best hypervolume that many front points
 *    could have, and when the first point with g < 0.01 was evaluated and how many followed. The deficit
 *    (maximum − hypervolume) splits into
 *      distance  = hypervolume at g = 0 with the front's angles − hypervolume,
 *      placement = best hypervolume of N front points − hypervolume at g = 0 with the front's angles,
 *      count     = maximum − best hypervolume of N front points.
 *
 *   node bin/run-ts.js benchmarks/dtlz2-deficit.ts [--seed-from 100] [--seeds 10] [--evaluations 50]
 *        [--initial-trials N] [--trust-region H] [--json FILE]      (81 s for 10 seeds at load 4)
 *
 * --initial-trials and --trust-region run gp-ehvi with that `initialTrials` and `effort.trustRegionHalfWidth`.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { paretoFrontIndices } from '../src/multiobjective/index.js';
import { hypervolume2d } from '../src/multiobjective/hypervolume-2d.js';
import { createGpEhviSampler, type GpEhviSamplerOptions } from '../src/samplers/index.js';
import type { ObjectiveSpec } from '../src/space/types.js';
import { createStudy } from '../src/study/index.js';
import { pointOf, unitBox } from './optimizer.js';
import { dtlz2 } from './problems/dtlz2.js';
import {
  arcHypervolume,
  bestArcHypervolume,
  dtlz2Distance,
  largestDistanceForShare,
  smallestCountForShare,
} from './problems/dtlz2-front.js';

/** A point with g below this counts as on the front for the budget columns (95 % needs g ≤ 0.013 even with the whole arc). */
const ON_FRONT_DISTANCE = 0.01;

const OBJECTIVES: ObjectiveSpec[] = [
  { name: 'f1', direction: 'minimize' },
  { name: 'f2', direction: 'minimize' },
];

export interface DeficitRow {
  seed: number;
  hypervolume: number;
  /** Non-dominated evaluated points inside the reference box. */
  frontSize: number;
  medianFrontDistance: number;
  largestFrontDistance: number;
  /** x₁ of the front's points: smallest, largest, widest gap between neighbours. */
  smallestAngle: number;
  largestAngle: number;
  widestGap: number;
  /** The front's angles at g = 0. */
  hypervolumeOnFront: number;
  /** The best placement of frontSize points at g = 0. */
  bestOfFrontSize: number;
  /** 1-based evaluation of the first point with g < ON_FRONT_DISTANCE, or null. */
  firstOnFront: number | null;
  /** Evaluations with g < ON_FRONT_DISTANCE. */
  onFrontCount: number;
}

/** Splits a run's evaluated points (n x d, objectives n x 2) into the deficit's parts. */
export function deficitOf(seed: number, points: readonly number[][], values: readonly [number, number][]): DeficitRow {
  const flat = Float64Array.from(values.flat());
  const n = values.length;
  const ref = dtlz2.refPoint;
  const front = paretoFrontIndices(flat, n, 2).filter((i) => values[i][0] < ref[0] && values[i][1] < ref[1]);
  const distances = points.map((x) => dtlz2Distance(x));
  const frontDistances = front.map((i) => distances[i]).sort((a, b) => a - b);
  const angles = front.map((i) => points[i][0]).sort((a, b) => a - b);
  let widestGap = 0;
  for (let k = 1; k < angles.length; k++) widestGap = Math.max(widestGap, angles[k] - angles[k - 1]);
  const firstIndex = distances.findIndex((g) => g < ON_FRONT_DISTANCE);
  return {
    seed,
    hypervolume: hypervolume2d(flat, n, ref),
    frontSize: front.length,
    medianFrontDistance: median(frontDistances),
    largestFrontDistance: frontDistances[frontDistances.length - 1] ?? NaN,
    smallestAngle: angles[0] ?? NaN,
    largestAngle: angles[angles.length - 1] ?? NaN,
    widestGap,
    hypervolumeOnFront: arcHypervolume(angles.map((x1) => (x1 * Math.PI) / 2), 1),
    bestOfFrontSize: front.length > 0 ? bestArcHypervolume(front.length).hypervolume : 0,
    firstOnFront: firstIndex < 0 ? null : firstIndex + 1,
    onFrontCount: distances.filter((g) => g < ON_FRONT_DISTANCE).length,
  };
}

async function runSeed(seed: number, evaluations: number, options: GpEhviSamplerOptions): Promise<DeficitRow> {
  const space = unitBox(dtlz2.d);
  const study = await createStudy({
    space,
    objectives: OBJECTIVES,
    sampler: createGpEhviSampler({ seed, ...options }),
    seed,
    refPoint: dtlz2.refPoint,
  });
  const points: number[][] = [];
  const values: [number, number][] = [];
  for (let evaluation = 0; evaluation < evaluations; evaluation++) {
    const trial = await study.ask();
    const x = pointOf(trial.params, dtlz2.d);
    const value = dtlz2.evaluate(Float64Array.from(x));
    await study.tell(trial.id, value);
    points.push(x);
    values.push(value);
  }
  const row = deficitOf(seed, points, values);
  const studyVolume = (await study.hypervolume()) ?? 0;
  if (Math.abs(studyVolume - row.hypervolume) > 1e-12) {
    throw new Error(`dtlz2-deficit: the study's hypervolume ${studyVolume} differs from the points' ${row.hypervolume}`);
  }
  return row;
}

function geometryLines(): string[] {
  const max = dtlz2.maxHypervolume;
  const lines = ['DTLZ2 front geometry (reference (1.1, 1.1), maximum 1.21 − π/4 = 0.42460)'];
  lines.push('  N points on the front, best placed: ' +
    [3, 5, 10, 15, 20, 30, 40, 50].map((count) => `${count}: ${percent(bestArcHypervolume(count).hypervolume / max)}`).join(', '));
  lines.push('  N needed for ' + [0.95, 0.97, 0.99].map((share) => `${percent(share, 0)}: ${smallestCountForShare(share)}`).join(', '));
  lines.push('  largest common g for 95 %: ' +
    [10, 20, 30, Infinity].map((count) => `N = ${count === Infinity ? '∞' : count}: ${largestDistanceForShare(count, 0.95).toFixed(4)}`).join(', '));
  return lines;
}

function formatRow(row: DeficitRow | Record<keyof DeficitRow, number>, label: string): string {
  const max = dtlz2.maxHypervolume;
  const points = (volume: number) => (100 * volume / max).toFixed(1).padStart(5);
  return [
    label.padStart(6),
    points(row.hypervolume),
    String(row.frontSize).padStart(5),
    row.medianFrontDistance.toFixed(4).padStart(8),
    row.largestFrontDistance.toFixed(4).padStart(8),
    row.smallestAngle.toFixed(3).padStart(6),
    row.largestAngle.toFixed(3).padStart(6),
    row.widestGap.toFixed(3).padStart(6),
    points(row.hypervolumeOnFront),
    points(row.bestOfFrontSize),
    points(row.hypervolumeOnFront - row.hypervolume),
    points(row.bestOfFrontSize - row.hypervolumeOnFront),
    points(max - row.bestOfFrontSize),
    String(row.firstOnFront ?? '–').padStart(6),
    String(row.onFrontCount).padStart(5),
  ].join(' ');
}

const HEADER = [
  '  seed   hv%  front  g med    g max    x1min  x1max  gap    g=0%  bestN%  dist  place  count  1st<.01 #<.01',
  '                                                                        (deficit, % of max)',
];

export async function runDtlz2Deficit(
  seeds: readonly number[],
  evaluations: number,
  options: GpEhviSamplerOptions,
  log: (line: string) => void = console.log,
): Promise<DeficitRow[]> {
  for (const line of geometryLines()) log(line);
  log('');
  log(`gp-ehvi on DTLZ2, ${evaluations} evaluations, seeds ${seeds[0]}–${seeds[seeds.length - 1]}, options ${JSON.stringify(options)}`);
  for (const line of HEADER) log(line);
  const rows: DeficitRow[] = [];
  for (const seed of seeds) {
    const row = await runSeed(seed, evaluations, options);
    rows.push(row);
    log(formatRow(row, String(seed)));
  }
  const medians = Object.fromEntries(
    (Object.keys(rows[0]) as (keyof DeficitRow)[]).map((key) => [key, median(rows.map((row) => Number(row[key] ?? NaN)))]),
  ) as Record<keyof DeficitRow, number>;
  log(formatRow(medians, 'median'));
  return rows;
}

function median(values: readonly number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percent(fraction: number, digits = 1): string {
  return `${(100 * fraction).toFixed(digits)} %`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index < 0 ? undefined : argv[index + 1];
  };
  const seedFrom = Number(value('--seed-from') ?? 0);
  const seeds = Array.from({ length: Number(value('--seeds') ?? 5) }, (_, i) => seedFrom + i);
  const options: { initialTrials?: number; effort?: { trustRegionHalfWidth: number } } = {};
  if (value('--initial-trials') !== undefined) options.initialTrials = Number(value('--initial-trials'));
  if (value('--trust-region') !== undefined) options.effort = { trustRegionHalfWidth: Number(value('--trust-region')) };
  const rows = await runDtlz2Deficit(seeds, Number(value('--evaluations') ?? 50), options);
  const json = value('--json');
  if (json) writeFileSync(json, `${JSON.stringify(rows, null, 1)}\n`);
}
