/**
 * Nonlinear least squares for the three-parameter learning-curve families (saturating-fit.ts, log-logistic-fit.ts):
 * Levenberg–Marquardt refinement of a start found by the caller (Marquardt 1963, diagonal scaling), and the
 * standard error of a prediction by the delta method, gᵀ σ² (JᵀJ)⁻¹ g with σ² = SSE / (n − 3) (Seber & Wild,
 * "Nonlinear Regression", §5.1). Deterministic. Cost: O(n) per iteration, at most 100 iterations.
 */

/** A curve family with three parameters p: its value and gradient ∂f/∂p at x, and the box p is kept in. */
export interface CurveFamily3 {
  value(x: number, p: readonly number[]): number;
  /** ∂f/∂(p₀, p₁, p₂) at x (length 3). */
  gradient(x: number, p: readonly number[]): number[];
  /** p moved back into the family's admissible box (applied to every step). */
  clamp(p: readonly number[]): number[];
}

const MAX_ITERATIONS = 100;

/** Residual sum of squares of `family` at p over the points (x, y); Infinity if it is not finite. */
export function sumSquares(x: readonly number[], y: readonly number[], family: CurveFamily3, p: readonly number[]): number {
  let sse = 0;
  for (let i = 0; i < x.length; i++) sse += (y[i] - family.value(x[i], p)) ** 2;
  return Number.isFinite(sse) ? sse : Infinity;
}

/**
 * Levenberg–Marquardt from `start` (whose residual sum of squares is `startSse`): damped Gauss–Newton steps
 * (JᵀJ + λ diag(JᵀJ)) δ = Jᵀr, accepted only when they lower the SSE. Returns the best parameters found.
 */
export function refineLeastSquares(
  x: readonly number[],
  y: readonly number[],
  family: CurveFamily3,
  start: readonly number[],
  startSse: number,
): { p: number[]; sse: number } {
  let p = [...start];
  let sse = startSse;
  let lambda = 1e-3;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { jtj, jtr } = normalEquations(x, y, family, p);
    const damped = jtj.map((row, i) => row.map((v, j) => (i === j ? v + lambda * Math.max(v, 1e-12) : v)));
    const step = solve3(damped, jtr);
    if (step === null) break;
    const candidate = family.clamp([p[0] + step[0], p[1] + step[1], p[2] + step[2]]);
    const candidateSse = sumSquares(x, y, family, candidate);
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
  return { p, sse };
}

/**
 * The delta-method standard error of the fitted value at x, for the least-squares fit p of the n points (x, y) with
 * residual sum of squares `sse`: √(σ² gᵀ (JᵀJ)⁻¹ g), g = ∂f/∂p at x. Infinity when n ≤ 3 or the system is singular.
 */
export function deltaMethodSe(
  x: readonly number[],
  y: readonly number[],
  family: CurveFamily3,
  p: readonly number[],
  sse: number,
): (at: number) => number {
  const n = x.length;
  const { jtj } = normalEquations(x, y, family, p);
  const sigma2 = n > 3 ? sse / (n - 3) : Infinity;
  // A tiny ridge keeps (JᵀJ)⁻¹ finite when a parameter has no effect on the data (e.g. the rate of a curve whose
  // amplitude is 0); that direction then has no effect on the prediction's gradient either.
  const ridge = 1e-12 * (jtj[0][0] + jtj[1][1] + jtj[2][2]);
  const ridged = jtj.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v)));
  return (at) => {
    const g = family.gradient(at, p);
    const covG = solve3(ridged, g);
    if (covG === null) return Infinity;
    const variance = sigma2 * (g[0] * covG[0] + g[1] * covG[1] + g[2] * covG[2]);
    return variance >= 0 && Number.isFinite(variance) ? Math.sqrt(variance) : Infinity;
  };
}

/** JᵀJ (3 x 3) and Jᵀr (3) at p, r = y − f. */
function normalEquations(
  x: readonly number[],
  y: readonly number[],
  family: CurveFamily3,
  p: readonly number[],
): { jtj: number[][]; jtr: number[] } {
  const jtj = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const jtr = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const row = family.gradient(x[i], p);
    const residual = y[i] - family.value(x[i], p);
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
