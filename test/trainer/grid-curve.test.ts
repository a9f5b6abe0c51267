import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkGridEvery, recipeCurveOnGrid } from '../../src/trainer/grid-curve.js';
import type { GridCurve } from '../../src/trainer/results.js';

/** A grid of spacing 1000 whose points sit up to 90 tokens past each multiple; one batch passes both 5000 and 6000. */
const grid: GridCurve = {
  every: 1000,
  devTokens: 10,
  heldOutTokens: 20,
  trainingTokens: [1050, 2000, 3090, 4010, 6030, 7000, 8080],
  devEm: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
  devLoss: [3, 2.5, 2, 1.5, 1, 0.8, 0.6],
  heldOutEm: [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65],
  measurementTokens: 0,
};

describe('recipeCurveOnGrid', () => {
  it('at the grid spacing: every point, with one more dev read at each', () => {
    const { curve, gridIndex } = recipeCurveOnGrid(grid, 1000, 1e9);
    expect(gridIndex).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(curve.map((point) => point.tokens)).toEqual([1060, 2020, 3120, 4050, 6080, 7060, 8150]);
    expect(curve[4]).toEqual({ tokens: 6080, devEm: 0.5, devLoss: 1 });
  });

  it('at twice the spacing: the points that reach a new multiple of 2000, one for a batch that passes it with another', () => {
    const { curve, gridIndex } = recipeCurveOnGrid(grid, 2000, 1e9);
    // 2000 at 2000, 4000 at 4010, 6000 at 6030, 8000 at 8080.
    expect(gridIndex).toEqual([1, 3, 4, 6]);
    expect(curve.map((point) => point.tokens)).toEqual([2010, 4030, 6060, 8120]);
    expect(curve.map((point) => point.devEm)).toEqual([0.2, 0.4, 0.5, 0.7]);
  });

  it('ends before the first evaluation whose tokens would pass the budget', () => {
    expect(recipeCurveOnGrid(grid, 2000, 6060).gridIndex).toEqual([1, 3, 4]);
    expect(recipeCurveOnGrid(grid, 2000, 6059).gridIndex).toEqual([1, 3]);
  });

  it('refuses a spacing that is not a multiple of the grid', () => {
    expect(() => recipeCurveOnGrid(grid, 1500, 1e9)).toThrow(RangeError);
  });
});

describe('checkGridEvery', () => {
  it('accepts a positive integer that divides evalEvery', () => {
    expect(() => checkGridEvery(5000, 25_000, 'recipe')).not.toThrow();
    expect(() => checkGridEvery(25_000, 25_000, 'recipe')).not.toThrow();
  });

  it('refuses one that does not divide it, or is not a positive integer, naming the values', () => {
    expect(() => checkGridEvery(10_000, 25_000, 'trial 3')).toThrow(InputError);
    expect(() => checkGridEvery(10_000, 25_000, 'trial 3')).toThrow(
      /^trial 3: stopping\.evalEvery \(25000\) must be a multiple of the curve grid spacing \(10000 training tokens\)/,
    );
    expect(() => checkGridEvery(0, 25_000, 'recipe')).toThrow(/positive integer of training tokens, got 0/);
    expect(() => checkGridEvery(2.5, 25_000, 'recipe')).toThrow(/positive integer/);
  });
});
