/**
 * Optimizer benchmark: how good a front each sampler finds in a small budget, and how fast
 * gp-ehvi answers an ask.
 *
 * 1. Quality: gp-ehvi, random and sobol on ZDT1, ZDT2, ZDT3 (d = 6), DTLZ2 (d = 6) and BraninCurrin (d = 2), each
 *    as a minimization problem with BoTorch's reference point, and on the mixed recipe-shaped problems
 *    EarlyStopping and TokenBudget (categorical, integer, log-scaled and conditional parameters, d = 8) and
 *    EarlyStopping6 (the same simulated training on 6 parameters, none conditional), and CurveReplay (the default
 *    space's stopping rules replayed on the recorded curve bank, d = 11; see benchmarks/problems/).
 *    Median hypervolume over the seeds after 50 and 100 evaluations (one sequential run of 100 per seed), also as
 *    % of the problem's maximum hypervolume.
 * 2. Latency: a d = 8, two-objective study that has been told n observations (n = 50, 100, 300, 1,000; random
 *    recipes of a smooth function), then timed over several ask → tell rounds: median wall-clock and CPU
 *    milliseconds per ask, and the first ask (which pays for the cold multi-start GP fit) separately.
 *
 *   node bin/run-ts.js benchmarks/optimizer.ts            full run (5 seeds; ~1.5 min on a quiet machine, 4 min loaded,
 *                                                         plus about a minute, loaded, for the n = 1,000 latency row)
 *   node bin/run-ts.js benchmarks/optimizer.ts --quick    3 seeds, 50 evaluations
 *   options: --seeds N (how many), --seed-from S (first seed, default 0: --seed-from 100 --seeds 10 runs seeds
 *            100–109), --problems ZDT1,DTLZ2,EarlyStopping, --samplers gp-ehvi,random,
 *            --tempering 0.25,0.5,1 (quality only: gp-ehvi with each `ehviSdScale`, named gp-ehvi-sd<value>),
 *            --json FILE (also writes the report, per-seed hypervolumes included, as JSON),
 *            --large (adds a latency row at n = 3,000: telling the study its 3,000 observations alone takes 3 min
 *            on a loaded machine),
 *            --latency 100,1000 (latency rows at these n instead), --only quality|latency,
 *            --approximations (quality only: exact gp-ehvi against each of SCALE_VARIANTS, ~6x the gp-ehvi time)
 *
 * Everything runs in this one process (one core). Wall-clock times on a shared machine are inflated by other
 * processes; the CPU column is this process's own time and the steadier of the two.
 */
import { pathToFileURL } from 'node:url';
import { choleskyInPlace } from '../src/linalg/cholesky.js';
import { createGpEhviSampler, createRandomSampler, type GpEhviSamplerOptions, type Sampler } from '../src/samplers/index.js';
import { DEFAULT_REFIT_POLICY } from '../src/samplers/surrogate-cache.js';
import { compileSpace } from '../src/space/index.js';
import type { CompiledSpace, ObjectiveSpec, SpaceDefinition } from '../src/space/types.js';
import { createStudy, type Study } from '../src/study/index.js';
import { writeFileSync } from 'node:fs';
import type { Params } from '../src/space/types.js';
import { BENCHMARK_PROBLEMS, findBenchmarkProblem, isMixedProblem, type BenchmarkProblem } from './problems/index.js';


export interface OptimizerBenchmarkOptions {
  /** 3 seeds and 50 evaluations instead of 5 and 100; fewer latency rounds. */
  readonly quick?: boolean;
  /** Number of seeds (default 5, quick 3). */
  readonly seeds?: number;
  /** The first seed: the runs use seeds seedFrom … seedFrom + seeds − 1 (default 0). */
  readonly seedFrom?: number;
  readonly problems?: readonly BenchmarkProblem[];
  readonly samplers?: readonly string[];
  /** Observation counts for the latency measurement (default DEFAULT_LATENCY_SIZES). */
  readonly latencySizes?: readonly number[];
  /** Skip the quality runs (false by default). */
  readonly skipQuality?: boolean;
  /** Skip the latency runs (false by default). */
  readonly skipLatency?: boolean;
  /** gp-ehvi variants by sampler name (run when `samplers` names them), besides SCALE_VARIANTS. */
  readonly variants?: Readonly<Record<string, GpEhviSamplerOptions>>;
  /** Where table and summary lines go (default console.log). */
  readonly log?: (line: string) => void;
}

