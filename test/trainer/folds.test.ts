import { describe, expect, it } from 'vitest';
import { assignFolds, splitFold } from '../../src/trainer/folds.js';

describe('folds and splits', () => {
  it('partitions examples into k folds of near-equal size, fixed by the seed', () => {
    const folds = assignFolds(100, 3, 42);
    const sizes = [0, 1, 2].map((f) => folds.filter((x) => x === f).length);
    expect(sizes.sort()).toEqual([33, 33, 34]);
    expect(Array.from(assignFolds(100, 3, 42))).toEqual(Array.from(folds));
    expect(Array.from(assignFolds(100, 3, 43))).not.toEqual(Array.from(folds));
  });

  it('gives disjoint train, dev and held-out sets that cover the data, held-out sets covering it once over folds', () => {
    const n = 101;
    const k = 4;
    const folds = assignFolds(n, k, 7);
    const heldOutCount = new Array(n).fill(0);
    for (let fold = 0; fold < k; fold++) {
      const { trainIdx, devIdx, heldOutIdx } = splitFold(folds, fold, 0.1, 7);
      const all = [...trainIdx, ...devIdx, ...heldOutIdx];
      expect(new Set(all).size).toBe(n); // disjoint and covering
      expect(all.length).toBe(n);
      expect(devIdx.length).toBe(Math.round((n - heldOutIdx.length) * 0.1));
      for (const i of heldOutIdx) {
        expect(folds[i]).toBe(fold);
        heldOutCount[i]++;
      }
      for (const i of [...trainIdx, ...devIdx]) expect(folds[i]).not.toBe(fold);
    }
    expect(heldOutCount.every((count) => count === 1)).toBe(true);
  });

  it('draws the dev split from (seed, fold) alone', () => {
    const folds = assignFolds(60, 3, 1);
    const once = splitFold(folds, 2, 0.2, 1);
    splitFold(folds, 0, 0.2, 1);
    expect(Array.from(splitFold(folds, 2, 0.2, 1).devIdx)).toEqual(Array.from(once.devIdx));
    expect(Array.from(splitFold(folds, 2, 0.2, 2).devIdx)).not.toEqual(Array.from(once.devIdx));
  });
});
