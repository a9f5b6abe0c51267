/**
 * GP fit and predict timings at the sizes the sampler meets: n = 50, 100, 300 observations in d = 8, cold
 * (no warm start: restarts) and warm (started from the previous fit, one new observation — what every ask
 * does), plus a 2000-candidate predict. The sampler fits two GPs per ask, so "ask share" = 2 × (warm fit +
 * predict), against the project's ask budgets (≤ 50 ms median at n = 100, ≤ 300 ms at n = 300).
 *
 * Times are medians of wall-clock milliseconds; "cpu" is this process's CPU time over the same calls, which is
 * less disturbed by other processes on a shared machine. "reuse" is a warm start with maxIterations 0 (no
 * optimization: condition on the new data with the previous hyperparameters). "extend" conditions the previous
 * model on one new observation by extending its factor and L⁻¹ (withObservations, what the sampler does between
 * fits from 200 observations on) instead of refactoring. "× chol" divides the warm fit by one n x n Cholesky
 * factorization measured in the same run, a machine-independent ratio.
 *
 *   node bin/run-ts.js benchmarks/gp-fit.ts                  n = 50, 100, 300
 *   node bin/run-ts.js benchmarks/gp-fit.ts --sizes 300,1000  (a cold fit at n = 1,000 takes about a minute)
 */
import { pathToFileURL } from 'node:url';
import { fitGaussianProcess, type GaussianProcess, type GPInputs } from '../src/gp/index.js';
import { choleskyInPlace } from '../src/linalg/cholesky.js';
import { createRng } from '../src/random/rng.js';

const D = 8;
const SIZES = [50, 100, 300];
const CANDIDATES = 2000;
const WARM_STEPS = 9;

/** A smooth test function on [0, 1]^8 with dims of decreasing relevance, plus a little noise. */
function objective(x: Float64Array, offset: number, noise: number): number {
  let value = 0;
  for (let i = 0; i < D; i++) value += Math.sin(3 * x[offset + i] + i) / (1 + i);
  return value + noise;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Timed<T> {
  result: T;
  wall: number;
  cpu: number;
}

function timed<T>(run: () => T): Timed<T> {
  const cpuStart = cpuMilliseconds();
  const start = performance.now();
  const result = run();
  return { result, wall: performance.now() - start, cpu: cpuMilliseconds() - cpuStart };
}

interface Row {
  n: number;
  coldFit: number;
  warmFit: number;
  warmFitCpu: number;
  /** Warm start with maxIterations 0: screening and the posterior only. */
  reuse: number;
  /** withObservations with one new point on a model that has predicted (L⁻¹ cached). */
  extend: number;
  predict: number;
  predictCpu: number;
  cholesky: number;
}

function measure(n: number): Row {
  const rng = createRng(1000 + n);
  const total = n + WARM_STEPS;
  const x = Float64Array.from({ length: total * D }, () => rng.next());
  const y = Float64Array.from({ length: total }, (_, a) => objective(x, a * D, 0.01 * rng.normal()));
  const inputsAt = (count: number): GPInputs => ({ x, y, n: count, d: D, categorical: new Array<boolean>(D).fill(false) });
  const candidates = Float64Array.from({ length: CANDIDATES * D }, () => rng.next());

  const coldRuns = n >= 1000 ? 1 : n >= 300 ? 2 : 3;
  const cold: number[] = [];
  let gp: GaussianProcess | undefined;
  for (let r = 0; r < coldRuns; r++) {
    const run = timed(() => fitGaussianProcess(inputsAt(n), { seed: r }));
    cold.push(run.wall);
    gp = run.result;
  }

  const warmWall: number[] = [];
  const warmCpu: number[] = [];
  const predictWall: number[] = [];
  const predictCpu: number[] = [];
  for (let step = 1; step <= WARM_STEPS; step++) {
    const previous = gp!;
    const fit = timed(() => fitGaussianProcess(inputsAt(n + step - 1), { seed: step, warmStart: previous.hyperparameters }));
    warmWall.push(fit.wall);
    warmCpu.push(fit.cpu);
    gp = fit.result;
    const prediction = timed(() => gp!.predict(candidates, CANDIDATES));
    predictWall.push(prediction.wall);
    predictCpu.push(prediction.cpu);
  }

  const reuse: number[] = [];
  for (let r = 0; r < 5; r++) {
    const previous = gp!;
    reuse.push(timed(() => fitGaussianProcess(inputsAt(total), { warmStart: previous.hyperparameters, maxIterations: 0 })).wall);
  }

  const extend: number[] = [];
  gp!.predict(candidates, 1);
  for (let r = 0; r < 5; r++) {
    const point = candidates.subarray(r * D, (r + 1) * D);
    extend.push(timed(() => gp!.withObservations(point, Float64Array.of(objective(point, 0, 0)), 1)).wall);
  }

  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1 + i / n;
  const factor = new Float64Array(n * n);
  const choleskyTimes: number[] = [];
  for (let r = 0; r < 9; r++) choleskyTimes.push(timed(() => choleskyInPlace(matrix, n, factor)).wall);

  return {
    n,
    coldFit: median(cold),
    warmFit: median(warmWall),
    warmFitCpu: median(warmCpu),
    reuse: median(reuse),
    extend: median(extend),
    predict: median(predictWall),
    predictCpu: median(predictCpu),
    cholesky: median(choleskyTimes),
  };
}

/** Prints the table; returns when done. */
export async function runGpFitBenchmark(sizes: readonly number[] = SIZES): Promise<void> {
  // A short warm-up so that the first size does not pay for JIT compilation.
  measure(30);
  const rows = sizes.map(measure);
  const budget: Record<number, number> = { 100: 50, 300: 300 };
  const fmt = (v: number) => v.toFixed(1).padStart(8);
  console.log(`GP fit + predict, d = ${D}, ${CANDIDATES} candidates (milliseconds, medians)`);
  console.log(
    `${'n'.padStart(5)}${'cold fit'.padStart(10)}${'warm fit'.padStart(10)}${'(cpu)'.padStart(8)}${'reuse'.padStart(8)}${'extend'.padStart(8)}` +
      `${'predict'.padStart(9)}${'(cpu)'.padStart(8)}${'chol'.padStart(8)}${'× chol'.padStart(8)}` +
      `${'ask share'.padStart(11)}${'budget'.padStart(8)}`,
  );
  for (const row of rows) {
    const askShare = 2 * (row.warmFit + row.predict);
    console.log(
      `${String(row.n).padStart(5)}${fmt(row.coldFit).padStart(10)}${fmt(row.warmFit).padStart(10)}${fmt(row.warmFitCpu)}${fmt(row.reuse)}${fmt(row.extend)}` +
        `${fmt(row.predict).padStart(9)}${fmt(row.predictCpu)}${row.cholesky.toFixed(2).padStart(8)}${fmt(row.warmFit / row.cholesky)}` +
        `${fmt(askShare).padStart(11)}${(budget[row.n] ? String(budget[row.n]) : '–').padStart(8)}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--sizes');
  await runGpFitBenchmark(at > 0 ? process.argv[at + 1].split(',').map(Number) : SIZES);
}
