import { fitGaussianProcess, type GaussianProcess } from '../gp/index.js';
import type { Rng } from '../random/rng.js';

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
  /** A cold (multi-start) fit at least every this many fits of one surrogate. */
  readonly coldEveryFits: number;
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
  coldEveryFits: 10,
  coldGrowth: 1.3,
  warmIterations: (n) => (n <= 60 ? 40 : n <= 150 ? 12 : 4),
  coldRestarts: 4,
  coldIterations: 60,
};

interface CacheEntry {
  model: GaussianProcess;
  coldN: number;
  fitsSinceCold: number;
  fingerprint: string;
}

/**
 * Fits surrogates and keeps their hyperparameters between asks. Maximizing the marginal likelihood from several
 * starts dominates an ask's cost once n is in the hundreds, while one more observation barely moves the
 * optimum; so a full multi-start fit runs only every few fits (or when the data has grown a lot), other fits
 * start from the cached optimum for a few iterations, and unchanged data (an ask with no tell since the last one)
 * reuses the fitted model itself. Keyed by the caller's surrogate name (one per objective).
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
    const cold = !entry || entry.fitsSinceCold >= this.policy.coldEveryFits || data.n >= entry.coldN * this.policy.coldGrowth;
    const model = cold
      ? fitGaussianProcess(input, {
          seed,
          warmStart: entry?.model.hyperparameters,
          restarts: this.policy.coldRestarts,
          maxIterations: this.policy.coldIterations,
        })
      : fitGaussianProcess(input, {
          seed,
          warmStart: entry.model.hyperparameters,
          restarts: 0,
          maxIterations: this.policy.warmIterations(data.n),
        });
    this.entries.set(key, {
      model,
      coldN: cold ? data.n : entry!.coldN,
      fitsSinceCold: cold ? 0 : entry!.fitsSinceCold + 1,
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
