/**
 * The register-blocked kernel behind the dense routines: a 4 x 4 block of row dot products
 *
 *   out[4·r + c] = Σ_{k = kStart}^{kEnd - 1} p[pRow_r + k] · q[qRow_c + k],   r, c = 0..3,
 *
 * where pRow_r and qRow_c are offsets of rows in row-major storage (p and q may be the same array). Sharing
 * each loaded number between several dot products (4 x 2 per pass over k: 6 loads, 8 multiply-adds, against 2
 * loads per multiply-add for a plain dot product) makes Cholesky, triangular inversion and batched variances
 * 2-3x faster in V8.
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
  // Two passes of a 4 x 2 block: 8 accumulators and 6 loaded values fit in the 16 x64 float registers, where
  // a single 4 x 4 pass (16 + 8) spills; measured about 1.5x faster in V8 (Node 20).
  rowDotBlock4x2(p, p0, p1, p2, p3, q, q0, q1, kStart, kEnd, out, 0);
  rowDotBlock4x2(p, p0, p1, p2, p3, q, q2, q3, kStart, kEnd, out, 2);
}

/**
 * Half of {@link rowDotBlock4x4}: the 4 x 2 block
 *
 *   out[4·r + column + c] = Σ_{k = kStart}^{kEnd - 1} p[pRow_r + k] · q[qRow_c + k],   r = 0..3, c = 0..1,
 *
 * so two calls with column 0 and 2 fill a 4 x 4 block. A function of its own so that the caller's loop
 * variables do not compete with the 8 accumulators for registers. Cost: 8·(kEnd − kStart) multiply-adds.
 */
export function rowDotBlock4x2(
  p: Float64Array,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  q: Float64Array,
  q0: number,
  q1: number,
  kStart: number,
  kEnd: number,
  out: Float64Array,
  column: number,
): void {
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  for (let k = kStart; k < kEnd; k++) {
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
  out[column] = s00;
  out[column + 1] = s01;
  out[4 + column] = s10;
  out[5 + column] = s11;
  out[8 + column] = s20;
  out[9 + column] = s21;
  out[12 + column] = s30;
  out[13 + column] = s31;
}

/** Offset of row `row` in an n-column row-major matrix, clamped to the last row so 4-row blocks stay valid. */
export function clampedRowOffset(row: number, rowCount: number, stride: number): number {
  return (row < rowCount ? row : rowCount - 1) * stride;
}
