import { describe, expect, it } from 'vitest';
import { assignFolds, confirmationSplit, splitFold } from '../../src/trainer/folds.js';
import { partitionTask } from '../../src/trainer/partition.js';
import type { Example } from '../../src/trainer/tasks/types.js';

/** n distinct examples, every input its own. */
const distinct = (n: number): Example[] => Array.from({ length: n }, (_, i) => ({ input: `q${i}`, target: `a${i}` }));

/** Examples where each input appears `repeat` times with different targets (e.g. several correct phrasings). */
const grouped = (inputs: number, repeat: number): Example[] =>
  Array.from({ length: inputs * repeat }, (_, i) => ({ input: `q${Math.floor(i / repeat)}`, target: `a${i}` }));

describe('assignFolds', () => {
  it('splits the search part into k folds of near-equal size, fixed by the seed, leaving the test part out', () => {
    const partition = partitionTask(distinct(125), 42);
    const folds = assignFolds(partition, 3, 42);
    const sizes = [0, 1, 2].map((f) => folds.filter((x) => x === f).length);
    expect(sizes.sort()).toEqual([33, 33, 34]);
    for (const i of partition.testIdx) expect(folds[i]).toBe(-1);
    expect(Array.from(assignFolds(partition, 3, 42))).toEqual(Array.from(folds));
    expect(Array.from(assignFolds(partition, 3, 43))).not.toEqual(Array.from(folds));
  });

  it('keeps identical inputs in one fold', () => {
    const examples = grouped(40, 3);
    const partition = partitionTask(examples, 5);
    const folds = assignFolds(partition, 4, 5);
    const foldOfInput = new Map<string, number>();
    examples.forEach(({ input }, i) => {
      if (folds[i] < 0) return;
      expect(foldOfInput.get(input) ?? folds[i]).toBe(folds[i]);
      foldOfInput.set(input, folds[i]);
    });
  });

  it('refuses more folds than the search part has distinct inputs', () => {
    const partition = partitionTask(grouped(4, 5), 1, 0.25);
    expect(() => assignFolds(partition, 4, 1)).toThrow(/folds must be an integer from 2 to 3/);
  });
});

describe('splitFold', () => {
  it('gives disjoint train, dev and held-out sets covering the search part, held-out sets covering it once over folds', () => {
    const partition = partitionTask(distinct(126), 7);
    const n = partition.searchIdx.length;
    const k = 4;
    const folds = assignFolds(partition, k, 7);
    const heldOutCount = new Map<number, number>();
    for (let fold = 0; fold < k; fold++) {
      const { trainIdx, devIdx, heldOutIdx } = splitFold(folds, fold, 0.1, 7, partition.groupOf);
      const all = [...trainIdx, ...devIdx, ...heldOutIdx];
      expect(new Set(all).size).toBe(n);
      expect(all.length).toBe(n);
      expect(devIdx.length).toBe(Math.round((n - heldOutIdx.length) * 0.1));
      for (const i of heldOutIdx) {
        expect(folds[i]).toBe(fold);
        heldOutCount.set(i, (heldOutCount.get(i) ?? 0) + 1);
      }
      for (const i of [...trainIdx, ...devIdx]) expect(folds[i]).not.toBe(fold);
    }
    expect([...heldOutCount.keys()].sort((a, b) => a - b)).toEqual(Array.from(partition.searchIdx));
    expect([...heldOutCount.values()].every((count) => count === 1)).toBe(true);
  });

  it('draws the dev split from (seed, fold) alone, whole input groups at a time', () => {
    const examples = grouped(30, 2);
    const partition = partitionTask(examples, 1);
    const folds = assignFolds(partition, 3, 1);
    const once = splitFold(folds, 2, 0.2, 1, partition.groupOf);
    splitFold(folds, 0, 0.2, 1, partition.groupOf);
    expect(Array.from(splitFold(folds, 2, 0.2, 1, partition.groupOf).devIdx)).toEqual(Array.from(once.devIdx));
    expect(Array.from(splitFold(folds, 2, 0.2, 2, partition.groupOf).devIdx)).not.toEqual(Array.from(once.devIdx));
    const devInputs = new Set(Array.from(once.devIdx, (i) => examples[i].input));
    for (const i of once.trainIdx) expect(devInputs.has(examples[i].input)).toBe(false);
  });
});

describe('confirmationSplit', () => {
  it('trains on the search part (less dev) and holds out exactly the test part', () => {
    const partition = partitionTask(distinct(200), 3);
    const split = confirmationSplit(partition, 0.1, 11);
    expect(Array.from(split.heldOutIdx)).toEqual(Array.from(partition.testIdx));
    expect([...split.trainIdx, ...split.devIdx].sort((a, b) => a - b)).toEqual(Array.from(partition.searchIdx));
    expect(split.devIdx.length).toBe(Math.round(partition.searchIdx.length * 0.1));
  });
});