export interface QualityRow {
  problem: string;
  sampler: string;
  /** Evaluations → median hypervolume over the seeds. */
  medianHypervolume: Record<number, number>;
  /** The seeds run, in order. */
  seeds: number[];
  /** Evaluations → the per-seed hypervolumes. */
  hypervolumes: Record<number, number[]>;
  maxHypervolume: number;
  seconds: number;
}

export interface LatencyRow {
  n: number;
  d: number;
  medianWallMs: number;
  medianCpuMs: number;
  firstAskWallMs: number;
  maxWallMs: number;
  /** Mean over the timed asks after the first (warm refits and conditioning-only asks alternate). */
  meanWallMs: number;
  /** Median ask time divided by one n x n Cholesky factorization timed in the same run (machine-independent). */
  choleskyRatio: number;
  asks: number;
}

export interface OptimizerBenchmarkReport {
  quality: QualityRow[];
  latency: LatencyRow[];
  seconds: number;
}

const OBJECTIVES: ObjectiveSpec[] = [
  { name: 'f1', direction: 'minimize' },
  { name: 'f2', direction: 'minimize' },
];
const SAMPLERS = ['gp-ehvi', 'random', 'sobol'];

/**
 * gp-ehvi with its large-study shortcuts forced on at the sizes of the quality runs (they start at 200, 300 and
 * 1,000 observations by default, which 100 evaluations never reach), to measure what each costs against the
 * exact GP (`gp-ehvi`): `--approximations` runs these beside it.
 */
export const SCALE_VARIANTS: Readonly<Record<string, GpEhviSamplerOptions>> = {
  /** Conditioning-only fits (4 of every 5 tells, from n = 50) extend the factor instead of refactoring. */
  'incremental': { refit: { ...DEFAULT_REFIT_POLICY, incrementalFrom: 0 } },
  /** An optimizing fit only every 5th tell at every n (the default refits every tell below 50 observations). */
  'refit-every-5': { refit: { ...DEFAULT_REFIT_POLICY, reuseFits: () => 4 } },
  /** Hyperparameters fitted on the last 30 observations only. */
  'fit-subset-30': { refit: { ...DEFAULT_REFIT_POLICY, fitSubsetSize: 30 } },
  /** The models see the 40 observations nearest the front (plus new ones, chosen again every 10). */
  'window-40': { trainingWindow: { size: 40, reselectEvery: 10 } },
  /** All of the above together. */
  'all-combined': {
    refit: { ...DEFAULT_REFIT_POLICY, incrementalFrom: 0, reuseFits: () => 4, fitSubsetSize: 30 },
    trainingWindow: { size: 40, reselectEvery: 10 },
  },
};
/** The project's bar: gp-ehvi's median hypervolume after 50 evaluations as a fraction of the maximum. */
const HYPERVOLUME_BAR: Record<string, number> = { ZDT1: 0.95, ZDT2: 0.95, DTLZ2: 0.95, BraninCurrin: 0.97 };
/** Optuna 3.1 MOTPE at 50 evaluations, median of 10 seeds on this machine. */
const OPTUNA_MOTPE_AT_50: Record<string, number> = { ZDT1: 106.8, ZDT2: 98.1, DTLZ2: 0.28, BraninCurrin: 46.0 };
const LATENCY_BAR_MS: Record<number, number> = { 100: 50, 300: 300, 1000: 2000 };
/** Latency rows of the default run; `--large` adds LARGE_LATENCY_SIZE. */
export const DEFAULT_LATENCY_SIZES: readonly number[] = [50, 100, 300, 1000];
export const LARGE_LATENCY_SIZE = 3000;

