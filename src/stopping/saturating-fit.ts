/**
 * Least-squares fit of a saturating learning curve to (tokens, value) points, and its prediction with a standard
 * error. Two three-parameter families from Domhan, Springenberg & Hutter, "Speeding up Automatic Hyperparameter
 * Optimization of Deep Neural Networks by Extrapolation of Learning Curves" (IJCAI 2015), Table 1:
 *   exp3:  f(x) = a − b · exp(−c · x)        pow3:  f(x) = a − b · x^(−c)
 * with x = tokens / (largest fitted tokens), so x ≤ 1 on the data, and c = exp(θ) > 0 so the curve saturates
 * towards a. Domhan et al. average 11 families by MCMC; this is one family at a time with a point estimate:
 * (a, b) solved exactly for each c on a log grid, the best start refined by Levenberg–Marquardt (Marquardt 1963,
 * diagonal scaling) on (a, b, θ), and the prediction's variance by the delta method, gᵀ σ² (JᵀJ)⁻¹ g with
 * σ² = SSE / (n − 3) (Seber & Wild, "Nonlinear Regression", §5.1); both in least-squares.ts. Deterministic. Cost: O(n · (grid + iterations)).
 */
import { deltaMethodSe, refineLeastSquares, sumSquares, type CurveFamily3 } from './least-squares.js';

export type SaturatingModel = 'exp3' | 'pow3';

export interface SaturatingFit {
  model: SaturatingModel;
  /** Asymptote. */
  a: number;
  b: number;
  /** Rate in units of x = tokens / scale. */
  c: number;
  /** Tokens that map to x = 1. */
  scale: number;
  /** Residual sum of squares. */
  sse: number;
  /** Points fitted. */
  n: number;
  /** Predicted value at `tokens`. */
  predict(tokens: number): number;
  /** Standard error of the prediction at `tokens` (delta method; Infinity if the fit is not identifiable). */
  predictionSe(tokens: number): number;
}

const LOG_C_MIN = Math.log(1e-3);
const LOG_C_MAX = Math.log(1e3);

/**
 * Fits `model` to the points; null when there are fewer than 4 points, a value or token count is not finite, or
 * (pow3) a token count is not positive. `tokens` and `values` have the same length n.
 */
export function fitSaturatingCurve(
  tokens: readonly number[],
  values: readonly number[],
  model: SaturatingModel,
): SaturatingFit | null {
  const n = tokens.length;
  if (n < 4 || values.length !== n) return null;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(tokens[i]) || !Number.isFinite(values[i])) return null;
    if (model === 'pow3' && tokens[i] <= 0) return null;
    scale = Math.max(scale, Math.abs(tokens[i]));
  }
  if (scale === 0) return null;
  const x = tokens.map((t) => t / scale);
  const y = values;

  let best = { a: 0, b: 0, logC: 0, sse: Infinity };
  for (const c of rateGrid(model)) {
    const start = linearFitForRate(x, y, model, c);
    if (start.sse < best.sse) best = { ...start, logC: Math.log(c) };
  }
  const family = saturatingFamily(model);
  const { p, sse } = refineLeastSquares(x, y, family, [best.a, best.b, best.logC], best.sse);
  const [a, b, logC] = p;
  const c = Math.exp(logC);
  const seAt = deltaMethodSe(x, y, family, p, sse);
  const predict = (t: number): number => a - b * basis(model, t / scale, c);
  const predictionSe = (t: number): number => seAt(t / scale);
  return { model, a, b, c, scale, sse, n, predict, predictionSe };
}

function rateGrid(model: SaturatingModel): number[] {
  const rates: number[] = [];
  if (model === 'exp3') for (let k = 0; k <= 12; k++) rates.push(0.1 * 2 ** k);
  else for (let k = 0; k <= 7; k++) rates.push(0.05 * 2 ** k);
  return rates;
}

/** exp(−c x) or x^(−c). */
function basis(model: SaturatingModel, x: number, c: number): number {
  return model === 'exp3' ? Math.exp(-c * x) : Math.pow(x, -c);
}

/** The family a − b · basis(x, c) in the parameters (a, b, θ), c = exp(θ), θ kept in [ln 1e-3, ln 1e3]. */
function saturatingFamily(model: SaturatingModel): CurveFamily3 {
  return {
    value: (x, p) => p[0] - p[1] * basis(model, x, Math.exp(p[2])),
    gradient: (x, p) => gradient(model, x, p[1], Math.exp(p[2])),
    clamp: (p) => [p[0], p[1], clamp(p[2], LOG_C_MIN, LOG_C_MAX)],
  };
}

/** ∂f/∂(a, b, θ) at x, with c = exp(θ). */
function gradient(model: SaturatingModel, x: number, b: number, c: number): number[] {
  const g = basis(model, x, c);
  const dBasisDc = model === 'exp3' ? -x * g : -Math.log(x) * g;
  return [1, -g, -b * dBasisDc * c];
}

/** Exact least squares for (a, b) with the rate held at c. */
function linearFitForRate(
  x: readonly number[],
  y: readonly number[],
  model: SaturatingModel,
  c: number,
): { a: number; b: number; sse: number } {
  const n = x.length;
  const g = x.map((xi) => basis(model, xi, c));
  const meanG = g.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sgy = 0;
  let sgg = 0;
  for (let i = 0; i < n; i++) {
    sgy += (g[i] - meanG) * (y[i] - meanY);
    sgg += (g[i] - meanG) ** 2;
  }
  // y = a − b g: the slope on g is −b.
  const b = sgg > 0 && Number.isFinite(sgg) ? -sgy / sgg : 0;
  const a = meanY + b * meanG;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { a: meanY, b: 0, sse: Infinity };
  return { a, b, sse: sumSquares(x, y, saturatingFamily(model), [a, b, Math.log(c)]) };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
