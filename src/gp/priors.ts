import type { Rng } from '../random/rng.js';
import { HYPERPARAMETER_BOUNDS } from './hyperparameter-vector.js';

/**
 * Priors on the hyperparameters, as densities of the parameters themselves (not of their logs), which is how
 * GPyTorch/BoTorch and Optuna add them to the marginal likelihood.
 *
 * - Length scales: LogNormal(μ = √2 + ½·log d, σ = √3), the dimension-scaled prior of Hvarfner, Hellsten & Nardi,
 *   "Vanilla Bayesian Optimization Performs Great in High Dimensions" (ICML 2024), BoTorch's default since 0.12
 *   (`get_covar_module_with_dim_scaled_prior`). Its median grows like √d, matching the growth of distances.
 * - Signal variance: Gamma(concentration 2, rate 1), mode 1 — Optuna's GPSampler prior on its kernel scale,
 *   suited to standardized outputs.
 * - Noise variance: LogNormal(−4, 1), the noise prior of Hvarfner et al. 2024
 *   (BoTorch `get_gaussian_likelihood_with_lognormal_prior`).
 */
export const SIGNAL_VARIANCE_PRIOR = { concentration: 2, rate: 1 } as const;
export const NOISE_VARIANCE_PRIOR = { loc: -4, scale: 1 } as const;
const SQRT3 = Math.sqrt(3);

export function lengthscalePrior(d: number): { loc: number; scale: number } {
  return { loc: Math.SQRT2 + 0.5 * Math.log(Math.max(1, d)), scale: SQRT3 };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log p(θ) for u = (log ℓ_1..d, log σ_f², log σ_n²) (length d + 2), dropping no constants of the log-normals and
 * the normalizing constant of the gamma. Adds ∂ log p / ∂u into `gradient` when given. Cost: O(d).
 */
export function logHyperparameterPrior(u: Float64Array, d: number, gradient?: Float64Array): number {
  const { loc, scale } = lengthscalePrior(d);
  let total = 0;
  for (let i = 0; i < d; i++) {
    total += logNormalLogDensity(u[i], loc, scale);
    if (gradient) gradient[i] += logNormalLogDensityDerivative(u[i], loc, scale);
  }
  // Gamma(a, b) on θ = e^u: (a − 1)·u − b·e^u; derivative in u: (a − 1) − b·e^u.
  const signal = Math.exp(u[d]);
  total += (SIGNAL_VARIANCE_PRIOR.concentration - 1) * u[d] - SIGNAL_VARIANCE_PRIOR.rate * signal;
  if (gradient) gradient[d] += SIGNAL_VARIANCE_PRIOR.concentration - 1 - SIGNAL_VARIANCE_PRIOR.rate * signal;
  total += logNormalLogDensity(u[d + 1], NOISE_VARIANCE_PRIOR.loc, NOISE_VARIANCE_PRIOR.scale);
  if (gradient) {
    gradient[d + 1] += logNormalLogDensityDerivative(u[d + 1], NOISE_VARIANCE_PRIOR.loc, NOISE_VARIANCE_PRIOR.scale);
  }
  return total;
}

/** Log density of LogNormal(loc, scale) at θ = e^u: −u − log σ − ½log 2π − (u − loc)²/(2σ²). */
function logNormalLogDensity(u: number, loc: number, scale: number): number {
  const z = (u - loc) / scale;
  return -u - Math.log(scale) - LOG_SQRT_2PI - 0.5 * z * z;
}

function logNormalLogDensityDerivative(u: number, loc: number, scale: number): number {
  return -1 - (u - loc) / (scale * scale);
}

/** The hyperparameters at the priors' modes (BoTorch starts its length scales at the prior mode too). */
export function priorModeVector(d: number): Float64Array {
  const { loc, scale } = lengthscalePrior(d);
  const u = new Float64Array(d + 2);
  // LogNormal mode: exp(loc − scale²).
  u.fill(clamp(loc - scale * scale, HYPERPARAMETER_BOUNDS.lengthscale), 0, d);
  u[d] = Math.log((SIGNAL_VARIANCE_PRIOR.concentration - 1) / SIGNAL_VARIANCE_PRIOR.rate);
  u[d + 1] = NOISE_VARIANCE_PRIOR.loc - NOISE_VARIANCE_PRIOR.scale ** 2;
  return u;
}

/** A draw of u from the priors, clamped into the bounds: a random restart for the likelihood optimizer. */
export function samplePriorVector(d: number, rng: Rng): Float64Array {
  const { loc, scale } = lengthscalePrior(d);
  const u = new Float64Array(d + 2);
  for (let i = 0; i < d; i++) u[i] = clamp(loc + scale * rng.normal(), HYPERPARAMETER_BOUNDS.lengthscale);
  // Gamma(2, rate) is a sum of two exponentials.
  const signal = -(Math.log(1 - rng.next()) + Math.log(1 - rng.next())) / SIGNAL_VARIANCE_PRIOR.rate;
  u[d] = clamp(Math.log(signal), HYPERPARAMETER_BOUNDS.signalVariance);
  u[d + 1] = clamp(
    NOISE_VARIANCE_PRIOR.loc + NOISE_VARIANCE_PRIOR.scale * rng.normal(),
    HYPERPARAMETER_BOUNDS.noiseVariance,
  );
  return u;
}

function clamp(value: number, bounds: { lower: number; upper: number }): number {
  return Math.min(bounds.upper, Math.max(bounds.lower, value));
}