export async function runOptimizerBenchmark(options: OptimizerBenchmarkOptions = {}): Promise<OptimizerBenchmarkReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const quick = options.quick ?? false;
  const seeds = options.seeds ?? (quick ? 3 : 5);
  const checkpoints = quick ? [50] : [50, 100];
  const seedList = Array.from({ length: seeds }, (_, i) => (options.seedFrom ?? 0) + i);
  const problems = options.problems ?? BENCHMARK_PROBLEMS;
  const samplers = options.samplers ?? SAMPLERS;
  const variants = { ...SCALE_VARIANTS, ...options.variants };
  const started = performance.now();

  log(
    `optimizer benchmark: seeds ${seedList[0]}–${seedList[seedList.length - 1]}, hypervolume after ${checkpoints.join(' and ')} evaluations`,
  );
  const quality: QualityRow[] = [];
  for (const problem of options.skipQuality ? [] : problems) {
    for (const sampler of samplers) {
      const row = await measureQuality(problem, sampler, variants[sampler], seedList, checkpoints);
      quality.push(row);
      log(formatQualityRow(row, checkpoints));
    }
  }

  const sizes = options.skipLatency ? [] : (options.latencySizes ?? DEFAULT_LATENCY_SIZES);
  const rounds = quick ? 7 : 15;
  if (sizes.length > 0) {
    log('');
    log(`gp-ehvi ask latency, d = 8, 2 objectives (median of ${rounds} ask → tell rounds after n random observations)`);
    log('     n  median ms  (cpu ms)  mean ms  first ask ms  max ms  × chol');
  }
  const latency: LatencyRow[] = [];
  for (const n of sizes) {
    const row = await measureLatency(n, 8, rounds);
    latency.push(row);
    log(
      `${String(n).padStart(6)}  ${row.medianWallMs.toFixed(1).padStart(9)}  ${row.medianCpuMs.toFixed(1).padStart(8)}  ${row.meanWallMs.toFixed(1).padStart(7)}  ${row.firstAskWallMs.toFixed(1).padStart(12)}  ${row.maxWallMs.toFixed(1).padStart(6)}  ${formatRatio(row.choleskyRatio).padStart(6)}`,
    );
  }

  const seconds = (performance.now() - started) / 1000;
  log('');
  for (const line of summaryLines(quality, latency, seconds)) log(line);
  return { quality, latency, seconds };
}

/** The problem's search space and its objectives as a function of a recipe. */
function studyProblem(problem: BenchmarkProblem): { space: CompiledSpace; evaluate: (params: Params) => [number, number] } {
  if (isMixedProblem(problem)) {
    return { space: compileSpace(problem.space, problem.name), evaluate: (params) => problem.evaluate(params) };
  }
  return { space: unitBox(problem.d), evaluate: (params) => problem.evaluate(Float64Array.from(pointOf(params, problem.d))) };
}

/** One study per seed, 100 (or 50) sequential evaluations, hypervolume read at each checkpoint. */
async function measureQuality(
  problem: BenchmarkProblem,
  sampler: string,
  variant: GpEhviSamplerOptions | undefined,
  seeds: readonly number[],
  checkpoints: readonly number[],
): Promise<QualityRow> {
  const started = performance.now();
  const { space, evaluate } = studyProblem(problem);
  const hypervolumes: Record<number, number[]> = Object.fromEntries(checkpoints.map((c) => [c, []]));
  const last = Math.max(...checkpoints);
  for (const seed of seeds) {
    const instance = variant ? createGpEhviSampler({ seed, ...variant }) : (sampler as never);
    const study = await createStudy({ space, objectives: OBJECTIVES, sampler: instance, seed, refPoint: problem.refPoint });
    for (let evaluation = 1; evaluation <= last; evaluation++) {
      const trial = await study.ask();
      await study.tell(trial.id, evaluate(trial.params));
      if (hypervolumes[evaluation]) hypervolumes[evaluation].push((await study.hypervolume()) ?? 0);
    }
    // Let other work (and Ctrl-C) in between seeds.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    problem: problem.name,
    sampler,
    seeds: [...seeds],
    hypervolumes,
    medianHypervolume: Object.fromEntries(checkpoints.map((c) => [c, median(hypervolumes[c])])),
    maxHypervolume: problem.maxHypervolume,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * A smooth two-objective function on [0,1]^8 (a shifted sphere against a sinusoidal ridge), for timing asks
 * at realistic model sizes; its values do not matter.
 */
function latencyObjective(x: number[]): [number, number] {
  let first = 0;
  let second = 0;
  for (let i = 0; i < x.length; i++) {
    first += (x[i] - 0.2) ** 2 / (1 + i);
    second += (x[i] - 0.8) ** 2 / (1 + i) + 0.1 * Math.sin(4 * x[i] + i);
  }
  return [first, second];
}

async function measureLatency(n: number, d: number, rounds: number): Promise<LatencyRow> {
  const space = unitBox(d);
  const model = createGpEhviSampler({ seed: 1 });
  const random = createRandomSampler();
  // Random recipes for the first n trials, then the model: the asks timed below meet a model with n points. (The
  // view of the asking trial includes that trial itself.)
  const sampler: Sampler = {
    name: 'random, then gp-ehvi',
    suggest: (snapshot, count, rng) => (snapshot.trials.length < n ? random : model).suggest(snapshot, count, rng),
  };
  const study: Study = await createStudy({ space, objectives: OBJECTIVES, sampler, seed: 7 });
  for (let i = 0; i < n; i++) {
    const trial = await study.ask();
    await study.tell(trial.id, latencyObjective(pointOf(trial.params, d)));
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const trial = await study.ask();
    wall.push(performance.now() - wallStart);
    const cpuUsed = process.cpuUsage(cpuStart);
    cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    await study.tell(trial.id, latencyObjective(pointOf(trial.params, d)));
  }
  // The first ask pays for the cold (multi-start) fit; the median is what a long study sees per ask.
  const timed = wall.slice(1);
  const medianWallMs = median(timed);
  return {
    n,
    d,
    medianWallMs,
    medianCpuMs: median(cpu.slice(1)),
    firstAskWallMs: wall[0],
    maxWallMs: Math.max(...timed),
    meanWallMs: timed.reduce((a, b) => a + b, 0) / timed.length,
    choleskyRatio: medianWallMs / choleskyMilliseconds(n),
    asks: rounds - 1,
  };
}

/** Median wall-clock time of one Cholesky factorization of an n x n Matérn covariance (the baseline). */
function choleskyMilliseconds(n: number): number {
  const points = Float64Array.from({ length: n * 8 }, (_, i) => ((i * 0.6180339887) % 1 + 1) % 1);
  const covariance = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let squared = 0;
      for (let j = 0; j < 8; j++) squared += (points[a * 8 + j] - points[b * 8 + j]) ** 2;
      covariance[a * n + b] = Math.exp(-squared) + (a === b ? 1e-6 : 0);
    }
  }
  const times: number[] = [];
  for (let repeat = 0; repeat < 7; repeat++) {
    const matrix = Float64Array.from(covariance);
    const start = performance.now();
    choleskyInPlace(matrix, n);
    times.push(performance.now() - start);
  }
  return median(times);
}

