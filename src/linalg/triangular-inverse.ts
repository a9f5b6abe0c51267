import { clampedRowOffset, rowDotBlock4x4 } from './row-dot-block.js';

const block = new Float64Array(16);

/**
 * U = L⁻ᵀ for a lower-triangular L (n x n row-major): `out` (n x n row-major) receives the upper-triangular
 * inverse transpose, zeros below the diagonal. Row j of U is the solution x of L·x = e_j (x_k = 0 for k < j),
 * so the rows are forward substitutions against the identity, computed in 4 x 4 blocks with
 * {@link rowDotBlock4x4}:  U_ji = (δ_ji − Σ_{k=j}^{i−1} L_ik U_jk) / L_ii.
 *
 * Cost: n³/6 multiply-adds. `out` must not alias `factor`.
 */
export function lowerInverseTranspose(
  factor: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  out.fill(0, 0, n * n);
  for (let j0 = 0; j0 < n; j0 += 4) {
    const rhsInBlock = Math.min(4, n - j0);
    const u0 = j0 * n;
    const u1 = clampedRowOffset(j0 + 1, n, n);
    const u2 = clampedRowOffset(j0 + 2, n, n);
    const u3 = clampedRowOffset(j0 + 3, n, n);
    for (let i0 = j0; i0 < n; i0 += 4) {
      // Entries U_jk with k < j0 are zero, so the sums start at j0.
      rowDotBlock4x4(
        out, u0, u1, u2, u3,
        factor, i0 * n, clampedRowOffset(i0 + 1, n, n), clampedRowOffset(i0 + 2, n, n), clampedRowOffset(i0 + 3, n, n),
        j0, i0, block,
      );
      const iEnd = Math.min(i0 + 4, n);
      for (let jj = 0; jj < rhsInBlock; jj++) {
        const j = j0 + jj;
        const rowJ = j * n;
        for (let i = Math.max(i0, j); i < iEnd; i++) {
          const rowI = i * n;
          let s = (i === j ? 1 : 0) - block[jj * 4 + (i - i0)];
          for (let k = i0; k < i; k++) s -= factor[rowI + k] * out[rowJ + k];
          out[rowJ + i] = s / factor[rowI + i];
        }
      }
    }
  }
  return out;
}

/** L⁻¹ for a lower-triangular L (n x n row-major), lower triangular, n x n row-major. Cost: n³/6 + n². */
export function lowerTriangularInverse(
  factor: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  const upper = lowerInverseTranspose(factor, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = upper[j * n + i];
  return out;
}

/**
 * Extends L⁻¹ after a Cholesky factor grew by m rows (see choleskyAppend): for the extended factor
 * [[L, 0], [B, C]], the inverse is [[L⁻¹, 0], [−C⁻¹·B·L⁻¹, C⁻¹]].
 *
 * lowerInverse: L⁻¹, n x n row-major. extendedFactor: (n+m) x (n+m) row-major. Returns the (n+m) x (n+m)
 * row-major inverse. Cost: m·n²/2 + m²·n + m³/6 multiply-adds, against (n+m)³/6 from scratch.
 */
export function extendLowerTriangularInverse(
  lowerInverse: Float64Array,
  n: number,
  extendedFactor: Float64Array,
  m: number,
): Float64Array {
  const total = n + m;
  const out = new Float64Array(total * total);
  for (let i = 0; i < n; i++) out.set(lowerInverse.subarray(i * n, i * n + i + 1), i * total);
  // T = B·L⁻¹ (m x n): row r accumulates B_rk times row k of L⁻¹ (nonzero in columns ≤ k).
  const product = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    const factorRow = (n + r) * total;
    const productRow = r * n;
    for (let k = 0; k < n; k++) {
      const coefficient = extendedFactor[factorRow + k];
      if (coefficient === 0) continue;
      const inverseRow = k * n;
      for (let j = 0; j <= k; j++) product[productRow + j] += coefficient * lowerInverse[inverseRow + j];
    }
  }
  // C⁻¹ by forward substitution on its m rows, then the bottom-left block −C⁻¹·T.
  const corner = new Float64Array(m * m);
  for (let r = 0; r < m; r++) for (let c = 0; c <= r; c++) corner[r * m + c] = extendedFactor[(n + r) * total + n + c];
  const cornerInverse = lowerTriangularInverse(corner, m);
  for (let r = 0; r < m; r++) {
    const row = (n + r) * total;
    for (let c = 0; c <= r; c++) {
      const coefficient = cornerInverse[r * m + c];
      out[row + n + c] = coefficient;
      for (let j = 0; j < n; j++) out[row + j] -= coefficient * product[c * n + j];
    }
  }
  return out;
}
