import { describe, expect, it } from 'vitest';
import { dtlz2 } from '../../benchmarks/problems/dtlz2.js';
import {
  arcHypervolume,
  arcLimitHypervolume,
  bestArcHypervolume,
  dtlz2Distance,
  largestDistanceForShare,
  smallestCountForShare,
} from '../../benchmarks/problems/dtlz2-front.js';

const quarter = Math.PI / 2;

describe('DTLZ2 front geometry', () => {
  it('measures the distance g that scales a recipe’s objectives', () => {
    const x = Float64Array.of(0.3, 0.1, 0.2, 0.3, 0.4, 0.5);
    const g = dtlz2Distance(x);
    expect(g).toBeCloseTo(0.16 + 0.09 + 0.04 + 0.01, 15);
    const [f1, f2] = dtlz2.evaluate(x);
    expect(Math.hypot(f1, f2)).toBeCloseTo(1 + g, 12);
  });

  it('scores points on an arc as the study would score the recipes with those angles and distance', () => {
    const x1 = [0, 0.2, 0.55, 1];
    const g = 0.05;
    // Recipes at distance g: x₂ moved off 1/2 by √g.
    const values = x1.flatMap((first) => dtlz2.evaluate(Float64Array.of(first, 0.5 + Math.sqrt(g), 0.5, 0.5, 0.5, 0.5)));
    let expected = 0;
    // Direct staircase: sorted by the first objective ascending (largest x₁ first).
    const sorted = x1.map((_, i) => [values[2 * i], values[2 * i + 1]]).sort((a, b) => a[0] - b[0]);
    sorted.forEach(([first, second], i) => {
      const nextFirst = i + 1 < sorted.length ? sorted[i + 1][0] : dtlz2.refPoint[0];
      expected += (nextFirst - first) * (dtlz2.refPoint[1] - second);
    });
    expect(arcHypervolume(x1.map((first) => first * quarter), 1 + g)).toBeCloseTo(expected, 12);
  });

  it('places one point at 45° and reaches (1.1 − √½)²', () => {
    const { hypervolume, angles } = bestArcHypervolume(1);
    expect(angles[0]).toBeCloseTo(Math.PI / 4, 6);
    expect(hypervolume).toBeCloseTo((1.1 - Math.SQRT1_2) ** 2, 10);
  });

  it('finds the best placement of two and three points that a fine grid search finds', () => {
    const grid = Array.from({ length: 1001 }, (_, i) => (i / 1000) * quarter);
    let bestTwo = 0;
    for (const a of grid) for (const b of grid) if (a < b) bestTwo = Math.max(bestTwo, arcHypervolume([a, b], 1));
    expect(bestArcHypervolume(2).hypervolume).toBeGreaterThanOrEqual(bestTwo - 1e-12);
    expect(bestArcHypervolume(2).hypervolume).toBeLessThan(bestTwo + 1e-5);

    // Three points: the ends are part of the optimum (moving an end point inwards from x₁ = 0 loses area while
    // r < 1.1), so a grid over the middle one suffices for this check.
    let bestThree = 0;
    for (const b of grid) bestThree = Math.max(bestThree, arcHypervolume([0, b, quarter], 1));
    expect(bestArcHypervolume(3).hypervolume).toBeCloseTo(bestThree, 6);
  });

  it('grows towards the whole arc’s hypervolume, which at g = 0 is the problem’s maximum', () => {
    expect(arcLimitHypervolume(1)).toBeCloseTo(dtlz2.maxHypervolume, 14);
    const volumes = [5, 10, 20, 40].map((count) => bestArcHypervolume(count).hypervolume);
    for (let i = 1; i < volumes.length; i++) expect(volumes[i]).toBeGreaterThan(volumes[i - 1]);
    expect(volumes[3]).toBeLessThan(dtlz2.maxHypervolume);
    // Evenly spaced angles (ends included) never beat the best placement.
    const even = Array.from({ length: 20 }, (_, i) => (i / 19) * quarter);
    expect(bestArcHypervolume(20).hypervolume).toBeGreaterThanOrEqual(arcHypervolume(even, 1));
  });

  it('answers how many front points and how small a distance 95 % takes', () => {
    const count = smallestCountForShare(0.95);
    expect(bestArcHypervolume(count).hypervolume).toBeGreaterThanOrEqual(0.95 * dtlz2.maxHypervolume);
    expect(bestArcHypervolume(count - 1).hypervolume).toBeLessThan(0.95 * dtlz2.maxHypervolume);

    // The whole arc at radius r keeps 1.21 − πr²/4, so 95 % allows r² ≤ (1.21 − 0.95·max)·4/π.
    const limit = Math.sqrt(((1.21 - 0.95 * dtlz2.maxHypervolume) * 4) / Math.PI) - 1;
    expect(largestDistanceForShare(Infinity, 0.95)).toBeCloseTo(limit, 8);
    const atTwenty = largestDistanceForShare(20, 0.95);
    expect(atTwenty).toBeGreaterThan(0);
    expect(atTwenty).toBeLessThan(limit);
    expect(bestArcHypervolume(20, 1 + atTwenty).hypervolume).toBeCloseTo(0.95 * dtlz2.maxHypervolume, 6);
    // Fewer points than 95 % needs at g = 0: no distance is small enough.
    expect(largestDistanceForShare(count - 1, 0.95)).toBe(0);
  });
});
