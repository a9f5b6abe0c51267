import { beforeAll, describe, expect, it } from 'vitest';
import { scoreRecipeOnFolds } from '../../src/replay/index.js';
import type { Params } from '../../src/space/types.js';
import type { CurvePoint } from '../../src/stopping/types.js';
import { evaluateRecipe } from '../../src/trainer/cross-validate.js';
import type { FoldResult, TrialResult } from '../../src/trainer/results.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import { timeoutFor } from '../helpers/timeouts.js';
import { trainingBackends } from '../trainer/backends.js';

const [backend] = await trainingBackends();
const task = await createTask(
  { name: 'reverse', minLength: 4, maxLength: 6, alphabet: 'abcdefg', examples: 300, seed: 2 },
  { baseDir: '.', source: 'test' },
);
const hyperparameters: Params = { width: 32, embedding: 16, heads: 4, depth: 1, batchSize: 32, learningRate: 0.03, dropout: 0.1 };
const BUDGET = 30_000;
const GRID = 1000;
// A dev split of 36 examples: curves fine enough for rules to differ, and a run that overfits late.
const study = { task, folds: 2, seed: 3, runSeed: 5, devFraction: 0.3, budgetTokens: BUDGET, parallel: 1, backend } as const;

/** Trains `params` for real on the study's folds (recording a grid when asked). */
function train(params: Params, options: { gridEvery?: number; peersByFold?: CurvePoint[][][]; budgetTokens?: number } = {}): Promise<TrialResult> {
  return evaluateRecipe({ ...study, ...options, params: { ...hyperparameters, ...params } });
}

const withoutTime = (folds: readonly FoldResult[]) => folds.map(({ seconds, grid, ...rest }) => (void seconds, void grid, rest));

/** A flat peer curve at `devEm` over the whole budget, for the median rule. */
const flatPeer = (devEm: number): CurvePoint[] =>
  Array.from({ length: 30 }, (_, i) => ({ tokens: (i + 1) * 1000, devEm, devLoss: 1 - devEm }));

