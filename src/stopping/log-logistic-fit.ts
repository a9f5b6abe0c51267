import { deltaMethodSe, refineLeastSquares, sumSquares, type CurveFamily3 } from './least-squares.js';

/**
 * Least-squares fit of a log-logistic learning curve (a logistic in log tokens) to (tokens, value) points, and its
 * prediction with a standard error:
 *   f(t) = a / (1 + (t / m)^(−k)) = a · σ(k · (ln t − ln m)),   a ∈ ℝ, k > 0, m > 0,
 * the Hill3 family of Domhan, Springenberg & Hutter (IJCAI 2015), Table 1, y_max · x^η / (κ^η + x^η) (their "log
 * power" family, a / (1 + (x / e^b)^c), is the same curve in other parameters). Unlike exp3/pow3 it can stay near 0
 * for a while and rise late, with the steepest rise (in log tokens) at t = m and saturation towards a; its approach
 * to a is a power law, slower than exp3's, so on a curve that saturates exponentially it predicts more to come.
 *
 * Parameters fitted: (a, ln k, ln(m / scale)), scale = largest fitted tokens. a enters linearly, so for each
 * (k, m) on a log grid it is solved exactly (a = Σ s·y / Σ s², s = σ(k · (ln t − ln m))); the best grid point starts
 * Levenberg–Marquardt on all three, and the prediction's SE is the delta method's (least-squares.ts; Seber & Wild,
 * "Nonlinear Regression", §5.1). While the data lie deep in the lower tail (m far beyond them) little more than
 * a·m^(−k) is determined: the SE at later tokens is then usually large, but a noisy tail can also be fitted by a
 * low, confident ceiling, which is why callers wait until the curve has clearly risen. Deterministic. Cost: O(n · (grid + iterations)),
 * grid 15 · (about 4 · ln(largest / smallest tokens) + 17) points.
 */
export interface LogLogisticFit {
  model: 'logistic';
  /** Upper asymptote. */
  a: number;
  /** Steepness in log tokens. */
  k: number;
  /** Tokens at the midpoint, where f = a / 2. */
  m: number;
  /** Residual sum of squares. */
  sse: number;
  /** Points fitted. */
  n: number;
  /** Predicted value at `tokens`. */
  predict(tokens: number): number;
  /** Standard error of the prediction at `tokens` (delta method; Infinity if the fit is not identifiable). */
  predictionSe(tokens: number): number;
}

const LOG_K_MIN = Math.log(0.05);
const LOG_K_MAX = Math.log(100);
/** How far (in ln tokens) the midpoint may lie beyond the fitted points, on either side. */
const MIDPOINT_REACH = 10;

/**
 * Fits the log-logistic curve to the points; null when there are fewer than 4 points, or a value or token count is
 * not finite or a token count not positive. `tokens` and `values` have the same length n.
 */
export function fitLogLogisticCurve(tokens: readonly number[], values: readonly number[]): LogLogisticFit | null {
  const n = tokens.length;
  if (n < 4 || values.length !== n) return null;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(tokens[i]) || !Number.isFinite(values[i]) || !(tokens[i] > 0)) return null;
    scale = Math.max(scale, tokens[i]);
  }
  const x = tokens.map((t) => t / scale);
  const y = values;
  const logXMin = Math.log(Math.min(...x));
  const family = logLogisticFamily(logXMin - MIDPOINT_REACH, MIDPOINT_REACH);

  let best = { p: [0, 0, 0], sse: Infinity };
  for (let j = 0; j <= 14; j++) {
    const logK = Math.log(0.25) + (j / 2) * Math.LN2;
    // Midpoints from a little before the first point to well after the last (ln x = 0): a curve still rising at
    // its last evaluation has its midpoint ahead.
    for (let logM = logXMin - 1; logM <= 3 + 1e-9; logM += 0.25) {
      const a = amplitudeFor(x, y, Math.exp(logK), logM);
      const p = [a, logK, logM];
      const sse = sumSquares(x, y, family, p);
      if (sse < best.sse) best = { p, sse };
    }
  }
  const { p, sse } = refineLeastSquares(x, y, family, best.p, best.sse);
  const seAt = deltaMethodSe(x, y, family, p, sse);
  const [a, logK, logM] = p;
  return {
    model: 'logistic',
    a,
    k: Math.exp(logK),
    m: scale * Math.exp(logM),
    sse,
    n,
    predict: (t) => family.value(t / scale, p),
    predictionSe: (t) => seAt(t / scale),
  };
}

/** Exact least-squares a for y ≈ a · s with (k, ln m) held; 0 when every s underflows. */
function amplitudeFor(x: readonly number[], y: readonly number[], k: number, logM: number): number {
  let sy = 0;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const s = logistic(k * (Math.log(x[i]) - logM));
    sy += s * y[i];
    ss += s * s;
  }
  return ss > 0 ? sy / ss : 0;
}

/**
 * a · σ(z), z = k · (ln x − μ), in the parameters p = (a, ln k, μ) with μ = ln(m / scale);
 * ∂f/∂ln k = a σ(z) σ(−z) · z and ∂f/∂μ = −a σ(z) σ(−z) · k. ln k and μ are kept in a box.
 */
function logLogisticFamily(logMLow: number, logMHigh: number): CurveFamily3 {
  return {
    value: (x, p) => p[0] * logistic(Math.exp(p[1]) * (Math.log(x) - p[2])),
    gradient: (x, p) => {
      const k = Math.exp(p[1]);
      const z = k * (Math.log(x) - p[2]);
      const s = logistic(z);
      const slope = p[0] * s * logistic(-z);
      return [s, slope * z, -slope * k];
    },
    clamp: (p) => [p[0], clamp(p[1], LOG_K_MIN, LOG_K_MAX), clamp(p[2], logMLow, logMHigh)],
  };
}

/** σ(z) = 1 / (1 + e^(−z)); 0 or 1 in the tails without NaN. */
function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