function summaryLines(quality: readonly QualityRow[], latency: readonly LatencyRow[], seconds: number): string[] {
  const lines: string[] = [];
  for (const row of quality.filter((r) => r.sampler === 'gp-ehvi')) {
    const at50 = row.medianHypervolume[50];
    const share = at50 / row.maxHypervolume;
    const others = quality
      .filter((r) => r.problem === row.problem && r.sampler !== 'gp-ehvi')
      .map((r) => `${r.sampler} ${percent(r.medianHypervolume[50] / r.maxHypervolume)}`)
      .join(', ');
    const bar = HYPERVOLUME_BAR[row.problem];
    const verdict = bar === undefined ? '' : ` (bar ${percent(bar)}: ${share >= bar ? 'met' : 'NOT met'})`;
    const optuna = OPTUNA_MOTPE_AT_50[row.problem];
    const versusOptuna = optuna === undefined ? '' : `; Optuna MOTPE ${optuna} = ${percent(optuna / row.maxHypervolume)}`;
    lines.push(
      `optimizer: ${row.problem} hv@50 gp-ehvi ${formatNumber(at50)} = ${percent(share)} of max${verdict}${others ? `; ${others}` : ''}${versusOptuna}`,
    );
  }
  // gp-ehvi variants (the large-study shortcuts, other temperings), against plain gp-ehvi where that ran too.
  for (const row of quality.filter((r) => (r.sampler !== 'gp-ehvi' && r.sampler.startsWith('gp-ehvi')) || r.sampler in SCALE_VARIANTS)) {
    const exact = quality.find((r) => r.problem === row.problem && r.sampler === 'gp-ehvi');
    const cells = Object.keys(row.medianHypervolume).map((c) => {
      const share = row.medianHypervolume[Number(c)] / row.maxHypervolume;
      if (!exact) return `hv@${c} ${percent(share)}`;
      const difference = share - exact.medianHypervolume[Number(c)] / exact.maxHypervolume;
      return `hv@${c} ${percent(share)} (${difference >= 0 ? '+' : ''}${(100 * difference).toFixed(1)} points vs exact)`;
    });
    lines.push(`optimizer: ${row.problem} ${row.sampler}: ${cells.join(', ')}`);
  }
  for (const row of latency) {
    const bar = LATENCY_BAR_MS[row.n];
    const verdict = bar === undefined ? '' : ` (bar ${bar} ms: ${row.medianWallMs <= bar ? 'met' : row.medianCpuMs <= bar ? 'met in CPU time, not wall-clock' : 'NOT met'})`;
    lines.push(
      `optimizer: ask latency d=${row.d} n=${row.n}: median ${row.medianWallMs.toFixed(1)} ms wall, ${row.medianCpuMs.toFixed(1)} ms cpu${verdict}; mean ${row.meanWallMs.toFixed(0)} ms; first ask ${row.firstAskWallMs.toFixed(0)} ms; ${formatRatio(row.choleskyRatio)} × one Cholesky`,
    );
  }
  lines.push(`optimizer: benchmark took ${seconds.toFixed(0)} s`);
  return lines;
}

