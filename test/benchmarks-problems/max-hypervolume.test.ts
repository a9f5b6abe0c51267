import { describe, expect, it } from 'vitest';
import { evenCoordinates, forEachGridRecipe } from '../../benchmarks/problems/grid-recipes.js';
import { searchMaxHypervolume } from '../../benchmarks/problems/max-hypervolume.js';
import type { MixedTestProblem } from '../../benchmarks/problems/types.js';
import { compileSpace } from '../../src/space/index.js';
import type { Params } from '../../src/space/types.js';

describe('forEachGridRecipe', () => {
  it('enumerates each branch of a conditional space once, with every integer and the float grid', () => {
    const space = compileSpace({
      params: {
        rule: { type: 'categorical', choices: ['a', 'b'] },
        n: { type: 'int', low: 1, high: 3, when: "rule == 'a'" },
        x: { type: 'float', low: 1e-3, high: 1, log: true },
      },
    });
    const recipes: Params[] = [];
    forEachGridRecipe(space, () => evenCoordinates(3), (params) => recipes.push(params));
    expect(recipes).toHaveLength(3 * 3 + 3);
    expect(recipes.filter((r) => r.rule === 'b').every((r) => !('n' in r))).toBe(true);
    expect(new Set(recipes.filter((r) => r.rule === 'a').map((r) => r.n))).toEqual(new Set([1, 2, 3]));
    // Even in log space: 0.001, 0.0316…, 1.
    expect([...new Set(recipes.map((r) => r.x))].sort((p, q) => (p as number) - (q as number))).toEqual([0.001, 0.0316227766017, 1]);
    for (const recipe of recipes) expect(space.isFeasible(recipe)).toBe(true);
  });
});

describe('forEachGridRecipe on an integer too wide to enumerate', () => {
  it('takes the float coordinates for it, rounded to integers', () => {
    const space = compileSpace({
      params: { warmup: { type: 'int', low: 0, high: 1_000_000 }, patience: { type: 'int', low: 1, high: 3 } },
    });
    const recipes: Params[] = [];
    forEachGridRecipe(space, () => evenCoordinates(5), (params) => recipes.push(params));
    expect(recipes).toHaveLength(5 * 3);
    expect([...new Set(recipes.map((r) => r.warmup))]).toEqual([0, 250000, 500000, 750000, 1000000]);
  });
});

describe('searchMaxHypervolume', () => {
  // Front f₂ = 1 − f₁ (choice 1; choice 2 is dominated): the area it dominates against (1, 1) is 1/2, which a
  // finite set of points approaches from below.
  const line: MixedTestProblem = {
    name: 'Line',
    space: { params: { k: { type: 'categorical', choices: [1, 2] }, x: { type: 'float', low: 0, high: 1 } } },
    evaluate: (params) => [params.x as number, (params.k === 1 ? 1 : 1.2) - (params.x as number)],
    refPoint: [1, 1],
    maxHypervolume: 0.5,
  };

  it('approaches the maximum from below as refinement rounds add recipes', () => {
    const result = searchMaxHypervolume(line, { gridPoints: 5, refinePoints: 5, refinements: 2 });
    // Points spaced h apart along the line leave a staircase gap of h/2: h = 1/4 on the grid, then each round
    // (5 local points spanning ± one step) halves the spacing.
    expect(result.stages.map((volume) => Number(volume.toFixed(12)))).toEqual([0.5 - 1 / 8, 0.5 - 1 / 16, 0.5 - 1 / 32]);
    expect(result.hypervolume).toBe(result.stages[2]);
    expect(result.front.every((entry) => entry.params.k === 1)).toBe(true);
  });
});
