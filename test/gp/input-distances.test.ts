import { describe, expect, it } from 'vitest';
import {
  INACTIVE_MISMATCH_SQUARED_DISTANCE,
  pairwiseSquaredDifferences,
  scaledSquaredDistance,
} from '../../src/gp/input-distances.js';

describe('pairwiseSquaredDifferences', () => {
  it('packs pairs (a, b), b < a, dim by dim in lower-triangle row order, Hamming indicators on categorical dims', () => {
    // Three points, dims (numeric, categorical).
    const x = Float64Array.from([0.1, 5, 0.4, 5, 0.9, 2]);
    const packed = pairwiseSquaredDifferences(x, 3, 2, [false, true]);
    // Pairs (1,0), (2,0), (2,1) for dim 0, then the same pairs for dim 1.
    const expected = [0.3 ** 2, 0.8 ** 2, 0.5 ** 2, 0, 1, 1];
    expect(packed.length).toBe(6);
    for (let i = 0; i < 6; i++) expect(packed[i]).toBeCloseTo(expected[i], 15);
  });
});

describe('scaledSquaredDistance', () => {
  it('adds 1/ℓ² for a differing category whatever the category codes are', () => {
    const inverseSquared = Float64Array.from([4, 0.25]);
    const p = Float64Array.from([0.5, 3]);
    const near = Float64Array.from([0.5, 4]);
    const far = Float64Array.from([0.5, 1000]);
    expect(scaledSquaredDistance(p, 0, near, 0, 2, [false, true], inverseSquared)).toBe(0.25);
    expect(scaledSquaredDistance(p, 0, far, 0, 2, [false, true], inverseSquared)).toBe(0.25);
    expect(scaledSquaredDistance(p, 0, p, 0, 2, [false, true], inverseSquared)).toBe(0);
    // Numeric dim: (0.5 − 0.2)²·4.
    const shifted = Float64Array.from([0.2, 3]);
    expect(scaledSquaredDistance(p, 0, shifted, 0, 2, [false, true], inverseSquared)).toBeCloseTo(0.36, 15);
  });
});

describe('arc-style distance of conditional dims (NaN = inactive)', () => {
  const inverseSquared = Float64Array.from([4, 9]);
  const flags = [false, false];

  it('adds nothing for a dim inactive in both points, whatever the other dims', () => {
    const p = Float64Array.from([0.2, Number.NaN]);
    const q = Float64Array.from([0.7, Number.NaN]);
    expect(scaledSquaredDistance(p, 0, q, 0, 2, flags, inverseSquared)).toBeCloseTo(0.25 * 4, 15);
  });

  it('adds the fixed mismatch for a dim active in one point only, whatever its active value', () => {
    const inactive = Float64Array.from([0.2, Number.NaN]);
    for (const value of [0, 0.5, 0.93]) {
      const active = Float64Array.from([0.2, value]);
      expect(scaledSquaredDistance(inactive, 0, active, 0, 2, flags, inverseSquared)).toBe(INACTIVE_MISMATCH_SQUARED_DISTANCE * 9);
      expect(scaledSquaredDistance(active, 0, inactive, 0, 2, flags, inverseSquared)).toBe(INACTIVE_MISMATCH_SQUARED_DISTANCE * 9);
    }
  });

  it('is the squared difference when the dim is active in both', () => {
    const p = Float64Array.from([0.2, 0.1]);
    const q = Float64Array.from([0.2, 0.4]);
    expect(scaledSquaredDistance(p, 0, q, 0, 2, flags, inverseSquared)).toBeCloseTo(0.09 * 9, 15);
  });

  it('packs the same values for all pairs', () => {
    const x = Float64Array.from([Number.NaN, Number.NaN, 0.3, 0.8]);
    // Pairs (1,0), (2,0), (2,1), (3,0), (3,1), (3,2).
    const packed = pairwiseSquaredDifferences(x, 4, 1, [false]);
    const m = INACTIVE_MISMATCH_SQUARED_DISTANCE;
    expect(Array.from(packed)).toEqual([0, m, m, m, m, expect.closeTo(0.25, 15)]);
  });
});
