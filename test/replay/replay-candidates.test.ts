import { describe, expect, it } from 'vitest';
import { replayCandidates, scoreRecipeOnFolds } from '../../src/replay/index.js';
import { createRng } from '../../src/random/rng.js';
import { recipeKey } from '../../src/samplers/space-domain.js';
import { compileSpace } from '../../src/space/index.js';
import type { Params } from '../../src/space/types.js';
import type { FoldResult, GridCurve } from '../../src/trainer/results.js';

const GRID = 1000;
const BUDGET = 40_000;

/** A recorded fold: dev and held-out EM rising to a plateau over 40 grid points, with a small wobble. */
function recordedFold(fold: number, speed: number): FoldResult {
  const points = 40;
  const trainingTokens = Array.from({ length: points }, (_, i) => (i + 1) * GRID + 17 * (i % 3));
  const rise = (i: number) => Math.min(1, (speed * (i + 1)) / points) * (0.97 + 0.02 * Math.sin(i));
  const grid: GridCurve = {
    every: GRID,
    devTokens: 120,
    heldOutTokens: 400,
    trainingTokens,
    devEm: trainingTokens.map((_, i) => Number(rise(i).toFixed(3))),
    devLoss: trainingTokens.map((_, i) => 2 * (1 - rise(i)) + 0.01),
    heldOutEm: trainingTokens.map((_, i) => Number((rise(i) * 0.98).toFixed(3))),
    measurementTokens: 0,
  };
  return { fold, tokens: BUDGET, em: grid.heldOutEm[points - 1], heldOutSize: 50, stopReason: 'budget', diverged: false, curve: [], grid, seconds: 1 };
}

const space = compileSpace({
  params: {
    learningRate: { type: 'categorical', choices: [0.01, 0.02] },
    'stopping.rule': { type: 'categorical', choices: ['none', 'patience', 'threshold'] },
    'stopping.evalEvery': { type: 'int', low: 1000, high: 8000, log: true },
    'stopping.restoreBest': { type: 'categorical', choices: [false, true] },
    'stopping.patience': { type: 'int', low: 1, high: 5, when: 'stopping.rule == "patience"' },
    'stopping.target': { type: 'float', low: 0.5, high: 0.95, when: 'stopping.rule == "threshold"' },
  },
});
const trained = {
  params: { learningRate: 0.02, 'stopping.rule': 'none', 'stopping.evalEvery': 2000, 'stopping.restoreBest': false } as Params,
  folds: [recordedFold(0, 1.6), recordedFold(1, 2.2)],
};
const options = { budgetTokens: BUDGET, samples: 300 };

describe('replayCandidates', () => {
  it('returns scored recipes with the trained hyperparameters and other stopping rules, non-dominated, in order of tokens', () => {
    const candidates = replayCandidates(space, trained, { ...options, cap: 6, rng: createRng(1) });
    expect(candidates.length).toBeGreaterThan(1);
    expect(candidates.length).toBeLessThanOrEqual(6);
    for (const { params, result } of candidates) {
      expect(space.isFeasible(params)).toBe(true);
      expect(params.learningRate).toBe(0.02);
      expect(Number(params['stopping.evalEvery']) % GRID).toBe(0);
      expect(params['stopping.rule']).not.toBe('none');
      expect(result).toEqual(scoreRecipeOnFolds(params, trained.folds, { budgetTokens: BUDGET }));
    }
    const tokens = candidates.map(({ result }) => result.tokens.mean);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    for (const a of candidates) {
      for (const b of candidates) {
        const dominates =
          a.result.tokens.mean <= b.result.tokens.mean && a.result.em.mean >= b.result.em.mean &&
          (a.result.tokens.mean < b.result.tokens.mean || a.result.em.mean > b.result.em.mean);
        expect(dominates).toBe(false);
      }
    }
  });

  it('keeps at most `cap`, spread along the whole front with both ends, and is the same for the same seed', () => {
    const all = replayCandidates(space, trained, { ...options, cap: 1000, rng: createRng(2) });
    const few = replayCandidates(space, trained, { ...options, cap: 3, rng: createRng(2) });
    expect(all.length).toBeGreaterThan(3);
    expect(few).toHaveLength(3);
    expect(few[0]).toEqual(all[0]);
    expect(few[2]).toEqual(all[all.length - 1]);
    expect(replayCandidates(space, trained, { ...options, cap: 3, rng: createRng(2) })).toEqual(few);
  });

  it('leaves out the trained recipe and the recipes in `exclude`', () => {
    const all = replayCandidates(space, trained, { ...options, cap: 1000, rng: createRng(3) });
    const trainedKey = recipeKey(space, trained.params);
    expect(all.some(({ params }) => recipeKey(space, params) === trainedKey)).toBe(false);
    const exclude = new Set(all.slice(0, 2).map(({ params }) => recipeKey(space, params)!));
    const rest = replayCandidates(space, trained, { ...options, cap: 1000, rng: createRng(3), exclude });
    expect(rest.some(({ params }) => exclude.has(recipeKey(space, params)!))).toBe(false);
    expect(rest.length).toBeGreaterThan(0);
  });

  it('returns one recipe per distinct outcome: settings that stop every fold at the same point are not repeated', () => {
    // Two thresholds crossed at the same grid points give the same outcome, so drawing many yields duplicates.
    const threshold = (target: number) =>
      scoreRecipeOnFolds(
        { ...trained.params, 'stopping.rule': 'threshold', 'stopping.target': target, 'stopping.evalEvery': 1000 },
        trained.folds,
        { budgetTokens: BUDGET },
      )!.folds.map((fold) => [fold.tokens, fold.em]);
    expect(threshold(0.6)).toEqual(threshold(0.601));
    const all = replayCandidates(space, trained, { ...options, cap: 1000, rng: createRng(5) });
    const outcomes = all.map(({ result }) => result.folds.map((fold) => [fold.tokens, fold.em]));
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome))).size).toBe(all.length);
  });

  it('leaves out recipes that stop every fold where the trained recipe itself stopped', () => {
    const outcome = (folds: readonly FoldResult[]) => JSON.stringify(folds.map((fold) => [fold.tokens, fold.em]));
    const all = replayCandidates(space, trained, { ...options, cap: 1000, rng: createRng(6) });
    expect(all.length).toBeGreaterThan(3);
    // The same recorded grids, from a run that stopped where one of those candidates stops (replay is exact, so a
    // run of that candidate's rule records exactly this): the same draws now find that outcome already taken.
    const taken = all[Math.floor(all.length / 2)].result.folds;
    const stoppedThere = { params: trained.params, folds: trained.folds.map((fold, f) => ({ ...fold, tokens: taken[f].tokens, em: taken[f].em })) };
    const again = replayCandidates(space, stoppedThere, { ...options, cap: 1000, rng: createRng(6) });
    expect(again.some(({ result }) => outcome(result.folds) === outcome(taken))).toBe(false);
    expect(again).toHaveLength(all.length - 1);
  });

  it('returns nothing for folds without a grid', () => {
    const folds = trained.folds.map(({ grid, ...fold }) => (void grid, fold));
    expect(replayCandidates(space, { params: trained.params, folds }, { ...options, cap: 5, rng: createRng(4) })).toEqual([]);
  });
});
