import { rowDotBlock4x2 } from './row-dot-block.js';

/** rowDotBlock4x2's results: row r of M against query c at [4·r + c]. */
const block = new Float64Array(16);

/**
 * For each row r of `rows` (m x n row-major): out[r] = ‖M·r‖², with M lower triangular (n x n row-major, zeros
 * above the diagonal). With M = L⁻¹ this is rᵀ·A⁻¹·r for A = L·Lᵀ: the variance reduction of a GP posterior
 * at a query whose covariances with the training points are r. No sequential dependency as in a triangular
 * solve: two rows against four rows of M at a time (see rowDotBlock4x2).
 *
 * Cost: m·n²/2 multiply-adds. `out` has length ≥ m.
 */
export function lowerProductSquaredNorms(
  lower: Float64Array,
  n: number,
  rows: Float64Array,
  m: number,
  out: Float64Array = new Float64Array(m),
): Float64Array {
  for (let c = 0; c < m; c += 2) {
    const q0 = c * n;
    const q1 = c + 1 < m ? q0 + n : q0;
    let sum0 = 0;
    let sum1 = 0;
    for (let i0 = 0; i0 < n; i0 += 4) {
      // Row i of M is zero beyond column i, so columns up to iEnd cover all four rows.
      const iEnd = Math.min(i0 + 4, n);
      // Past the last row of M, repeat it (its results are not used).
      const p0 = i0 * n;
      const p1 = i0 + 1 < n ? p0 + n : p0;
      const p2 = i0 + 2 < n ? p0 + 2 * n : p1;
      const p3 = i0 + 3 < n ? p0 + 3 * n : p2;
      rowDotBlock4x2(lower, p0, p1, p2, p3, rows, q0, q1, 0, iEnd, block, 0);
      // Rows past n repeated the last row: count each real row once.
      for (let r = 0; r < iEnd - i0; r++) {
        sum0 += block[4 * r] * block[4 * r];
        sum1 += block[4 * r + 1] * block[4 * r + 1];
      }
    }
    out[c] = sum0;
    if (c + 1 < m) out[c + 1] = sum1;
  }
  return out;
}
