/**
 * Triangular solves with a lower-triangular factor L (n x n row-major, as returned by the Cholesky functions).
 * Each costs n²/2 multiply-adds per right-hand side.
 */

/** Forward substitution: solves L·x = b. `b` has length n; `out` (length n) may be `b` itself. */
export function solveLower(
  factor: Float64Array,
  n: number,
  b: Float64Array,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= factor[row + k] * out[k];
    out[i] = s / factor[row + i];
  }
  return out;
}

/** Back substitution with the transpose: solves Lᵀ·x = b. `b` has length n; `out` may be `b` itself. */
export function solveLowerTranspose(
  factor: Float64Array,
  n: number,
  b: Float64Array,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  if (out !== b) out.set(b.subarray(0, n));
  // Column-oriented so that the inner loop walks row i of L contiguously.
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    const xi = out[i] / factor[row + i];
    out[i] = xi;
    for (let k = 0; k < i; k++) out[k] -= factor[row + k] * xi;
  }
  return out;
}

/**
 * Forward substitution for many right-hand sides stored as ROWS: `rows` is m x n row-major, and each row r is
 * replaced in place by the solution x of L·x = r. Rows are handled four at a time so that every load of an
 * entry of L serves four dot products (the solve is memory-bound otherwise).
 */
export function solveLowerRows(factor: Float64Array, n: number, rows: Float64Array, m: number): Float64Array {
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s0 = rows[o0 + i];
      let s1 = rows[o1 + i];
      let s2 = rows[o2 + i];
      let s3 = rows[o3 + i];
      for (let k = 0; k < i; k++) {
        const l = factor[row + k];
        s0 -= l * rows[o0 + k];
        s1 -= l * rows[o1 + k];
        s2 -= l * rows[o2 + k];
        s3 -= l * rows[o3 + k];
      }
      const inverseDiagonal = 1 / factor[row + i];
      rows[o0 + i] = s0 * inverseDiagonal;
      rows[o1 + i] = s1 * inverseDiagonal;
      rows[o2 + i] = s2 * inverseDiagonal;
      rows[o3 + i] = s3 * inverseDiagonal;
    }
  }
  for (; r < m; r++) {
    const view = rows.subarray(r * n, (r + 1) * n);
    solveLower(factor, n, view, view);
  }
  return rows;
}
