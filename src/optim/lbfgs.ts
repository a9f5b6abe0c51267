/**
 * A small limited-memory BFGS minimizer with box bounds, for the GP hyperparameter fit (a dozen variables).
 *
 * Directions come from the two-loop recursion (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4)
 * restricted to the free variables — those not held at a bound by a gradient pushing outward, as in
 * projected-gradient active-set methods (N&W §16.7) — and the step is found by backtracking along the projected
 * path with the Armijo condition (N&W Alg. 3.1, with safeguarded quadratic interpolation). Curvature pairs with
 * sᵀy ≤ 0 are skipped, which keeps the inverse-Hessian approximation positive definite without a Wolfe search.
 */
export interface BoundedObjective {
  /** f(x), or Infinity where f is undefined (the step is then shortened). */
  value(x: Float64Array): number;
  /** ∇f at the x of the most recent value() call, which returned a finite value. */
  gradientAtLastValue(out: Float64Array): void;
}

export interface LbfgsOptions {
  maxIterations: number;
  /** Curvature pairs kept. Default 8. */
  memory?: number;
  /** Stop when the largest free gradient component is below this. Default 1e-5. */
  gradientTolerance?: number;
  /** Stop when an iteration lowers f by less than this times max(1, |f|). Default 1e-9. */
  relativeFunctionTolerance?: number;
  /** Largest change of any variable in one step (log units for the GP). Default 1. */
  maxStep?: number;
  /**
   * Inverse-Hessian scale for the first step, before any curvature is known (N&W eq. 7.20 supplies it later).
   * Default: a step of maxStep along the steepest descent direction.
   */
  initialInverseHessianScale?: number;
}

export type LbfgsStop = 'gradient' | 'function' | 'iterations' | 'line-search' | 'not-finite';

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  stop: LbfgsStop;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 20;

/** Minimizes f over lower ≤ x ≤ upper from x0 (all length dim). Cost: per iteration ~1 value + 1 gradient. */
export function minimizeLbfgsBox(
  objective: BoundedObjective,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  options: LbfgsOptions,
): LbfgsResult {
  const dim = x0.length;
  const memory = options.memory ?? 8;
  const gradientTolerance = options.gradientTolerance ?? 1e-5;
  const functionTolerance = options.relativeFunctionTolerance ?? 1e-9;
  const maxStep = options.maxStep ?? 1;

  const x = new Float64Array(dim);
  for (let i = 0; i < dim; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
  let evaluations = 1;
  let f = objective.value(x);
  if (!Number.isFinite(f)) return { x, value: f, iterations: 0, evaluations, stop: 'not-finite' };
  const g = new Float64Array(dim);
  objective.gradientAtLastValue(g);

  const s = new Float64Array(memory * dim);
  const y = new Float64Array(memory * dim);
  const rho = new Float64Array(memory);
  const coefficients = new Float64Array(memory);
  let stored = 0;
  let newest = -1;
  const free = new Uint8Array(dim);
  const direction = new Float64Array(dim);
  const trial = new Float64Array(dim);
  const trialGradient = new Float64Array(dim);

  let iterations = 0;
  let stop: LbfgsStop = 'iterations';
  while (iterations < options.maxIterations) {
    let projectedGradientNorm = 0;
    for (let i = 0; i < dim; i++) {
      const heldAtBound = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
      free[i] = heldAtBound ? 0 : 1;
      if (!heldAtBound) projectedGradientNorm = Math.max(projectedGradientNorm, Math.abs(g[i]));
    }
    if (projectedGradientNorm < gradientTolerance) {
      stop = 'gradient';
      break;
    }

    // Two-loop recursion on the free components.
    for (let i = 0; i < dim; i++) direction[i] = free[i] ? g[i] : 0;
    for (let back = 0; back < stored; back++) {
      const slot = (newest - back + memory) % memory;
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += s[slot * dim + i] * direction[i];
      coefficients[slot] = rho[slot] * dot;
      for (let i = 0; i < dim; i++) direction[i] -= coefficients[slot] * y[slot * dim + i];
    }
    let initialScale: number;
    if (stored > 0) {
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < dim; i++) {
        sy += s[newest * dim + i] * y[newest * dim + i];
        yy += y[newest * dim + i] ** 2;
      }
      initialScale = sy / yy;
    } else {
      initialScale = options.initialInverseHessianScale ?? maxStep / projectedGradientNorm;
    }
    for (let i = 0; i < dim; i++) direction[i] *= initialScale;
    for (let forward = stored - 1; forward >= 0; forward--) {
      const slot = (newest - forward + memory) % memory;
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += y[slot * dim + i] * direction[i];
      const correction = coefficients[slot] - rho[slot] * dot;
      for (let i = 0; i < dim; i++) direction[i] += correction * s[slot * dim + i];
    }
    let slope = 0;
    let largestComponent = 0;
    for (let i = 0; i < dim; i++) {
      direction[i] = free[i] ? -direction[i] : 0;
      slope += direction[i] * g[i];
      largestComponent = Math.max(largestComponent, Math.abs(direction[i]));
    }
    if (!(slope < 0)) {
      // The quasi-Newton model went bad (it can after bounds change the free set): restart from steepest descent.
      stored = 0;
      newest = -1;
      for (let i = 0; i < dim; i++) direction[i] = free[i] ? (-g[i] * maxStep) / projectedGradientNorm : 0;
      largestComponent = maxStep;
      slope = 0;
      for (let i = 0; i < dim; i++) slope += direction[i] * g[i];
    }

    let step = largestComponent > maxStep ? maxStep / largestComponent : 1;
    let accepted = false;
    let trialValue = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < MAX_BACKTRACKS; attempt++) {
      let predictedDecrease = 0;
      for (let i = 0; i < dim; i++) {
        trial[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * direction[i]));
        predictedDecrease += g[i] * (trial[i] - x[i]);
      }
      evaluations++;
      trialValue = objective.value(trial);
      if (Number.isFinite(trialValue) && trialValue <= f + ARMIJO * predictedDecrease) {
        accepted = true;
        break;
      }
      if (Number.isFinite(trialValue)) {
        // Minimizer of the quadratic through f, its slope and the trial value, kept within [0.01, 0.5]·step.
        const curvature = trialValue - f - slope * step;
        const interpolated = curvature > 0 ? (-slope * step * step) / (2 * curvature) : 0.5 * step;
        step = Math.min(0.5 * step, Math.max(0.01 * step, interpolated));
      } else {
        step *= 0.2;
      }
    }
    iterations++;
    if (!accepted) {
      stop = 'line-search';
      break;
    }

    objective.gradientAtLastValue(trialGradient);
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < dim; i++) {
      const gradientChange = trialGradient[i] - g[i];
      sy += (trial[i] - x[i]) * gradientChange;
      yy += gradientChange * gradientChange;
    }
    if (sy > 1e-10 * yy) {
      const slot = (newest + 1) % memory;
      for (let i = 0; i < dim; i++) {
        s[slot * dim + i] = trial[i] - x[i];
        y[slot * dim + i] = trialGradient[i] - g[i];
      }
      rho[slot] = 1 / sy;
      newest = slot;
      stored = Math.min(stored + 1, memory);
    }
    const decrease = f - trialValue;
    x.set(trial);
    g.set(trialGradient);
    f = trialValue;
    if (decrease <= functionTolerance * Math.max(1, Math.abs(f))) {
      stop = 'function';
      break;
    }
  }
  return { x, value: f, iterations, evaluations, stop };
}
