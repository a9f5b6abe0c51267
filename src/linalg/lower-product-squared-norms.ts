import { clampedRowOffset, rowDotBlock4x4 } from './row-dot-block.js';

const block = new Float64Array(16);

/**
 * For each row r of `rows` (m x n row-major): out[r] = ‖M·r‖², with M lower triangular (n x n row-major, zeros
 * above the diagonal). With M = L⁻¹ this is rᵀ·A⁻¹·r for A = L·Lᵀ: the variance reduction of a GP posterior
 * at a query whose covariances with the training points are r. Computed in 4 x 4 blocks with
 * {@link rowDotBlock4x4}, without the sequential dependency of a triangular solve.
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
  for (let c0 = 0; c0 < m; c0 += 4) {
    const q0 = c0 * n;
    const q1 = clampedRowOffset(c0 + 1, m, n);
    const q2 = clampedRowOffset(c0 + 2, m, n);
    const q3 = clampedRowOffset(c0 + 3, m, n);
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (let i0 = 0; i0 < n; i0 += 4) {
      const iEnd = Math.min(i0 + 4, n);
      rowDotBlock4x4(
        lower, i0 * n, clampedRowOffset(i0 + 1, n, n), clampedRowOffset(i0 + 2, n, n), clampedRowOffset(i0 + 3, n, n),
        rows, q0, q1, q2, q3,
        0, iEnd, block,
      );
      for (let i = i0; i < iEnd; i++) {
        const base = (i - i0) * 4;
        sum0 += block[base] * block[base];
        sum1 += block[base + 1] * block[base + 1];
        sum2 += block[base + 2] * block[base + 2];
        sum3 += block[base + 3] * block[base + 3];
      }
    }
    out[c0] = sum0;
    if (c0 + 1 < m) out[c0 + 1] = sum1;
    if (c0 + 2 < m) out[c0 + 2] = sum2;
    if (c0 + 3 < m) out[c0 + 3] = sum3;
  }
  return out;
}
