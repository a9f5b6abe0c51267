import { describe, expect, it } from 'vitest';
import { defaultLengthLimit, MAX_FIELD_LENGTH, nearestRankQuantile } from '../../../src/trainer/tasks/length-limit.js';

describe('length limit of a JSONL field', () => {
  it('nearest-rank quantile: the smallest value with at least q·n values at or below it', () => {
    // numpy.percentile(range(1, 101), 99, method='inverted_cdf') == 99; of range(1, 100) it is 99 (the largest).
    expect(nearestRankQuantile(Array.from({ length: 100 }, (_, i) => 100 - i), 0.99)).toBe(99);
    expect(nearestRankQuantile(Array.from({ length: 99 }, (_, i) => i + 1), 0.99)).toBe(99);
    expect(nearestRankQuantile([7], 0.99)).toBe(7);
    expect(() => nearestRankQuantile([], 0.99)).toThrow(RangeError);
  });

  it('defaults to twice the 99th percentile, at most MAX_FIELD_LENGTH', () => {
    const lengths = [...Array(198).fill(10), 30, 500];
    expect(defaultLengthLimit(lengths)).toBe(20);
    expect(defaultLengthLimit(Array(200).fill(200))).toBe(MAX_FIELD_LENGTH);
  });
});
