import { describe, expect, it } from 'vitest';
import { standardize, standardizationOf } from '../../src/gp/standardize.js';

describe('standardizationOf', () => {
  it('uses the mean and the sample standard deviation', () => {
    const y = Float64Array.from([1, 3, 8]);
    const s = standardizationOf(y, 3);
    expect(s.mean).toBeCloseTo(4, 14);
    expect(s.scale).toBeCloseTo(Math.sqrt((9 + 1 + 16) / 2), 14);
    const z = standardize(y, 3, s);
    expect(z[0] + z[1] + z[2]).toBeCloseTo(0, 14);
  });

  it('keeps scale 1 for one observation and for constant y', () => {
    expect(standardizationOf(Float64Array.from([7]), 1)).toEqual({ mean: 7, scale: 1 });
    expect(standardizationOf(Float64Array.from([2.5, 2.5, 2.5]), 3)).toEqual({ mean: 2.5, scale: 1 });
    expect(standardizationOf(new Float64Array(0), 0)).toEqual({ mean: 0, scale: 1 });
  });
});
