import { conditionGaussianProcess, fitGaussianProcess, standardizationOf, type GaussianProcess, type GPHyperparameters } from '../gp/index.js';
import type { Rng } from '../random/rng.js';
import { adjustedHyperparameters, conditionAsDataAllow, type LengthscaleAdjustment } from './model-adjustments.js';

/** Training data of one surrogate. */
export interface SurrogateData {
  /** n x d, row-major, canonical points in [0,1]^d. */
  readonly x: Float64Array;
  readonly n: number;
  readonly d: number;
  /** n values on the minimized, modelled scale. */
  readonly y: Float64Array;
  /** n known observation variances (squared standard errors), if any were told. */
  readonly noiseVariance?: Float64Array;
  readonly categorical: readonly boolean[];
  /** Dims whose coordinate is NaN where the parameter is inactive (see GPInputs.conditional), if any. */
  readonly conditional?: readonly boolean[];
}

export interface RefitPolicy {
  /** A cold (multi-start) fit at least every this many fits of one surrogate with n observations. */
  readonly coldEveryFits: (n: number) => number;
  /**
   * Fits with n observations that only condition on the data with the cached hyperparameters (one Cholesky, no
   * likelihood optimization) between two optimizing fits: 0 optimizes at every change of the data.
   */
  readonly reuseFits: (n: number) => number;
  /** … or when the data has grown by this factor since the last cold fit. */
  readonly coldGrowth: number;
  /** Optimizer iterations of a warm-started fit (from the cached hyperparameters) when the data changed. */
  readonly warmIterations: (n: number) => number;
  /** Random restarts of a cold fit (besides the previous optimum and the priors' mode). */
  readonly coldRestarts: number;
  /** Optimizer iterations of a cold fit. */
  readonly coldIterations: number;
  /**
   * From this many modelled observations on, a fit that only conditions on new data extends the previous
   * model's Cholesky factor (and L⁻¹) by the new rows instead of refactoring: O(n²) per new observation against
   * n³/6 + n³/6: the same posterior, to rounding (with known noise the extended model keeps the previous
   * standardization of y until the next optimizing fit).
   */
  readonly incrementalFrom: number;
  /**
   * Above this many observations the hyperparameters are fitted (and the length-scale adjustment chosen) on
   * the most recent this-many observations only; the model is then conditioned on all of them. Each
   * likelihood evaluation costs n³/2 (a Cholesky and an inverse), so this bounds a fit's cost.
   */
  readonly fitSubsetSize: number;
}

/**
 * Below 200 observations a refactorization costs at most a few milliseconds (n³/6 ≈ 1.3·10⁶ multiply-adds at
 * 200), so every model is conditioned from scratch there, bit for bit as the optimizer's quality figures (50
 * and 100 evaluations) were measured: the extension agrees only to rounding, which can change which of two
 * nearly equal candidates wins. Above it the extension is the cheaper path (see RefitPolicy.incrementalFrom).
 * Forced on from the first observation, it left the benchmark problems' hypervolumes at 50 and 100 evaluations
 * unchanged (benchmarks/optimizer.ts --approximations).
 */
export const INCREMENTAL_UPDATE_FROM = 200;

/**
 * 300 observations: the largest size the refit schedule below was tuned at (a cold fit takes seconds there,
 * a warm fit tens of milliseconds). On all observations a cold fit took 80 s at n = 1,000 on the project's
 * loaded 2-core VM, and would take 27 times that at n = 3,000. Forced down to the last 30 observations on the
 * benchmark problems (benchmarks/optimizer.ts --approximations, 5 seeds), the subset fit cost DTLZ2 0.3 and 0.5
 * points of hypervolume at 50 and 100 evaluations and ZDT3 3.7 points at 50 (none at 100).
 */
export const HYPERPARAMETER_FIT_SUBSET = 300;

