import { describe, expect, it } from 'vitest';
import { deficitOf } from '../../benchmarks/dtlz2-deficit.js';
import { dtlz2 } from '../../benchmarks/problems/dtlz2.js';
import { arcHypervolume, bestArcHypervolume } from '../../benchmarks/problems/dtlz2-front.js';

/** A recipe at angle x₁ and distance g (x₂ moved off ½ by √g). */
function recipe(x1: number, g: number): number[] {
  return [x1, 0.5 + Math.sqrt(g), 0.5, 0.5, 0.5, 0.5];
}

function run(recipes: number[][]): { points: number[][]; values: [number, number][] } {
  return { points: recipes, values: recipes.map((x) => dtlz2.evaluate(Float64Array.from(x))) };
}

describe('DTLZ2 deficit of a run', () => {
  it('charges a run on the front nothing for distance, only for placement and count', () => {
    const { points, values } = run([recipe(0, 0), recipe(0.3, 0), recipe(0.7, 0), recipe(1, 0)]);
    const row = deficitOf(7, points, values);
    expect(row.seed).toBe(7);
    expect(row.frontSize).toBe(4);
    expect(row.largestFrontDistance).toBeCloseTo(0, 15);
    expect(row.hypervolumeOnFront).toBeCloseTo(row.hypervolume, 12);
    expect(row.bestOfFrontSize).toBeCloseTo(bestArcHypervolume(4).hypervolume, 12);
    expect(row.bestOfFrontSize).toBeGreaterThanOrEqual(row.hypervolumeOnFront);
    expect([row.smallestAngle, row.largestAngle, row.widestGap]).toEqual([0, 1, expect.closeTo(0.4, 12)]);
    expect(row.firstOnFront).toBe(1);
    expect(row.onFrontCount).toBe(4);
  });

  it('charges points off the front for distance, and ignores dominated and outside points', () => {
    const { points, values } = run([
      recipe(0.5, 0.2), // far off, dominated by the point at the same angle below
      recipe(0.2, 0.3), // outside the reference box (1.3·cos 0.1π ≈ 1.24 > 1.1), so not on the scored front
      recipe(0.5, 0.02),
      recipe(0.1, 0.005),
      recipe(0.9, 0.04),
    ]);
    const row = deficitOf(0, points, values);
    expect(row.frontSize).toBe(3);
    expect(row.medianFrontDistance).toBeCloseTo(0.02, 12);
    expect(row.largestFrontDistance).toBeCloseTo(0.04, 12);
    expect([row.smallestAngle, row.largestAngle]).toEqual([0.1, 0.9]);
    expect(row.hypervolumeOnFront).toBeCloseTo(arcHypervolume([0.1, 0.5, 0.9].map((x1) => (x1 * Math.PI) / 2), 1), 12);
    expect(row.hypervolumeOnFront).toBeGreaterThan(row.hypervolume);
    expect(row.firstOnFront).toBe(4);
    expect(row.onFrontCount).toBe(1);
  });
});