function formatQualityRow(row: QualityRow, checkpoints: readonly number[]): string {
  const cells = checkpoints.map(
    (c) => `hv@${c} ${formatNumber(row.medianHypervolume[c]).padStart(8)} ${percent(row.medianHypervolume[c] / row.maxHypervolume).padStart(6)}`,
  );
  return `${row.problem.padEnd(13)} ${row.sampler.padEnd(15)} ${cells.join('   ')}   (${row.seconds.toFixed(0)} s)`;
}

export function unitBox(d: number): CompiledSpace {
  const params: SpaceDefinition['params'] = {};
  for (let i = 0; i < d; i++) params[`x${i}`] = { type: 'float', low: 0, high: 1 };
  return compileSpace({ params }, 'benchmark');
}

export function pointOf(params: Record<string, unknown>, d: number): number[] {
  return Array.from({ length: d }, (_, i) => params[`x${i}`] as number);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Two significant digits below 10 (a windowed model's ask costs a fraction of one n x n Cholesky). */
function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2);
}

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 10 ? value.toFixed(2) : value.toFixed(4);
}

/** gp-ehvi with each EHVI tempering (`ehviSdScale`), named gp-ehvi-sd<value>. */
export function temperingVariants(sdScales: readonly number[]): Record<string, GpEhviSamplerOptions> {
  return Object.fromEntries(sdScales.map((sdScale) => [`gp-ehvi-sd${sdScale}`, { effort: { ehviSdScale: sdScale } }]));
}

function parseArguments(argv: readonly string[]): OptimizerBenchmarkOptions & { json?: string } {
  const options: {
    quick?: boolean;
    seeds?: number;
    seedFrom?: number;
    samplers?: string[];
    variants?: Record<string, GpEhviSamplerOptions>;
    json?: string;
    problems?: BenchmarkProblem[];
    latencySizes?: number[];
    skipQuality?: boolean;
    skipLatency?: boolean;
  } = {};
  let large = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--large') large = true;
    else if (arg === '--approximations') {
      options.samplers = ['gp-ehvi', ...Object.keys(SCALE_VARIANTS)];
      options.skipLatency = true;
    }
    else if (arg === '--latency') options.latencySizes = argv[++i].split(',').map(Number);
    else if (arg === '--only') {
      const part = argv[++i];
      if (part !== 'quality' && part !== 'latency') throw new Error(`optimizer benchmark: --only quality|latency, got ${part}`);
      options.skipQuality = part === 'latency';
      options.skipLatency = part === 'quality';
    }
    else if (arg === '--seeds') options.seeds = Number(argv[++i]);
    else if (arg === '--seed-from') options.seedFrom = Number(argv[++i]);
    else if (arg === '--json') options.json = argv[++i];
    else if (arg === '--tempering') {
      options.variants = temperingVariants(argv[++i].split(',').map(Number));
      options.samplers = Object.keys(options.variants);
      options.skipLatency = true;
    }
    else if (arg === '--samplers') options.samplers = argv[++i].split(',');
    else if (arg === '--problems') {
      options.problems = argv[++i].split(',').map((name) => {
        const problem = findBenchmarkProblem(name);
        if (!problem) throw new Error(`optimizer benchmark: unknown problem ${name}`);
        return problem;
      });
    } else throw new Error(`optimizer benchmark: unknown argument ${arg}`);
  }
  if (large) options.latencySizes = [...(options.latencySizes ?? DEFAULT_LATENCY_SIZES), LARGE_LATENCY_SIZE];
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseArguments(process.argv.slice(2));
  const report = await runOptimizerBenchmark(options);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 1)}\n`);
}