describe('scoreRecipeOnFolds', () => {
  let source: TrialResult;
  beforeAll(async () => {
    // Rule none evaluating only at the budget: the grid records the whole run.
    source = await train({ 'stopping.rule': 'none', 'stopping.evalEvery': BUDGET }, { gridEvery: GRID });
  }, timeoutFor({ trainings: 2, tokens: BUDGET }));

  const recipes: { name: string; params: Params; peersByFold?: CurvePoint[][][]; restoresEarlier?: boolean }[] = [
    {
      name: 'patience on dev loss, restoring an earlier checkpoint',
      params: { 'stopping.rule': 'patience', 'stopping.patience': 2, 'stopping.metric': 'devLoss', 'stopping.evalEvery': 1000, 'stopping.restoreBest': true },
      restoresEarlier: true,
    },
    { name: 'patience with restoreBest', params: { 'stopping.rule': 'patience', 'stopping.patience': 2, 'stopping.evalEvery': 2000, 'stopping.restoreBest': true } },
    {
      name: 'patience on dev loss after a warmup',
      params: { 'stopping.rule': 'patience', 'stopping.patience': 3, 'stopping.minDelta': 0.01, 'stopping.metric': 'devLoss', 'stopping.evalEvery': 3000, 'stopping.warmup': 6000 },
    },
    { name: 'threshold', params: { 'stopping.rule': 'threshold', 'stopping.target': 0.85, 'stopping.evalEvery': 1000 } },
    { name: 'plateau with restoreBest', params: { 'stopping.rule': 'plateau', 'stopping.window': 3, 'stopping.tolerance': 0.5, 'stopping.evalEvery': 2000, 'stopping.restoreBest': true } },
    {
      name: 'median against each fold\'s own peers',
      params: { 'stopping.rule': 'median', 'stopping.minPeers': 2, 'stopping.evalEvery': 2000 },
      peersByFold: [[flatPeer(0.9), flatPeer(0.95)], [flatPeer(0.5), flatPeer(0.6)]],
    },
  ];

  for (const recipe of recipes) {
    it(`gives what training the recipe gives, fold by fold: ${recipe.name}`, { timeout: timeoutFor({ trainings: 2, tokens: BUDGET }) }, async () => {
      const replayed = scoreRecipeOnFolds({ ...hyperparameters, ...recipe.params }, source.folds, {
        budgetTokens: BUDGET,
        ...(recipe.peersByFold ? { peersByFold: recipe.peersByFold } : {}),
      });
      const trained = await train(recipe.params, recipe.peersByFold ? { peersByFold: recipe.peersByFold } : {});
      // The rule fired on every fold before the budget: the case replay must score.
      for (const fold of trained.folds) expect(fold.stopReason).toMatch(/^rule:/);
      expect(replayed).not.toBeNull();
      expect(replayed!.folds.map(({ seconds, ...rest }) => (void seconds, rest))).toEqual(withoutTime(trained.folds));
      expect(replayed!.tokens).toEqual(trained.tokens);
      expect(replayed!.em).toEqual(trained.em);
      if (recipe.restoresEarlier) {
        // The case restoreBest is for: the restored checkpoint precedes the stop and scores differently.
        const atStop = scoreRecipeOnFolds({ ...hyperparameters, ...recipe.params, 'stopping.restoreBest': false }, source.folds, { budgetTokens: BUDGET });
        expect(replayed!.folds.some((fold, f) => fold.restoredFromTokens! < fold.tokens && fold.em !== atStop!.folds[f].em)).toBe(true);
      }
    });
  }

  it('is null when the rule would not fire within the budget: the run ends at a budget stop off the grid', { timeout: timeoutFor({ trainings: 2, tokens: BUDGET }) }, async () => {
    const params: Params = { 'stopping.rule': 'patience', 'stopping.patience': 2, 'stopping.evalEvery': 2000, 'stopping.warmup': 2 * BUDGET };
    expect(scoreRecipeOnFolds({ ...hyperparameters, ...params }, source.folds, { budgetTokens: BUDGET })).toBeNull();
    const trained = await train(params);
    expect(trained.folds.map((fold) => fold.stopReason)).toEqual(['budget', 'budget']);
  });

  it('is null when the recipe would train past the end of the recorded grid', { timeout: timeoutFor({ trainings: 4, tokens: BUDGET }) }, async () => {
    // The source stops early (dev EM ≥ 0.5), so its grid ends there; patience stops later in a real run.
    const early = await train({ 'stopping.rule': 'threshold', 'stopping.target': 0.5, 'stopping.evalEvery': 2000 }, { gridEvery: GRID });
    const later: Params = { 'stopping.rule': 'patience', 'stopping.patience': 3, 'stopping.evalEvery': 2000 };
    expect(scoreRecipeOnFolds({ ...hyperparameters, ...later }, early.folds, { budgetTokens: BUDGET })).toBeNull();
    const trained = await train(later);
    const gridEnd = Math.min(...early.folds.map((fold) => fold.grid!.trainingTokens.at(-1)!));
    expect(Math.max(...trained.folds.map((fold) => fold.tokens))).toBeGreaterThan(gridEnd);
    // A rule that stops within that shorter grid is still scored.
    expect(scoreRecipeOnFolds({ ...hyperparameters, 'stopping.rule': 'threshold', 'stopping.target': 0.3, 'stopping.evalEvery': 2000 }, early.folds, { budgetTokens: BUDGET })).not.toBeNull();
  });

  it('is null for an evalEvery that is not a multiple of the grid spacing, and for folds without a grid', () => {
    const params: Params = { ...hyperparameters, 'stopping.rule': 'threshold', 'stopping.target': 0.85 };
    expect(scoreRecipeOnFolds({ ...params, 'stopping.evalEvery': 2000 }, source.folds, { budgetTokens: BUDGET })).not.toBeNull();
    expect(scoreRecipeOnFolds({ ...params, 'stopping.evalEvery': 1500 }, source.folds, { budgetTokens: BUDGET })).toBeNull();
    const withoutGrid = source.folds.map(({ grid, ...fold }) => (void grid, fold));
    expect(scoreRecipeOnFolds({ ...params, 'stopping.evalEvery': 2000 }, withoutGrid, { budgetTokens: BUDGET })).toBeNull();
  });
});
