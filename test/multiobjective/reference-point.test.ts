import { describe, expect, it } from 'vitest';
import { inferReferencePoint } from '../../src/multiobjective/reference-point.js';
import { paretoFrontIndices } from '../../src/multiobjective/pareto-front.js';
import { createRng } from '../../src/random/rng.js';

describe('inferReferencePoint', () => {
  it('puts the reference 10 % of the front’s range beyond its nadir, ignoring dominated rows', () => {
    const values = new Float64Array([1, 5, 2, 3, 4, 1, 9, 9]); // (9,9) is dominated and must not move the nadir
    const [first, second] = inferReferencePoint(values, 4);
    expect(first).toBeCloseTo(4 + 0.1 * 3, 14);
    expect(second).toBeCloseTo(5 + 0.1 * 4, 14);
  });

  it('uses 10 % of the magnitude for a single point, and a minimal margin for a flat front', () => {
    expect(inferReferencePoint(new Float64Array([2, -3]), 1)).toEqual([2.2, -2.7]);
    const flat = inferReferencePoint(new Float64Array([1, 1, 1, 1]), 2);
    expect(flat[0]).toBeGreaterThan(1);
    expect(flat[1]).toBeGreaterThan(1);
  });

  it('is strictly dominated by every front point, for ordinary and very large values', () => {
    const rng = createRng(8);
    for (const scale of [1, 1e-6, 1e9, 1e15]) {
      const n = 50;
      const values = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i++) values[i] = scale * (5 + rng.next());
      const ref = inferReferencePoint(values, n);
      for (const i of paretoFrontIndices(values, n, 2)) {
        expect(values[2 * i]).toBeLessThan(ref[0]);
        expect(values[2 * i + 1]).toBeLessThan(ref[1]);
      }
    }
  });

  it('refuses to infer from no usable row', () => {
    expect(() => inferReferencePoint(new Float64Array([Number.NaN, 1]), 1)).toThrow(RangeError);
    expect(() => inferReferencePoint(new Float64Array([]), 0)).toThrow(RangeError);
  });
});
