import { clampedRowOffset, rowDotBlock4x4 } from './row-dot-block.js';
import { lowerInverseTranspose } from './triangular-inverse.js';

const block = new Float64Array(16);

/**
 * A⁻¹ from the Cholesky factor L of A (n x n row-major, A = L·Lᵀ), as a full symmetric n x n row-major matrix.
 *
 * Method: U = L⁻ᵀ (upper triangular), then A⁻¹ = U·Uᵀ, i.e. (A⁻¹)_ab = Σ_{k ≥ max(a,b)} U_ak U_bk. Both
 * phases run in 4 x 4 register blocks; n³/6 multiply-adds each (n³/3 in all).
 *
 * `out` (n x n) receives A⁻¹; `work` (n x n) holds U and is overwritten. Neither may alias `factor`.
 */
export function choleskyInverse(
  factor: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
  work: Float64Array = new Float64Array(n * n),
): Float64Array {
  const upper = lowerInverseTranspose(factor, n, work);
  for (let a0 = 0; a0 < n; a0 += 4) {
    const aEnd = Math.min(a0 + 4, n);
    const p1 = clampedRowOffset(a0 + 1, n, n);
    const p2 = clampedRowOffset(a0 + 2, n, n);
    const p3 = clampedRowOffset(a0 + 3, n, n);
    for (let b0 = 0; b0 <= a0; b0 += 4) {
      // U is zero left of its diagonal, so summing every k ≥ a0 covers k ≥ max(a, b) exactly.
      rowDotBlock4x4(
        upper, a0 * n, p1, p2, p3,
        upper, b0 * n, clampedRowOffset(b0 + 1, n, n), clampedRowOffset(b0 + 2, n, n), clampedRowOffset(b0 + 3, n, n),
        a0, n, block,
      );
      const bEnd = Math.min(b0 + 4, n);
      for (let a = a0; a < aEnd; a++) {
        for (let b = b0; b < bEnd; b++) {
          const value = block[(a - a0) * 4 + (b - b0)];
          out[a * n + b] = value;
          out[b * n + a] = value;
        }
      }
    }
  }
  return out;
}
