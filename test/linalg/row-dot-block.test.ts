import { describe, expect, it } from 'vitest';
import { clampedRowOffset, rowDotBlock4x2, rowDotBlock4x4 } from '../../src/linalg/row-dot-block.js';
import { createRng } from '../../src/random/rng.js';

describe('rowDotBlock4x4', () => {
  it('computes the 4 x 4 dot products of row segments [kStart, kEnd)', () => {
    const rng = createRng(3);
    const stride = 9;
    const p = Float64Array.from({ length: 6 * stride }, () => rng.normal());
    const q = Float64Array.from({ length: 5 * stride }, () => rng.normal());
    const pRows = [0, 2, 3, 5];
    const qRows = [4, 1, 1, 0];
    const out = new Float64Array(16);
    rowDotBlock4x4(
      p, pRows[0] * stride, pRows[1] * stride, pRows[2] * stride, pRows[3] * stride,
      q, qRows[0] * stride, qRows[1] * stride, qRows[2] * stride, qRows[3] * stride,
      2, 7, out,
    );
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        let expected = 0;
        for (let k = 2; k < 7; k++) expected += p[pRows[r] * stride + k] * q[qRows[c] * stride + k];
        expect(out[4 * r + c]).toBeCloseTo(expected, 13);
      }
    }
  });

  it('fills one half of a 4 x 4 block with rowDotBlock4x2 and leaves the other half alone', () => {
    // p rows (1, 2), (3, 4), (5, 6), (7, 8); q rows (1, 0), (1, 1).
    const p = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const q = Float64Array.from([1, 0, 1, 1]);
    const out = new Float64Array(16).fill(-1);
    rowDotBlock4x2(p, 0, 2, 4, 6, q, 0, 2, 0, 2, out, 2);
    expect(Array.from(out)).toEqual([-1, -1, 1, 3, -1, -1, 3, 7, -1, -1, 5, 11, -1, -1, 7, 15]);
  });

  it('clamps row offsets to the last row', () => {
    expect(clampedRowOffset(2, 5, 10)).toBe(20);
    expect(clampedRowOffset(7, 5, 10)).toBe(40);
  });
});
