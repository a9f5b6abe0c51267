/**
 * Least-squares fit of a saturating learning curve to (tokens, value) points, and its prediction with a standard
 * error. Two three-parameter families from Domhan, Springenberg & Hutter, "Speeding up Automatic Hyperparameter
 * Optimization of Deep Neural Networks by Extrapolation of Learning Curves" (IJCAI 2015), Table 1:
 *   exp3:  f(x) = a − b · exp(−c · x)        pow3:  f(x) = a − b · x^(−c)
 * with x = tokens / (largest fitted tokens), so x ≤ 1 on the data, and c = exp(θ) > 0 so the curve saturates
 * towards a. Domhan et al. average 11 families by MCMC; this is one family at a time with a point estimate:
 * (a, b) solved exactly for each c on a log grid, the best start refined by Levenberg–Marquardt (Marquardt 1963,
 * diagonal scaling), and the prediction's variance by the delta method, gᵀ σ² (JᵀJ)⁻¹ g with σ² = SSE / (n − 3)
 * (Seber & Wild, "Nonlinear Regression", §5.1). Deterministic. Cost: O(n · (grid + iterations)).
 */
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

const MAX_ITERATIONS = 100;
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
  let p = [best.a, best.b, best.logC];
  let sse = best.sse;
  let lambda = 1e-3;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { jtj, jtr } = normalEquations(x, y, model, p);
    const damped = jtj.map((row, i) => row.map((v, j) => (i === j ? v + lambda * Math.max(v, 1e-12) : v)));
    const step = solve3(damped, jtr);
    if (step === null) break;
    const candidate = [p[0] + step[0], p[1] + step[1], clamp(p[2] + step[2], LOG_C_MIN, LOG_C_MAX)];
    const candidateSse = sumSquares(x, y, model, candidate);
    if (candidateSse < sse) {
      const converged = sse - candidateSse <= 1e-12 * (sse + 1e-300);
      p = candidate;
      sse = candidateSse;
      lambda = Math.max(lambda / 3, 1e-12);
      if (converged) break;
    } else {
      lambda *= 4;
      if (lambda > 1e12) break;
    }
  }

  const [a, b, logC] = p;
  const c = Math.exp(logC);
  const { jtj } = normalEquations(x, y, model, p);
  const sigma2 = n > 3 ? sse / (n - 3) : Infinity;
  // A tiny ridge keeps (JᵀJ)⁻¹ finite when b = 0 leaves the rate unidentified; that direction then has no effect
  // on the prediction's gradient either.
  const ridge = 1e-12 * (jtj[0][0] + jtj[1][1] + jtj[2][2]);
  const ridged = jtj.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v)));
  const predict = (t: number): number => a - b * basis(model, t / scale, c);
  const predictionSe = (t: number): number => {
    const g = gradient(model, t / scale, b, c);
    const covG = solve3(ridged, g);
    if (covG === null) return Infinity;
    const variance = sigma2 * (g[0] * covG[0] + g[1] * covG[1] + g[2] * covG[2]);
    return variance >= 0 && Number.isFinite(variance) ? Math.sqrt(variance) : Infinity;
  };
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
  return { a, b, sse: sumSquares(x, y, model, [a, b, Math.log(c)]) };
}

function sumSquares(x: readonly number[], y: readonly number[], model: SaturatingModel, p: readonly number[]): number {
  const c = Math.exp(p[2]);
  let sse = 0;
  for (let i = 0; i < x.length; i++) sse += (y[i] - (p[0] - p[1] * basis(model, x[i], c))) ** 2;
  return Number.isFinite(sse) ? sse : Infinity;
}

/** JᵀJ (3 x 3) and Jᵀr (3) at p, r = y − f. */
function normalEquations(
  x: readonly number[],
  y: readonly number[],
  model: SaturatingModel,
  p: readonly number[],
): { jtj: number[][]; jtr: number[] } {
  const c = Math.exp(p[2]);
  const jtj = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const jtr = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const row = gradient(model, x[i], p[1], c);
    const residual = y[i] - (p[0] - p[1] * basis(model, x[i], c));
    for (let j = 0; j < 3; j++) {
      jtr[j] += row[j] * residual;
      for (let k = 0; k < 3; k++) jtj[j][k] += row[j] * row[k];
    }
  }
  return { jtj, jtr };
}

/** Solves the 3 x 3 system A z = v by Gaussian elimination with partial pivoting; null if singular. */
function solve3(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] | null {
  const m = matrix.map((row, i) => [...row, vector[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (!(Math.abs(m[pivot][col]) > 1e-300)) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < 3; r++) {
      const factor = m[r][col] / m[col][col];
      for (let k = col; k < 4; k++) m[r][k] -= factor * m[col][k];
    }
  }
  const z = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let sum = m[r][3];
    for (let k = r + 1; k < 3; k++) sum -= m[r][k] * z[k];
    z[r] = sum / m[r][r];
  }
  return z.every(Number.isFinite) ? z : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
