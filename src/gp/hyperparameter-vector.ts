import type { GPHyperparameters } from './types.js';

// The optimizer works on u = (log ℓ_1 … log ℓ_d, log signalVariance, log noiseVariance), length d + 2:
// positivity is free and the likelihood is far better scaled in logs.

/** Box bounds on u (natural logs). The noise floor of 1e-6 is Optuna's DEFAULT_MINIMUM_NOISE_VAR. */
export const HYPERPARAMETER_BOUNDS = {
  // BoTorch constrains length scales to ≥ 0.025 for numerical stability (gpytorch_modules.py); above 1e3 every
  // dim of [0, 1] is flat anyway.
  lengthscale: { lower: Math.log(0.025), upper: Math.log(1e3) },
  signalVariance: { lower: Math.log(1e-2), upper: Math.log(1e2) },
  noiseVariance: { lower: Math.log(1e-6), upper: Math.log(10) },
} as const;

export function hyperparameterBounds(d: number): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(d + 2);
  const upper = new Float64Array(d + 2);
  lower.fill(HYPERPARAMETER_BOUNDS.lengthscale.lower, 0, d);
  upper.fill(HYPERPARAMETER_BOUNDS.lengthscale.upper, 0, d);
  lower[d] = HYPERPARAMETER_BOUNDS.signalVariance.lower;
  upper[d] = HYPERPARAMETER_BOUNDS.signalVariance.upper;
  lower[d + 1] = HYPERPARAMETER_BOUNDS.noiseVariance.lower;
  upper[d + 1] = HYPERPARAMETER_BOUNDS.noiseVariance.upper;
  return { lower, upper };
}

/** u from hyperparameters, clamped into the bounds (a warm start from another data set may sit outside). */
export function toHyperparameterVector(hyperparameters: GPHyperparameters, d: number): Float64Array {
  if (hyperparameters.lengthscales.length !== d) {
    throw new Error(`warm start has ${hyperparameters.lengthscales.length} length scales, expected ${d}`);
  }
  const { lower, upper } = hyperparameterBounds(d);
  const u = new Float64Array(d + 2);
  for (let i = 0; i < d; i++) u[i] = Math.log(hyperparameters.lengthscales[i]);
  u[d] = Math.log(hyperparameters.signalVariance);
  u[d + 1] = Math.log(hyperparameters.noiseVariance);
  for (let i = 0; i < d + 2; i++) {
    // log 0 = −∞ clamps to the lower bound; only a NaN carries no information and falls back to mid-range.
    const value = Number.isNaN(u[i]) ? (lower[i] + upper[i]) / 2 : u[i];
    u[i] = Math.min(upper[i], Math.max(lower[i], value));
  }
  return u;
}

export function fromHyperparameterVector(u: Float64Array, d: number): GPHyperparameters {
  const lengthscales = new Float64Array(d);
  for (let i = 0; i < d; i++) lengthscales[i] = Math.exp(u[i]);
  return { lengthscales, signalVariance: Math.exp(u[d]), noiseVariance: Math.exp(u[d + 1]) };
}
