import { clampedRowOffset, rowDotBlock4x4 } from './row-dot-block.js';

const block = new Float64Array(16);

/**
 * Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix (left-looking Cholesky–Banachiewicz,
 * 4 x 4 blocks: each block of L is A's block minus a {@link rowDotBlock4x4} over the columns left of it,
 * finished by scalar substitution inside the block).
 *
 * Storage: `a` is n x n row-major; only its lower triangle (j ≤ i) is read. `out` receives L, n x n row-major,
 * lower triangular with the strict upper triangle set to 0. `out` may be `a` itself (in-place factorization):
 * each entry of A is read just before the entry of L that replaces it is written.
 *
 * Cost: n³/6 multiply-adds.
 *
 * Returns false (leaving `out` partly written) when a pivot is not positive or not finite, i.e. A is not
 * numerically positive definite. Use {@link choleskyWithJitter} for the retrying version that reports jitter.
 */
export function choleskyInPlace(a: Float64Array, n: number, out: Float64Array = a): boolean {
  for (let i0 = 0; i0 < n; i0 += 4) {
    const rowsInBlock = Math.min(4, n - i0);
    const r0 = clampedRowOffset(i0, n, n);
    const r1 = clampedRowOffset(i0 + 1, n, n);
    const r2 = clampedRowOffset(i0 + 2, n, n);
    const r3 = clampedRowOffset(i0 + 3, n, n);
    for (let j0 = 0; j0 <= i0; j0 += 4) {
      rowDotBlock4x4(
        out, r0, r1, r2, r3,
        out, j0 * n, clampedRowOffset(j0 + 1, n, n), clampedRowOffset(j0 + 2, n, n), clampedRowOffset(j0 + 3, n, n),
        0, j0, block,
      );
      for (let ii = 0; ii < rowsInBlock; ii++) {
        const i = i0 + ii;
        const rowI = i * n;
        const columnEnd = j0 === i0 ? i : Math.min(j0 + 4, n) - 1;
        for (let j = j0; j <= columnEnd; j++) {
          const rowJ = j * n;
          let s = a[rowI + j] - block[ii * 4 + (j - j0)];
          for (let k = j0; k < j; k++) s -= out[rowI + k] * out[rowJ + k];
          if (i === j) {
            if (!(s > 0) || !Number.isFinite(s)) return false;
            out[rowI + i] = Math.sqrt(s);
          } else {
            out[rowI + j] = s / out[rowJ + j];
          }
        }
      }
    }
  }
  for (let i = 0; i < n; i++) out.fill(0, i * n + i + 1, (i + 1) * n);
  return true;
}

export interface JitteredCholesky {
  /** L, n x n row-major, lower triangular: L·Lᵀ = A + jitter·I. */
  factor: Float64Array;
  /** The diagonal jitter that was added (0 when A factored as given). */
  jitter: number;
}

export interface CholeskyJitterOptions {
  /** First jitter tried, relative to the mean of |diag(A)|. Default 1e-9. */
  initialRelativeJitter?: number;
  /** Jitter grows by this factor on each retry. Default 10. */
  growth?: number;
  /** Retries after the unjittered attempt. Default 6 (up to 1e-4 relative with the defaults). */
  maxRetries?: number;
}

/**
 * Cholesky factor of a symmetric matrix that should be positive definite but may be numerically singular
 * (duplicate inputs, tiny noise): tries A, then A + ε·I with ε growing geometrically, as GPyTorch's
 * `psd_safe_cholesky` does. `a` (n x n row-major, lower triangle read) is not modified.
 *
 * Cost: n³/6 multiply-adds per attempt. Throws an Error naming the largest jitter tried if every attempt fails.
 */
export function choleskyWithJitter(
  a: Float64Array,
  n: number,
  options: CholeskyJitterOptions = {},
): JitteredCholesky {
  const factor = new Float64Array(n * n);
  if (choleskyInPlace(a, n, factor)) return { factor, jitter: 0 };

  let diagonalScale = 0;
  for (let i = 0; i < n; i++) diagonalScale += Math.abs(a[i * n + i]);
  diagonalScale = n > 0 && diagonalScale > 0 ? diagonalScale / n : 1;
  if (!Number.isFinite(diagonalScale)) {
    throw new Error('Cholesky failed: the matrix has a non-finite diagonal entry');
  }

  const growth = options.growth ?? 10;
  const maxRetries = options.maxRetries ?? 6;
  let jitter = (options.initialRelativeJitter ?? 1e-9) * diagonalScale;
  const jittered = new Float64Array(a);
  for (let attempt = 0; attempt < maxRetries; attempt++, jitter *= growth) {
    for (let i = 0; i < n; i++) jittered[i * n + i] = a[i * n + i] + jitter;
    if (choleskyInPlace(jittered, n, factor)) return { factor, jitter };
  }
  throw new Error(
    `Cholesky failed: the ${n} x ${n} matrix is not positive definite even with diagonal jitter ` +
      `${(jitter / growth).toExponential(2)} (${maxRetries} retries)`,
  );
}
