import { solveLower, solveLowerTranspose } from './triangular-solve.js';

/**
 * Solves A·x = b given the Cholesky factor L of A (n x n row-major, A = L·Lᵀ): forward then back substitution.
 * `b` has length n; `out` may be `b` itself. Cost: n² multiply-adds.
 */
export function choleskySolve(
  factor: Float64Array,
  n: number,
  b: Float64Array,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  solveLower(factor, n, b, out);
  return solveLowerTranspose(factor, n, out, out);
}
