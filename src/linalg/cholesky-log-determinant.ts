/** log det A = 2·Σ log L_ii from the Cholesky factor L of A (n x n row-major). Cost: n logarithms. */
export function choleskyLogDeterminant(factor: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(factor[i * n + i]);
  return 2 * sum;
}
