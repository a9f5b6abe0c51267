import { conditionGaussianProcess, fitGaussianProcess, type GaussianProcess, type GPHyperparameters } from '../gp/index.js';
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
}

export const DEFAULT_REFIT_POLICY: RefitPolicy = {
  // A cold fit costs seconds at n = 300: rarer as n grows (the optimum moves less with each observation).
  coldEveryFits: (n) => Math.max(10, Math.round(n / 5)),
  reuseFits: (n) => (n < 50 ? 0 : n < 150 ? 2 : 4),
  coldGrowth: 1.3,
  warmIterations: (n) => (n <= 60 ? 40 : n <= 150 ? 12 : 4),
  coldRestarts: 4,
  coldIterations: 60,
};

interface CacheEntry {
  model: GaussianProcess;
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
 * fitted model itself. The model is conditioned with adjusted hyperparameters (model-adjustments.ts). Keyed by the caller's surrogate name (one per objective).
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
    };
    const seed = Math.floor(rng.next() * 2 ** 31);
    if (entry && entry.fingerprint === fingerprint) return entry.model;
    const cold = !entry || entry.fitsSinceCold >= this.policy.coldEveryFits(data.n) || data.n >= entry.coldN * this.policy.coldGrowth;
    const reuse = !cold && entry.fitsSinceOptimized < this.policy.reuseFits(data.n);
    let fitted: GPHyperparameters;
    if (reuse) {
      fitted = entry.fitted;
    } else {
      fitted = fitGaussianProcess(
        input,
        cold
          ? { seed, warmStart: entry?.fitted, restarts: this.policy.coldRestarts, maxIterations: this.policy.coldIterations }
          : { seed, warmStart: entry.fitted, restarts: 0, maxIterations: this.policy.warmIterations(data.n) },
      ).hyperparameters;
    }
    let model: GaussianProcess;
    let adjustment: LengthscaleAdjustment;
    if (reuse) {
      adjustment = entry.adjustment;
      model = conditionGaussianProcess(input, adjustedHyperparameters(fitted, input, adjustment));
    } else {
      ({ model, adjustment } = conditionAsDataAllow(input, fitted));
    }
    this.entries.set(key, {
      model,
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

/** Identifies a data set cheaply (n and sums) to notice an ask on unchanged data. */
function fingerprintOf(data: SurrogateData): string {
  let sumY = 0;
  let sumX = 0;
  for (let i = 0; i < data.n; i++) sumY += data.y[i] * (i + 1);
  for (let i = 0; i < data.x.length; i++) sumX += data.x[i] * ((i % 97) + 1);
  return `${data.n}:${sumX}:${sumY}`;
}
