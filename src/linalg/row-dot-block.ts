/**
 * The register-blocked kernel behind the dense routines: a 4 x 4 block of row dot products
 *
 *   out[4·r + c] = Σ_{k = kStart}^{kEnd - 1} p[pRow_r + k] · q[qRow_c + k],   r, c = 0..3,
 *
 * where pRow_r and qRow_c are offsets of rows in row-major storage (p and q may be the same array). Each pass
 * over k loads 8 numbers and does 16 multiply-adds, against 2 loads per multiply-add for a plain dot product;
 * in V8 that roughly halves the time of Cholesky, triangular inversion and batched variance computations.
 * Callers with fewer than 4 rows repeat a valid row offset and ignore the extra results.
 *
 * Cost: 16·(kEnd − kStart) multiply-adds.
 */
export function rowDotBlock4x4(
  p: Float64Array,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  q: Float64Array,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
  kStart: number,
  kEnd: number,
  out: Float64Array,
): void {
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  let s20 = 0;
  let s21 = 0;
  let s22 = 0;
  let s23 = 0;
  let s30 = 0;
  let s31 = 0;
  let s32 = 0;
  let s33 = 0;
  for (let k = kStart; k < kEnd; k++) {
    const a0 = p[p0 + k];
    const a1 = p[p1 + k];
    const a2 = p[p2 + k];
    const a3 = p[p3 + k];
    const b0 = q[q0 + k];
    const b1 = q[q1 + k];
    const b2 = q[q2 + k];
    const b3 = q[q3 + k];
    s00 += a0 * b0;
    s01 += a0 * b1;
    s02 += a0 * b2;
    s03 += a0 * b3;
    s10 += a1 * b0;
    s11 += a1 * b1;
    s12 += a1 * b2;
    s13 += a1 * b3;
    s20 += a2 * b0;
    s21 += a2 * b1;
    s22 += a2 * b2;
    s23 += a2 * b3;
    s30 += a3 * b0;
    s31 += a3 * b1;
    s32 += a3 * b2;
    s33 += a3 * b3;
  }
  out[0] = s00;
  out[1] = s01;
  out[2] = s02;
  out[3] = s03;
  out[4] = s10;
  out[5] = s11;
  out[6] = s12;
  out[7] = s13;
  out[8] = s20;
  out[9] = s21;
  out[10] = s22;
  out[11] = s23;
  out[12] = s30;
  out[13] = s31;
  out[14] = s32;
  out[15] = s33;
}

/** Offset of row `row` in an n-column row-major matrix, clamped to the last row so 4-row blocks stay valid. */
export function clampedRowOffset(row: number, rowCount: number, stride: number): number {
  return (row < rowCount ? row : rowCount - 1) * stride;
}