export const DEFAULT_REFIT_POLICY: RefitPolicy = {
  // A cold fit costs seconds at n = 300: rarer as n grows (the optimum moves less with each observation).
  coldEveryFits: (n) => Math.max(10, Math.round(n / 5)),
  reuseFits: (n) => (n < 50 ? 0 : n < 150 ? 2 : 4),
  coldGrowth: 1.3,
  warmIterations: (n) => (n <= 60 ? 40 : n <= 150 ? 12 : 4),
  coldRestarts: 4,
  coldIterations: 60,
  incrementalFrom: INCREMENTAL_UPDATE_FROM,
  fitSubsetSize: HYPERPARAMETER_FIT_SUBSET,
};

interface CacheEntry {
  model: GaussianProcess;
  /** The data `model` is conditioned on, in the caller's row order (the model's own order may differ). */
  data: SurrogateData;
  /** The fit's hyperparameters (before any noise floor): the warm start of the next fit. */
  fitted: GPHyperparameters;
  /** The length-scale adjustment chosen with them (see conditionAsDataAllow). */
  adjustment: LengthscaleAdjustment;
  coldN: number;
  fitsSinceCold: number;
  fitsSinceOptimized: number;
  fingerprint: string;
}

/**
 * Fits surrogates and keeps their hyperparameters between asks. Maximizing the marginal likelihood from several
 * starts dominates an ask's cost once n is in the hundreds, while one more observation barely moves the
 * optimum; so a full multi-start fit runs only every few fits (or when the data has grown a lot), other fits
 * start from the cached optimum for a few iterations — or, for large n, most fits only condition on the new data
 * with the cached hyperparameters — and unchanged data (an ask with no tell since the last one) reuses the
 * fitted model itself. The model is conditioned with adjusted hyperparameters (model-adjustments.ts). Keyed by
 * the caller's surrogate name (one per objective).
 *
 * Large data (RefitPolicy.incrementalFrom, fitSubsetSize): a conditioning-only fit extends the previous model
 * by the new rows in O(n²) each, and an optimizing fit works on the most recent observations, so that the only
 * n³ step left is one factorization (and L⁻¹ for prediction) per optimizing fit.
 */
export class SurrogateCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly policy: RefitPolicy = DEFAULT_REFIT_POLICY) {}

  fit(key: string, data: SurrogateData, rng: Rng): GaussianProcess {
    const entry = this.entries.get(key);
    const fingerprint = fingerprintOf(data);
    const input = {
      x: data.x,
      n: data.n,
      d: data.d,
      y: data.y,
      noiseVariance: data.noiseVariance,
      categorical: [...data.categorical],
      conditional: data.conditional ? [...data.conditional] : undefined,
    };
    const seed = Math.floor(rng.next() * 2 ** 31);
    if (entry && entry.fingerprint === fingerprint) return entry.model;
    const cold = !entry || entry.fitsSinceCold >= this.policy.coldEveryFits(data.n) || data.n >= entry.coldN * this.policy.coldGrowth;
    const reuse = !cold && entry.fitsSinceOptimized < this.policy.reuseFits(data.n);
    let fitted: GPHyperparameters;
    let model: GaussianProcess;
    let adjustment: LengthscaleAdjustment;
    if (reuse) {
      fitted = entry.fitted;
      adjustment = entry.adjustment;
      const added = entry.data.n >= this.policy.incrementalFrom ? addedRows(entry.data, data) : undefined;
      model = added
        ? extendModel(entry.model, data, added)
        : conditionGaussianProcess(input, adjustedHyperparameters(fitted, input, adjustment));
    } else {
      // Large data: hyperparameters and adjustment from the most recent observations, then one conditioning on all.
      const fitInput = data.n > this.policy.fitSubsetSize ? lastRows(input, this.policy.fitSubsetSize) : input;
      fitted = fitGaussianProcess(
        fitInput,
        cold
          ? { seed, warmStart: entry?.fitted, restarts: this.policy.coldRestarts, maxIterations: this.policy.coldIterations }
          : { seed, warmStart: entry.fitted, restarts: 0, maxIterations: this.policy.warmIterations(fitInput.n) },
      ).hyperparameters;
      ({ model, adjustment } = conditionAsDataAllow(fitInput, fitted));
      if (fitInput !== input) model = conditionGaussianProcess(input, adjustedHyperparameters(fitted, input, adjustment));
    }
    this.entries.set(key, {
      model,
      data: copyOf(data),
      fitted,
      coldN: cold ? data.n : entry!.coldN,
      fitsSinceCold: cold ? 0 : entry!.fitsSinceCold + 1,
      fitsSinceOptimized: reuse ? entry!.fitsSinceOptimized + 1 : 0,
      adjustment,
      fingerprint,
    });
    return model;
  }
}

