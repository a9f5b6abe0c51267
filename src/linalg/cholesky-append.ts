import { choleskyInPlace } from './cholesky.js';
import { solveLowerRows } from './triangular-solve.js';

/**
 * Extends a Cholesky factor by m rows and columns without refactoring the leading block:
 * for A' = [[A, Cᵀ], [C, D]] with A = L·Lᵀ, the factor is [[L, 0], [B, L₂]] where L·Bᵀ = Cᵀ and
 * L₂·L₂ᵀ = D − B·Bᵀ (block Cholesky; Golub & Van Loan, Matrix Computations, 4th ed., §4.2.7).
 *
 * factor: L, n x n row-major. cross: C, m x n row-major (row r holds the covariances of new point r with the
 * n old ones). corner: D, m x m row-major (lower triangle read). Returns the (n+m) x (n+m) row-major factor,
 * or undefined when D − B·Bᵀ is not numerically positive definite (the caller can then refactor with jitter).
 *
 * Cost: m·n²/2 + n·m² + m³/6 multiply-adds, against (n+m)³/6 for a fresh factorization.
 */
export function choleskyAppend(
  factor: Float64Array,
  n: number,
  cross: Float64Array,
  corner: Float64Array,
  m: number,
): Float64Array | undefined {
  const total = n + m;
  const solvedCross = solveLowerRows(factor, n, new Float64Array(cross.subarray(0, m * n)), m);
  const schur = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c <= r; c++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += solvedCross[r * n + k] * solvedCross[c * n + k];
      schur[r * m + c] = corner[r * m + c] - s;
    }
  }
  if (!choleskyInPlace(schur, m)) return undefined;

  const extended = new Float64Array(total * total);
  for (let i = 0; i < n; i++) extended.set(factor.subarray(i * n, i * n + i + 1), i * total);
  for (let r = 0; r < m; r++) {
    const row = (n + r) * total;
    extended.set(solvedCross.subarray(r * n, (r + 1) * n), row);
    extended.set(schur.subarray(r * m, r * m + r + 1), row + n);
  }
  return extended;
}
