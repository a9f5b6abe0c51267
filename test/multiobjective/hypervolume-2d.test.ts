import { describe, expect, it } from 'vitest';
import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import { createRng } from '../../src/random/rng.js';

/** Exact area by brute force: split the box at every coordinate and test each grid cell against every point. */
function gridHypervolume(points: Float64Array, n: number, ref: readonly [number, number]): number {
  const xs = [ref[0]];
  const ys = [ref[1]];
  for (let i = 0; i < n; i++) {
    if (points[2 * i] < ref[0]) xs.push(points[2 * i]);
    if (points[2 * i + 1] < ref[1]) ys.push(points[2 * i + 1]);
  }
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  let area = 0;
  for (let a = 0; a + 1 < xs.length; a++) {
    for (let b = 0; b + 1 < ys.length; b++) {
      const centerX = (xs[a] + xs[a + 1]) / 2;
      const centerY = (ys[b] + ys[b + 1]) / 2;
      let covered = false;
      for (let i = 0; i < n && !covered; i++) covered = points[2 * i] <= centerX && points[2 * i + 1] <= centerY;
      if (covered) area += (xs[a + 1] - xs[a]) * (ys[b + 1] - ys[b]);
    }
  }
  return area;
}

/** Inclusion–exclusion over all subsets: the union of boxes [p, ref]. */
function inclusionExclusionHypervolume(points: Float64Array, n: number, ref: readonly [number, number]): number {
  let total = 0;
  for (let subset = 1; subset < 1 << n; subset++) {
    let x = Number.NEGATIVE_INFINITY;
    let y = Number.NEGATIVE_INFINITY;
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (subset & (1 << i)) {
        x = Math.max(x, points[2 * i]);
        y = Math.max(y, points[2 * i + 1]);
        size++;
      }
    }
    const box = Math.max(0, ref[0] - x) * Math.max(0, ref[1] - y);
    total += size % 2 === 1 ? box : -box;
  }
  return total;
}

describe('hypervolume2d', () => {
  it('computes a hand-made staircase', () => {
    // Front (1,3), (2,2), (3,1) with ref (4,4): columns of width 1 and heights 1, 2, 3.
    const points = new Float64Array([3, 1, 1, 3, 2, 2]);
    expect(hypervolume2d(points, 3, [4, 4])).toBeCloseTo(6, 14);
  });

  it('ignores points that do not dominate the reference point, dominated points and NaN', () => {
    const points = new Float64Array([1, 1, 5, 0, 0, 5, 4, 1, 2, 2, Number.NaN, 0]);
    // Only (1,1) matters inside ref (4,4); (4,1) lies on the boundary, (2,2) is dominated.
    expect(hypervolume2d(points, 6, [4, 4])).toBe(9);
    expect(hypervolume2d(new Float64Array([]), 0, [1, 1])).toBe(0);
  });

  it('matches inclusion–exclusion on small random sets', () => {
    const rng = createRng(21);
    for (let trial = 0; trial < 100; trial++) {
      const n = 1 + rng.int(9);
      const points = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i++) points[i] = rng.next() * 1.2 - 0.1;
      const ref: [number, number] = [1, 1];
      expect(hypervolume2d(points, n, ref)).toBeCloseTo(inclusionExclusionHypervolume(points, n, ref), 12);
    }
  });

  it('matches an exact grid decomposition on larger random sets with ties', () => {
    const rng = createRng(22);
    for (let trial = 0; trial < 30; trial++) {
      const n = 10 + rng.int(60);
      const points = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i++) points[i] = rng.int(4) === 0 ? rng.int(5) / 5 : rng.next() * 3 - 1;
      const ref: [number, number] = [1.5, 1.2];
      expect(hypervolume2d(points, n, ref)).toBeCloseTo(gridHypervolume(points, n, ref), 10);
    }
  });
});
