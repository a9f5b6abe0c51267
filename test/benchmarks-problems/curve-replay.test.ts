import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curveReplay, curveReplayBank, curveReplayPoint } from '../../benchmarks/problems/curve-replay.js';
import { BANK_LEARNING_RATES } from '../../benchmarks/search-cost/curve-bank.js';
import { bankPeers } from '../../benchmarks/search-cost/simulated-fold.js';
import { scoreRecipeOnFolds } from '../../src/replay/index.js';
import { compileSpace } from '../../src/space/index.js';
import type { SpaceDefinition } from '../../src/space/types.js';
import { bestCheckpointIndex } from '../../src/stopping/index.js';
import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import { recipeCurveOnGrid } from '../../src/trainer/grid-curve.js';

const DEFAULT_SPACE = JSON.parse(
  readFileSync(new URL('../../search-spaces/default.json', import.meta.url), 'utf8'),
) as SpaceDefinition & { budget: { maxTokensPerRun: number } };

describe('CurveReplay', () => {
  it('searches the default space: its width and stopping parameters as they are, the learning rate as an index of the bank', () => {
    for (const [name, spec] of Object.entries(DEFAULT_SPACE.params)) {
      if (name === 'learningRate') continue;
      expect(curveReplay.space.params[name], name).toEqual(spec);
    }
    const index = curveReplay.space.params.learningRateIndex;
    expect(index).toEqual({ type: 'int', low: 0, high: 7 });
    const range = DEFAULT_SPACE.params.learningRate;
    expect(range.type === 'float' && [range.low, range.high]).toEqual([BANK_LEARNING_RATES[0], BANK_LEARNING_RATES[7]]);
    expect(Object.keys(curveReplay.space.params)).toHaveLength(Object.keys(DEFAULT_SPACE.params).length);
    // Every index and width is a recorded bank point.
    for (let i = 0; i <= 7; i++) {
      for (const width of [64, 128]) {
        expect(curveReplayPoint({ learningRateIndex: i, width }).hyperparameters).toEqual({ learningRate: BANK_LEARNING_RATES[i], width });
      }
    }
  });

  it('gives the same values for a recipe whatever was evaluated before (the median rule has fixed peers)', () => {
    const recipe = { learningRateIndex: 1, width: 64, 'stopping.rule': 'median', 'stopping.evalEvery': 50000, 'stopping.warmup': 300000, 'stopping.minPeers': 3 };
    const first = curveReplay.evaluate(recipe);
    curveReplay.evaluate({ learningRateIndex: 4, width: 128, 'stopping.rule': 'median', 'stopping.evalEvery': 25000, 'stopping.warmup': 0, 'stopping.minPeers': 2 });
    curveReplay.evaluate({ learningRateIndex: 6, width: 64, 'stopping.rule': 'none', 'stopping.evalEvery': 200000 });
    expect(curveReplay.evaluate({ ...recipe })).toEqual(first);
    // A learning rate far below the best stops below the peers' median: the peers decided the stop.
    expect(first[0]).toBeLessThan(1);
  });

  it('rule none trains the whole budget on every fold and ends with the best dev checkpoint (restoreBest, the default)', () => {
    const bank = curveReplayBank();
    expect(bank.budgetTokens).toBe(DEFAULT_SPACE.budget.maxTokensPerRun);
    const recipe = { learningRateIndex: 3, width: 64, 'stopping.rule': 'none', 'stopping.evalEvery': 100000 };
    const [tokens, error] = curveReplay.evaluate(recipe);
    expect(tokens).toBe(1);
    const restoredEm = curveReplayPoint(recipe).folds.map((fold) => {
      const { curve, gridIndex } = recipeCurveOnGrid(fold.grid!, 100000, bank.budgetTokens);
      return fold.grid!.heldOutEm[gridIndex[bestCheckpointIndex(curve)!]];
    });
    expect(1 - error).toBeCloseTo(restoredEm.reduce((a, b) => a + b, 0) / restoredEm.length, 12);
    expect(1 - error).toBeGreaterThan(0.9);
  });

  it('a rule that fires costs the tokens replay gives, less than the budget', () => {
    const bank = curveReplayBank();
    const recipe = { learningRateIndex: 5, width: 128, 'stopping.rule': 'patience', 'stopping.evalEvery': 50000, 'stopping.warmup': 0, 'stopping.patience': 2 };
    const [tokens, error] = curveReplay.evaluate(recipe);
    const point = curveReplayPoint(recipe);
    const replayed = scoreRecipeOnFolds({ ...point.hyperparameters, 'stopping.rule': 'patience', 'stopping.evalEvery': 50000, 'stopping.warmup': 0, 'stopping.patience': 2 }, point.folds, {
      budgetTokens: bank.budgetTokens,
      peersByFold: bankPeers(bank),
    })!;
    expect(replayed).not.toBeNull();
    expect(tokens).toBeCloseTo(replayed.tokens.mean / bank.budgetTokens, 12);
    expect(1 - error).toBeCloseTo(replayed.em.mean, 12);
    expect(tokens).toBeLessThan(0.8);
    // The same point trained to the budget costs more and (restoring its best checkpoint) reaches at least as much.
    const full = curveReplay.evaluate({ learningRateIndex: 5, width: 128, 'stopping.rule': 'none', 'stopping.evalEvery': 50000 });
    expect(full[0]).toBeGreaterThan(tokens);
  });

  it('a warmup later than the rule would fire delays the stop', () => {
    const base = { learningRateIndex: 5, width: 128, 'stopping.rule': 'patience', 'stopping.evalEvery': 50000, 'stopping.patience': 2 };
    const early = curveReplay.evaluate({ ...base, 'stopping.warmup': 0 });
    const late = curveReplay.evaluate({ ...base, 'stopping.warmup': 1000000 });
    expect(late[0]).toBeGreaterThan(early[0]);
    expect(late[0]).toBeGreaterThan(1000000 / 3000000);
  });

  it('every recipe of the space can be evaluated', () => {
    const space = compileSpace(curveReplay.space, curveReplay.name);
    const corners = [0, 1].flatMap((u) => [space.decode(Array.from({ length: space.d }, () => u))]);
    for (const recipe of corners) {
      const [tokens, error] = curveReplay.evaluate(recipe);
      expect(tokens).toBeGreaterThan(0);
      expect(tokens).toBeLessThanOrEqual(1);
      expect(error).toBeGreaterThanOrEqual(0);
      expect(error).toBeLessThanOrEqual(1);
    }
  });

  it('stores its whole grid-search front, whose recipes score the hypervolume its comment quotes', () => {
    const stored = JSON.parse(readFileSync(new URL('../../benchmarks/problems/fronts/CurveReplay.json', import.meta.url), 'utf8')) as {
      hypervolume: number;
      frontSize: number;
      front: { params: Record<string, number | string> }[];
    };
    expect(stored.front).toHaveLength(stored.frontSize);
    const values = Float64Array.from(stored.front.flatMap((entry) => curveReplay.evaluate(entry.params)));
    const volume = hypervolume2d(values, stored.front.length, curveReplay.refPoint);
    expect(Math.abs(volume - stored.hypervolume)).toBeLessThan(1e-9);
    expect(volume).toBeCloseTo(0.97376, 5);
    // The maximum adds what the other grids' fronts added to this one, twice (the comment's estimate): 0.00003.
    expect(curveReplay.maxHypervolume - volume).toBeGreaterThan(0);
    expect(curveReplay.maxHypervolume - volume).toBeLessThan(4e-5);
  });
});
