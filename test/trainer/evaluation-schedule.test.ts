import { describe, expect, it } from 'vitest';
import { reachesMultiple } from '../../src/trainer/evaluation-schedule.js';

describe('reachesMultiple', () => {
  it('is true for the batch that reaches or passes a new multiple, and only for it', () => {
    expect(reachesMultiple(0, 999, 1000)).toBe(false);
    expect(reachesMultiple(999, 1000, 1000)).toBe(true);
    expect(reachesMultiple(1000, 1999, 1000)).toBe(false);
    expect(reachesMultiple(1900, 2100, 1000)).toBe(true);
  });

  it('gives one point for a batch that passes several multiples', () => {
    expect(reachesMultiple(0, 3500, 1000)).toBe(true);
    expect(reachesMultiple(3500, 3999, 1000)).toBe(false);
  });

  it('puts the points of spacing 3g on points of spacing g', () => {
    // Batches of 70 to 130 tokens; the boundaries where spacing 300 evaluates are all boundaries of spacing 100.
    const boundaries: number[] = [];
    let tokens = 0;
    for (let i = 0; i < 200; i++) boundaries.push((tokens += 70 + ((i * 37) % 61)));
    const pointsAt = (every: number): number[] =>
      boundaries.filter((after, i) => reachesMultiple(i === 0 ? 0 : boundaries[i - 1], after, every));
    const fine = pointsAt(100);
    const coarse = pointsAt(300);
    expect(coarse.length).toBeGreaterThan(50);
    for (const point of coarse) expect(fine).toContain(point);
    coarse.forEach((point, j) => {
      expect(point).toBeGreaterThanOrEqual((j + 1) * 300);
      expect(point).toBeLessThan((j + 1) * 300 + 130);
    });
  });
});
