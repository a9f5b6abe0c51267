import { describe, expect, it } from 'vitest';
import { decodeCurve, encodeCurve } from '../../src/storage/curve-codec.js';

describe('encodeCurve / decodeCurve', () => {
  it('round-trips every value exactly, NaN and infinities included, at 24 bytes a point', () => {
    const curve = [
      { tokens: 0, devEm: 0, devLoss: 2.302585092994046 },
      { tokens: 123_456_789, devEm: 1 / 3, devLoss: Number.NaN },
      { tokens: 2 ** 52 + 1, devEm: 1, devLoss: Number.POSITIVE_INFINITY },
      { tokens: 5, devEm: -0.5, devLoss: Number.NEGATIVE_INFINITY },
    ];
    const bytes = encodeCurve(curve);
    expect(bytes.byteLength).toBe(4 * 24);
    const back = decodeCurve(bytes);
    expect(back).toEqual(curve);
    expect(back[1].devLoss).toBeNaN();
  });

  it('writes little-endian float64 triples whatever the platform', () => {
    const bytes = encodeCurve([{ tokens: 1, devEm: 0.5, devLoss: 2 }]);
    expect([bytes.readDoubleLE(0), bytes.readDoubleLE(8), bytes.readDoubleLE(16)]).toEqual([1, 0.5, 2]);
  });

  it('reads a curve from a view into a larger buffer', () => {
    const inner = encodeCurve([{ tokens: 7, devEm: 0.25, devLoss: 1.5 }]);
    const outer = Buffer.concat([Buffer.alloc(8), inner, Buffer.alloc(8)]);
    expect(decodeCurve(outer.subarray(8, 32))).toEqual([{ tokens: 7, devEm: 0.25, devLoss: 1.5 }]);
  });

  it('handles the empty curve and refuses a truncated one', () => {
    expect(decodeCurve(encodeCurve([]))).toEqual([]);
    expect(() => decodeCurve(Buffer.alloc(30))).toThrow(/30 bytes/);
  });
});
