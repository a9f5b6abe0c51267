import { describe, expect, it } from 'vitest';
import { onGrid, recordedUpTo, simulateFold } from '../../benchmarks/search-cost/simulated-fold.js';
import { scoreRecipeOnFolds } from '../../src/replay/index.js';
import type { FoldResult, GridCurve } from '../../src/trainer/results.js';

const BUDGET = 40_000;
const DEV_TOKENS = 300;

/** A bank fold: 40 grid points every 1000 training tokens, dev EM rising to 0.9 by point 20 then dipping late. */
function bankFold(): FoldResult {
  const n = 40;
  const trainingTokens = Array.from({ length: n }, (_, i) => (i + 1) * 1000 + 11);
  const devEm = trainingTokens.map((_, i) => (i < 20 ? (0.9 * (i + 1)) / 20 : i < 30 ? 0.9 : 0.85));
  const grid: GridCurve = {
    every: 1000,
    devTokens: DEV_TOKENS,
    heldOutTokens: 900,
    trainingTokens,
    devEm,
    devLoss: devEm.map((em) => 1 - em),
    heldOutEm: trainingTokens.map((_, i) => i / 100),
    measurementTokens: 0,
  };
  return { fold: 0, tokens: BUDGET, em: 0.39, heldOutSize: 10, stopReason: 'budget', diverged: false, curve: [], grid, seconds: 1 };
}

describe('simulateFold', () => {
  const source = bankFold();

  it('is the exact replay when the rule fires within the budget', () => {
    const params = { 'stopping.rule': 'threshold', 'stopping.target': 0.6, 'stopping.evalEvery': 2000 };
    const fold = simulateFold(params, source, BUDGET, []);
    const replayed = scoreRecipeOnFolds(params, [source], { budgetTokens: BUDGET })!.folds[0];
    expect(fold).toMatchObject({ tokens: replayed.tokens, em: replayed.em, curve: replayed.curve, exact: true });
    expect(fold.lastGridIndex).toBe(13);
  });

  it('prices a rule that never fires as a budget stop: the budget, with the EM of the last grid point the run passes or of its best checkpoint', () => {
    const none = { 'stopping.rule': 'none', 'stopping.evalEvery': 5000, 'stopping.restoreBest': false };
    const fold = simulateFold(none, source, BUDGET, []);
    // 7 dev reads fit (point j at 5000·j + 11 + j·300 ≤ 40 000); final training tokens 40 000 − 7 · 300 = 37 900.
    expect(fold.curve).toHaveLength(7);
    expect(fold).toMatchObject({ tokens: BUDGET, lastGridIndex: 36, em: 0.36, exact: false });
    const restored = simulateFold({ ...none, 'stopping.restoreBest': true }, source, BUDGET, []);
    // The best dev checkpoint is the first at dev EM 0.9 (point 20, grid index 19).
    expect(restored.em).toBe(0.19);
  });

  it('scores an evalEvery off the grid at the nearest multiple, and cuts a recorded grid where its run stopped', () => {
    expect(onGrid({ 'stopping.evalEvery': 2400 }, 1000)).toEqual({ 'stopping.evalEvery': 2000 });
    expect(onGrid({ 'stopping.evalEvery': 300 }, 1000)).toEqual({ 'stopping.evalEvery': 1000 });
    const cut = recordedUpTo(source, 13);
    expect(cut.grid!.trainingTokens).toHaveLength(14);
    expect(cut.grid!.heldOutEm.at(-1)).toBe(0.13);
  });
});
