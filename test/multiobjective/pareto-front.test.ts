import { describe, expect, it } from 'vitest';
import { paretoFrontIndices, paretoMaskPairwise } from '../../src/multiobjective/pareto-front.js';
import { createRng } from '../../src/random/rng.js';

describe('paretoFrontIndices', () => {
  it('finds the non-dominated rows of a hand-made 2-D set, keeping duplicates and dropping weak domination', () => {
    const values = new Float64Array([
      1, 5, // 0 front
      2, 3, // 1 front
      2, 4, // 2 dominated by 1 (same first, worse second)
      3, 3, // 3 dominated by 1 (worse first, same second)
      4, 1, // 4 front
      2, 3, // 5 duplicate of 1: front too
      5, 5, // 6 dominated
      0.5, 9, // 7 front
    ]);
    expect(paretoFrontIndices(values, 8, 2)).toEqual([0, 1, 4, 5, 7]);
  });

  it('handles three objectives', () => {
    const values = new Float64Array([
      1, 2, 3, // front
      2, 1, 3, // front
      2, 2, 3, // dominated by both
      3, 3, 0, // front
      1, 2, 4, // dominated by row 0
    ]);
    expect(paretoFrontIndices(values, 5, 3)).toEqual([0, 1, 3]);
  });

  it('never puts a row with NaN on the front, and a lone row is its own front', () => {
    expect(paretoFrontIndices(new Float64Array([Number.NaN, 0, 1, 1]), 2, 2)).toEqual([1]);
    expect(paretoFrontIndices(new Float64Array([3, Number.POSITIVE_INFINITY]), 1, 2)).toEqual([0]);
    expect(paretoFrontIndices(new Float64Array([]), 0, 2)).toEqual([]);
  });

  it('agrees with the pairwise definition on random 2-D sets with many ties', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(40);
      const values = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i++) values[i] = rng.int(8); // small integers: ties and duplicates
      const expected: number[] = [];
      paretoMaskPairwise(values, n, 2).forEach((onFront, i) => onFront && expected.push(i));
      expect(paretoFrontIndices(values, n, 2)).toEqual(expected);
    }
  });

  it('rejects a values array too short for n x m', () => {
    expect(() => paretoFrontIndices(new Float64Array(3), 2, 2)).toThrow(RangeError);
  });
});