/**
 * The rows of `current` that `previous` lacks, if `previous`'s rows all appear in `current` in the same relative
 * order (new observations appended or inserted, none removed or changed; known noise unchanged); else
 * undefined. Equal rows are interchangeable, so the greedy match is exact. Cost O(n·d).
 */
export function addedRows(previous: SurrogateData, current: SurrogateData): number[] | undefined {
  if (previous.d !== current.d || Boolean(previous.noiseVariance) !== Boolean(current.noiseVariance)) return undefined;
  if (current.n <= previous.n) return undefined;
  const d = current.d;
  const added: number[] = [];
  let matched = 0;
  for (let row = 0; row < current.n; row++) {
    if (matched < previous.n && sameRow(previous, matched, current, row, d)) matched++;
    else added.push(row);
  }
  return matched === previous.n ? added : undefined;
}

function sameRow(a: SurrogateData, i: number, b: SurrogateData, j: number, d: number): boolean {
  if (a.y[i] !== b.y[j]) return false;
  if (a.noiseVariance && a.noiseVariance[i] !== b.noiseVariance![j]) return false;
  // Object.is: an inactive coordinate (NaN) equals itself.
  for (let k = 0; k < d; k++) if (!Object.is(a.x[i * d + k], b.x[j * d + k])) return false;
  return true;
}

/** `model` conditioned on the rows `added` of `data` as well (same hyperparameters). O(|added|·n²). */
function extendModel(model: GaussianProcess, data: SurrogateData, added: readonly number[]): GaussianProcess {
  const { d } = data;
  const x = new Float64Array(added.length * d);
  const y = new Float64Array(added.length);
  const noise = data.noiseVariance ? new Float64Array(added.length) : undefined;
  added.forEach((row, r) => {
    x.set(data.x.subarray(row * d, (row + 1) * d), r * d);
    y[r] = data.y[row];
    if (noise) noise[r] = data.noiseVariance![row];
  });
  // Without known noise the extension restandardizes y as conditioning from scratch would (the same posterior);
  // known noise is standardized with y, so then the previous standardization stays until the next fit.
  return model.withObservations(x, y, added.length, noise ? { noiseVariance: noise } : { standardization: standardizationOf(data.y, data.n) });
}

/** The last `count` rows of `inputs` (views, not copies). */
function lastRows<T extends SurrogateData>(inputs: T, count: number): T {
  const start = inputs.n - count;
  const { d } = inputs;
  return {
    ...inputs,
    x: inputs.x.subarray(start * d, inputs.n * d),
    y: inputs.y.subarray(start, inputs.n),
    noiseVariance: inputs.noiseVariance?.subarray(start, inputs.n),
    n: count,
  };
}

function copyOf(data: SurrogateData): SurrogateData {
  return {
    x: Float64Array.from(data.x.subarray(0, data.n * data.d)),
    n: data.n,
    d: data.d,
    y: Float64Array.from(data.y.subarray(0, data.n)),
    noiseVariance: data.noiseVariance ? Float64Array.from(data.noiseVariance.subarray(0, data.n)) : undefined,
    categorical: data.categorical,
    conditional: data.conditional,
  };
}

/** Identifies a data set cheaply (n and sums) to notice an ask on unchanged data. */
function fingerprintOf(data: SurrogateData): string {
  let sumY = 0;
  let sumX = 0;
  for (let i = 0; i < data.n; i++) sumY += data.y[i] * (i + 1);
  // An inactive coordinate (NaN) counts as −1, a value no active coordinate takes.
  for (let i = 0; i < data.x.length; i++) sumX += (Number.isNaN(data.x[i]) ? -1 : data.x[i]) * ((i % 97) + 1);
  return `${data.n}:${sumX}:${sumY}`;
}
