import { describe, expect, it } from 'vitest';
import { nonDominatedRanks, nonDominatedRanksPairwise } from '../../src/multiobjective/non-dominated-ranks.js';
import { createRng } from '../../src/random/rng.js';

describe('nonDominatedRanks', () => {
  it('peels a hand-made 2-D set into fronts', () => {
    const values = new Float64Array([
      1, 4, // 0 rank 0
      4, 1, // 1 rank 0
      2, 5, // 2 rank 1 (dominated by 0)
      5, 2, // 3 rank 1 (dominated by 1)
      3, 3, // 4 rank 0
      6, 6, // 5 rank 2 (dominated by 3 and 2, which are rank 1)
      1, 4, // 6 rank 0 (duplicate of 0)
      Number.NaN, 0, // 7 past the last front
    ]);
    expect(Array.from(nonDominatedRanks(values, 8, 2))).toEqual([0, 0, 1, 1, 0, 2, 0, 3]);
  });

  it('peels a hand-made 3-D set', () => {
    const values = new Float64Array([
      0, 0, 0, // rank 0
      1, 1, 1, // rank 1
      2, 2, 2, // rank 2
      0, 5, 0, // rank 1 (dominated by row 0 only)
      5, 0, 0, // rank 1
    ]);
    expect(Array.from(nonDominatedRanks(values, 5, 3))).toEqual([0, 1, 2, 1, 1]);
  });

  it('agrees with Deb’s pairwise sort on random 2-D sets with ties and NaN rows', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(50);
      const values = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i++) values[i] = rng.next() < 0.02 ? Number.NaN : rng.int(10);
      expect(Array.from(nonDominatedRanks(values, n, 2))).toEqual(Array.from(nonDominatedRanksPairwise(values, n, 2)));
    }
  });

  it('ranks every dominated row below its dominators, and each row of rank r > 0 has a dominator of rank r − 1', () => {
    const rng = createRng(3);
    const n = 300;
    const values = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) values[i] = rng.next();
    const ranks = nonDominatedRanks(values, n, 2);
    const violations: string[] = [];
    for (let j = 0; j < n; j++) {
      let hasDominatorOneRankUp = ranks[j] === 0;
      for (let i = 0; i < n; i++) {
        const dominatesJ = i !== j && values[2 * i] <= values[2 * j] && values[2 * i + 1] <= values[2 * j + 1];
        if (dominatesJ && ranks[i] >= ranks[j]) violations.push(`${i} dominates ${j} but is not ranked above it`);
        if (dominatesJ && ranks[i] === ranks[j] - 1) hasDominatorOneRankUp = true;
      }
      if (!hasDominatorOneRankUp) violations.push(`${j} has rank ${ranks[j]} but no dominator of rank ${ranks[j] - 1}`);
    }
    expect(violations).toEqual([]);
    expect(Math.max(...ranks)).toBeGreaterThan(5);
  });
});
