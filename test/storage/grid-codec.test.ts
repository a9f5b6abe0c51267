import { describe, expect, it } from 'vitest';
import { decodeGrid, encodeGrid } from '../../src/storage/grid-codec.js';
import type { GridCurve } from '../../src/trainer/results.js';

function grid(points: number): GridCurve {
  return {
    every: 25_000,
    devTokens: 4_096,
    heldOutTokens: 8_192,
    trainingTokens: Array.from({ length: points }, (_, i) => 25_000 * (i + 1) + (i % 3)),
    devEm: Array.from({ length: points }, (_, i) => i / (points + 1)),
    devLoss: Array.from({ length: points }, (_, i) => 3 / (i + 1)),
    heldOutEm: Array.from({ length: points }, (_, i) => (i + 0.5) / (points + 1)),
    measurementTokens: 12_288 * points,
  };
}

describe('encodeGrid / decodeGrid', () => {
  it('round-trips every value exactly, NaN and infinities included, at 32 + 32 bytes a point', () => {
    const diverged: GridCurve = { ...grid(4), devLoss: [2.302585092994046, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] };
    const bytes = encodeGrid(diverged);
    expect(bytes.byteLength).toBe(32 + 4 * 32);
    const back = decodeGrid(bytes);
    expect(back).toEqual(diverged);
    expect(back.devLoss[1]).toBeNaN();
    expect(decodeGrid(encodeGrid(grid(200)))).toEqual(grid(200));
  });

  it('writes the header then each column as little-endian float64, whatever the platform', () => {
    const bytes = encodeGrid({ ...grid(2), devEm: [0.25, 0.5] });
    expect([0, 1, 2, 3].map((i) => bytes.readDoubleLE(8 * i))).toEqual([25_000, 4_096, 8_192, 24_576]);
    // trainingTokens, then devEm: the columns follow each other.
    expect([4, 5, 6, 7].map((i) => bytes.readDoubleLE(8 * i))).toEqual([25_000, 50_001, 0.25, 0.5]);
  });

  it('reads a grid from a view into a larger buffer (as database drivers return them)', () => {
    const inner = encodeGrid(grid(3));
    const outer = Buffer.concat([Buffer.alloc(8), inner, Buffer.alloc(8)]);
    expect(decodeGrid(outer.subarray(8, 8 + inner.byteLength))).toEqual(grid(3));
  });

  it('handles a grid without points', () => {
    expect(decodeGrid(encodeGrid(grid(0)))).toEqual(grid(0));
  });

  it('refuses columns of different lengths, a truncated buffer and a step that is not positive', () => {
    expect(() => encodeGrid({ ...grid(3), heldOutEm: [0.1, 0.2] })).toThrow(/3, 3, 3, 2 points/);
    const bytes = encodeGrid(grid(3));
    expect(() => decodeGrid(bytes.subarray(0, bytes.byteLength - 8))).toThrow(/120 bytes/);
    expect(() => decodeGrid(Buffer.alloc(16))).toThrow(/16 bytes/);
    const zeroStep = Buffer.from(bytes);
    zeroStep.writeDoubleLE(0, 0);
    expect(() => decodeGrid(zeroStep)).toThrow(/step 0/);
  });
});
