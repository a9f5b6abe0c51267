import type { Standardization } from './standardize.js';

/** Training data for a Gaussian-process surrogate. */
export interface GPInputs {
  /**
   * n x d row-major. Numeric dims in [0, 1]; categorical dims hold one canonical number per category. In dims
   * flagged `conditional`, NaN marks a point where the parameter is inactive (the per-point activity mask).
   */
  x: Float64Array;
  n: number;
  d: number;
  /** n observations. */
  y: Float64Array;
  /** Optional known noise variances of y (n), in y's units squared (fold standard errors squared). */
  noiseVariance?: Float64Array;
  /** d flags: true where the dim is categorical (Hamming distance). */
  categorical: boolean[];
  /**
   * d flags: true where a numeric dim may be inactive (NaN in x). Such dims use the arc embedding of
   * input-distances.ts: 0 between two inactive points, the same amount between an inactive point and any
   * active value. Absent: no dim is conditional.
   */
  conditional?: boolean[];
}

/** Kernel and likelihood hyperparameters, in standardized-y units. */
export interface GPHyperparameters {
  /** d length scales of the ARD Matérn 5/2 kernel (inputs in [0, 1]; for categorical dims see the kernel). */
  lengthscales: Float64Array;
  /** Prior variance of the latent function. */
  signalVariance: number;
  /** Fitted homoscedastic noise variance, added to any known per-point noise. */
  noiseVariance: number;
}

export interface GPFitOptions {
  /** Seed for the random restarts (default 0); the same seed and data give the same fit. */
  seed?: number;
  /** Start from these hyperparameters (typically the previous fit's); turns random restarts off by default. */
  warmStart?: GPHyperparameters;
  /**
   * Random starting points drawn from the priors (default 4 without a warm start, 0 with one). All starting
   * points are screened by one likelihood evaluation each; only the best (warm) or best two (cold) are
   * optimized, so restarts with a warm start are cheap.
   */
  restarts?: number;
  /**
   * L-BFGS iterations per optimized start (default 60 without a warm start, 12 with one). 0 skips the optimizer:
   * the best screened start is used as is — with a plain warm start, one Cholesky factorization in all, for asks
   * that only condition on new data.
   */
  maxIterations?: number;
}

/** A Gaussian-process posterior with fixed hyperparameters. */
export interface GaussianProcess {
  readonly hyperparameters: GPHyperparameters;
  /** log p(y | X, hyperparameters) of the standardized observations (priors excluded). */
  readonly logMarginalLikelihood: number;
  /** m x d row-major → posterior mean and variance of the latent function, in y's ORIGINAL units. */
  predict(xq: Float64Array, m: number): { mean: Float64Array; variance: Float64Array };
  /**
   * Same hyperparameters, conditioned on m extra points (m x d row-major x, m values y in y's original units):
   * Kriging-believer fantasies, or new observations between two fits. No refit; the factor is extended (block
   * Cholesky, O(m·n²)) and so is L⁻¹ if already computed, with a full refactorization only if the extension is
   * numerically singular.
   */
  withObservations(x: Float64Array, y: Float64Array, m: number, options?: ObservationOptions): GaussianProcess;
}

export interface ObservationOptions {
  /** m known noise variances of the new points, in y's units squared. */
  noiseVariance?: Float64Array;
  /**
   * Standardize all observations with this instead of the GP's own (what conditioning on all of them from
   * scratch would do with standardizationOf): the same posterior as that, at the cost of an extension. Only
   * without known noise, which is standardized with y and so enters K. Cost O(n²) more (α anew).
   */
  standardization?: Standardization;
}
