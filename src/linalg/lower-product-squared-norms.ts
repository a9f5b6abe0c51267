const block = new Float64Array(8);

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
      rowDotBlock4x2(lower, p0, p1, p2, p3, rows, q0, q1, iEnd, block);
      // Rows past n repeated the last row: count each real row once.
      for (let r = 0; r < iEnd - i0; r++) {
        sum0 += block[2 * r] * block[2 * r];
        sum1 += block[2 * r + 1] * block[2 * r + 1];
      }
    }
    out[c] = sum0;
    if (c + 1 < m) out[c + 1] = sum1;
  }
  return out;
}

/**
 * out[2·r + c] = Σ_{k < kEnd} p[pRow_r + k]·q[qRow_c + k] for r = 0..3, c = 0..1. A small function of its own
 * so that the caller's loop variables do not compete with the 8 accumulators for registers.
 */
function rowDotBlock4x2(
  p: Float64Array,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  q: Float64Array,
  q0: number,
  q1: number,
  kEnd: number,
  out: Float64Array,
): void {
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  for (let k = 0; k < kEnd; k++) {
    const b0 = q[q0 + k];
    const b1 = q[q1 + k];
    const a0 = p[p0 + k];
    s00 += a0 * b0;
    s01 += a0 * b1;
    const a1 = p[p1 + k];
    s10 += a1 * b0;
    s11 += a1 * b1;
    const a2 = p[p2 + k];
    s20 += a2 * b0;
    s21 += a2 * b1;
    const a3 = p[p3 + k];
    s30 += a3 * b0;
    s31 += a3 * b1;
  }
  out[0] = s00;
  out[1] = s01;
  out[2] = s10;
  out[3] = s11;
  out[4] = s20;
  out[5] = s21;
  out[6] = s30;
  out[7] = s31;
}
