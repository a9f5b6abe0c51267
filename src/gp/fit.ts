import { minimizeLbfgsBox } from '../optim/index.js';
import { createRng } from '../random/rng.js';
import { fromHyperparameterVector, hyperparameterBounds, toHyperparameterVector } from './hyperparameter-vector.js';
import { MarginalLikelihoodObjective } from './marginal-likelihood.js';
import { conditionGaussianProcess, posteriorFromInputs } from './posterior.js';
import { priorModeVector, samplePriorVector } from './priors.js';
import { standardize, standardizationOf } from './standardize.js';
import type { GaussianProcess, GPFitOptions, GPInputs } from './types.js';
import { validateInputs } from './validate-inputs.js';

/**
 * relativeFunctionTolerance: stop an L-BFGS run once an iteration gains less than this times |log posterior|.
 * The fit feeds an acquisition function, and hyperparameters that differ by a few thousandths of a nat of
 * likelihood give indistinguishable surrogates. A warm start (one new observation) begins next to the optimum
 * and then creeps towards it by ~1e-3 nats per iteration, so it stops at 1e-4·|f| (about 3e-3 nats at
 * n = 100, 0.05 at n = 300 — well inside the posterior's own spread of about one nat); a cold start keeps
 * going to 1e-5·|f|.
 */
const COLD = { restarts: 4, maxIterations: 60, optimizedStarts: 2, relativeFunctionTolerance: 1e-5 } as const;
const WARM = { restarts: 0, maxIterations: 12, optimizedStarts: 1, relativeFunctionTolerance: 1e-4 } as const;
const GRADIENT_TOLERANCE = 1e-4;

/**
 * Fits an exact GP with an ARD Matérn 5/2 kernel (Hamming distance on categorical dims) to `inputs`: y is
 * standardized, known per-point noise (divided by y's variance) is added to the diagonal, and
 * (length scales, signal variance, noise variance) maximize the log marginal likelihood plus the log priors of
 * priors.ts, with analytic gradients, by box-constrained L-BFGS in log space.
 *
 * Starting points: the warm start (if any), the priors' modes (unless warm-started with no restarts), and
 * `restarts` draws from the priors (seeded). Each is screened with one likelihood evaluation; the best one
 * (warm) or two (cold) are optimized. A warm start with one new observation typically converges in a few
 * iterations. A sampler that warm-starts every ask can pass `restarts` every few asks to screen fresh starting
 * points at one Cholesky each, and cold-fit (no warm start) more rarely.
 *
 * Cost: per optimizer iteration one Cholesky and one inverse from it (n³/2 multiply-adds) plus n²·d; then one
 * more Cholesky for the posterior. Deterministic for a given seed.
 */
export function fitGaussianProcess(inputs: GPInputs, options: GPFitOptions = {}): GaussianProcess {
  validateInputs(inputs);
  const { n, d } = inputs;
  const standardization = standardizationOf(inputs.y, n);
  const warm = options.warmStart !== undefined;
  const defaults = warm ? WARM : COLD;

  const starts: Float64Array[] = [];
  if (options.warmStart) starts.push(toHyperparameterVector(options.warmStart, d));
  const restarts = options.restarts ?? defaults.restarts;
  // A plain warm start (the per-ask case) skips the prior mode to save a Cholesky; asking for restarts
  // brings it back as one more candidate.
  if (!warm || restarts > 0) starts.push(priorModeVector(d));
  const rng = createRng(options.seed ?? 0);
  for (let r = 0; r < restarts; r++) starts.push(samplePriorVector(d, rng));
  if (n === 0) return conditionGaussianProcess(inputs, fromHyperparameterVector(starts[0], d), standardization);

  const yStandardized = standardize(inputs.y, n, standardization);
  let knownNoise: Float64Array | undefined;
  if (inputs.noiseVariance) {
    const varianceScale = standardization.scale * standardization.scale;
    knownNoise = Float64Array.from(inputs.noiseVariance.subarray(0, n), (v) => v / varianceScale);
  }
  const objective = new MarginalLikelihoodObjective(inputs.x, n, d, inputs.categorical, yStandardized, knownNoise, inputs.conditional);
  const { lower, upper } = hyperparameterBounds(d);

  // Screening: one likelihood evaluation per start (a Cholesky), stable order on ties. The warm start goes
  // last, so that when it wins (the usual case) the optimizer's first evaluation reuses its factor.
  const screened = starts
    .map((u, index) => ({ u, index, value: Number.NaN }))
    .reverse()
    .map((start) => ({ ...start, value: objective.value(start.u) }))
    .sort((a, b) => a.value - b.value || a.index - b.index);

  let best = screened[0];
  const optimizedStarts = Math.min(defaults.optimizedStarts, screened.length);
  const maxIterations = options.maxIterations ?? defaults.maxIterations;
  // maxIterations 0 keeps the best screened start (a cheap refit: the sampler may re-optimize only every few asks).
  for (let s = 0; s < optimizedStarts && maxIterations > 0; s++) {
    if (!Number.isFinite(screened[s].value)) break;
    const result = minimizeLbfgsBox(objective, screened[s].u, lower, upper, {
      maxIterations,
      relativeFunctionTolerance: defaults.relativeFunctionTolerance,
      gradientTolerance: GRADIENT_TOLERANCE,
      // The Fisher information of a log-variance parameter is about n/2 (½·tr((K⁻¹∂K)²) with ∂K ≈ K), so 2/n
      // is a natural first inverse-Hessian scale: a warm start's first step is then about the right length
      // instead of a long steepest-descent step that the line search must cut back.
      initialInverseHessianScale: 2 / n,
    });
    if (result.value < best.value) best = { u: result.x, index: screened[s].index, value: result.value };
  }
  // If no start gave a finite likelihood, the posterior below still factors K with jitter at the first start.
  return posteriorFromInputs(inputs, fromHyperparameterVector(best.u, d), standardization, objective.factorAt(best.u));
}
