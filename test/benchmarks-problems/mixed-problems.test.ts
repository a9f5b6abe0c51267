import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curveReplay, earlyStopping, earlyStopping6, MIXED_TEST_PROBLEMS, tokenBudget } from '../../benchmarks/problems/index.js';
import { earlyStoppingCurve, onFold, validationAccuracy, EARLY_STOPPING_FOLDS } from '../../benchmarks/problems/early-stopping.js';
import type { ScoredRecipe } from '../../benchmarks/problems/front-archive.js';
import type { MixedTestProblem } from '../../benchmarks/problems/types.js';
import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import { createRng } from '../../src/random/rng.js';
import { compileSpace } from '../../src/space/index.js';
import type { Params } from '../../src/space/types.js';

function storedFront(problem: MixedTestProblem): { hypervolume: number; front: ScoredRecipe[] } {
  return JSON.parse(readFileSync(new URL(`../../benchmarks/problems/fronts/${problem.name}.json`, import.meta.url), 'utf8'));
}

/** The name of the problem's stopping-rule parameter. */
function ruleKey(problem: MixedTestProblem): string {
  return 'stopping.rule' in problem.space.params ? 'stopping.rule' : 'rule';
}

function hypervolumeOf(problem: MixedTestProblem, recipes: readonly Params[]): number {
  const values = Float64Array.from(recipes.flatMap((params) => problem.evaluate(params)));
  return hypervolume2d(values, recipes.length, problem.refPoint);
}

describe('mixed benchmark problems', () => {
  it('have recipe-shaped spaces: categoricals, integers and log-scaled floats, conditional parameters in EarlyStopping and TokenBudget', () => {
    for (const problem of MIXED_TEST_PROBLEMS) {
      const specs = Object.values(problem.space.params);
      expect(specs.filter((spec) => spec.type === 'categorical').length, problem.name).toBeGreaterThanOrEqual(2);
      expect(specs.some((spec) => spec.type === 'int'), problem.name).toBe(true);
      expect(specs.some((spec) => spec.type === 'float' && spec.log), problem.name).toBe(true);
      expect(compileSpace(problem.space, problem.name).d).toBe(specs.length);
    }
    for (const problem of [earlyStopping, tokenBudget]) {
      expect(Object.values(problem.space.params).filter((spec) => spec.when !== undefined).length, problem.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('EarlyStopping6: 2 categoricals, 2 integers and 2 floats (one log-scaled), none conditional', () => {
    const specs = Object.values(earlyStopping6.space.params);
    expect(specs.map((spec) => spec.type).sort()).toEqual(['categorical', 'categorical', 'float', 'float', 'int', 'int']);
    expect(specs.filter((spec) => spec.type === 'float' && spec.log).length).toBe(1);
    expect(specs.every((spec) => spec.when === undefined)).toBe(true);
  });

  it('EarlyStopping6: with no tolerance its patience rule is EarlyStopping\'s, and a 3-epoch plateau window is EarlyStopping\'s plateau rule', () => {
    const base = { batchSize: 32, learningRate: 0.003, width: 48 };
    for (const patience of [1, 4, 9]) {
      expect(earlyStopping6.evaluate({ ...base, rule: 'patience', patience, minDelta: 0 })).toEqual(
        earlyStopping.evaluate({ ...base, rule: 'patience', patience }),
      );
    }
    for (const minDelta of [0.001, 0.008]) {
      expect(earlyStopping6.evaluate({ ...base, rule: 'plateau', patience: 3, minDelta })).toEqual(
        earlyStopping.evaluate({ ...base, rule: 'plateau', minDelta }),
      );
    }
  });

  it('EarlyStopping6: both rules read both the window and the tolerance', () => {
    const base = { batchSize: 64, learningRate: 0.004, width: 64, patience: 4, minDelta: 0.004 };
    for (const rule of ['patience', 'plateau']) {
      const [cost] = earlyStopping6.evaluate({ ...base, rule });
      // A longer window waits longer; a larger tolerance counts less as progress, so stops sooner.
      expect(earlyStopping6.evaluate({ ...base, rule, patience: 10 })[0], rule).toBeGreaterThan(cost);
      expect(earlyStopping6.evaluate({ ...base, rule, minDelta: 0.015 })[0], rule).toBeLessThan(cost);
    }
  });

  it('EarlyStopping: a fixed rule costs its epochs on each of three folds and keeps the best checkpoint', () => {
    const params = { batchSize: 32, learningRate: 0.002, width: 64, rule: 'fixed', epochs: 10 };
    const [cost, error] = earlyStopping.evaluate(params);
    expect(cost).toBeCloseTo(3 * 10 * 1 * (0.25 + 24 / 32), 12);
    const curve = earlyStoppingCurve(32, 0.002, 64);
    const kept = EARLY_STOPPING_FOLDS.map((fold) =>
      Math.max(...Array.from({ length: 10 }, (_, t) => validationAccuracy(onFold(curve, fold), t + 1))),
    );
    expect(error).toBeCloseTo(1 - kept.reduce((a, b) => a + b, 0) / 3, 12);
  });

  it('EarlyStopping: an unreachable threshold runs every fold to the 60-epoch limit', () => {
    const [cost] = earlyStopping.evaluate({ batchSize: 128, learningRate: 1e-4, width: 16, rule: 'threshold', target: 0.99 });
    expect(cost).toBeCloseTo(3 * 60 * 0.25 * (0.25 + 24 / 128), 12);
  });

  it('EarlyStopping: adaptive rules stop sooner on folds that learn faster', () => {
    const base = { batchSize: 32, learningRate: 0.004, width: 64 };
    const fixed = earlyStopping.evaluate({ ...base, rule: 'fixed', epochs: 60 });
    const plateau = earlyStopping.evaluate({ ...base, rule: 'plateau', minDelta: 0.005 });
    expect(plateau[0]).toBeLessThan(fixed[0] / 2);
    expect(plateau[1]).toBeLessThan(fixed[1] + 0.01);
  });

  it('TokenBudget: the budget rule trains each of three tasks on the whole budget', () => {
    const params = { model: 'base', learningRate: 1e-3, schedule: 'cosine', warmup: 0.05, tokens: 2e9, rule: 'budget' };
    const [cost, error] = tokenBudget.evaluate(params);
    expect(cost).toBeCloseTo(Math.log10((6 * 250e6 * 3 * 2e9) / 1e15), 12);
    expect(error).toBeGreaterThan(0);
    expect(error).toBeLessThan(1);
    // A slope rule ends each task's run at one of its 20 evaluations, before the budget is spent.
    const [stoppedCost] = tokenBudget.evaluate({ ...params, rule: 'slope', minSlope: 0.02 });
    const evaluationsRun = (10 ** stoppedCost * 1e15) / (6 * 250e6 * 2e9 / 20);
    expect(evaluationsRun).toBeCloseTo(Math.round(evaluationsRun), 6);
    expect(evaluationsRun).toBeGreaterThanOrEqual(3 * 2);
    expect(evaluationsRun).toBeLessThan(3 * 20);
  });

  it('TokenBudget: a learning rate above the best one without warmup is penalized', () => {
    const recipe = { model: 'small', learningRate: 1e-2, tokens: 1e9, rule: 'budget' };
    const constant = tokenBudget.evaluate({ ...recipe, schedule: 'constant' });
    const warmed = tokenBudget.evaluate({ ...recipe, schedule: 'linear', warmup: 0.2 });
    expect(warmed[1]).toBeLessThan(constant[1]);
  });

  for (const problem of MIXED_TEST_PROBLEMS) {
    it(`${problem.name}: real recipes come within 0.2 % of its maximum hypervolume, and mix stopping rules`, () => {
      const { hypervolume, front } = storedFront(problem);
      // The search's whole front (a lower bound) and the extrapolated maximum.
      expect(hypervolume).toBeLessThanOrEqual(problem.maxHypervolume);
      expect(hypervolume).toBeGreaterThan(0.998 * problem.maxHypervolume);
      // The stored recipes (evenly spaced along that front) are valid and score what was stored for them.
      const space = compileSpace(problem.space, problem.name);
      for (const entry of front) {
        expect(space.isFeasible(entry.params)).toBe(true);
        expect(problem.evaluate(entry.params)).toEqual(entry.values);
      }
      const storedVolume = hypervolumeOf(problem, front.map((entry) => entry.params));
      expect(storedVolume).toBeLessThanOrEqual(hypervolume * (1 + 1e-12));
      expect(storedVolume).toBeGreaterThan(0.99 * problem.maxHypervolume);
      expect(new Set(front.map((entry) => entry.params[ruleKey(problem)])).size).toBeGreaterThanOrEqual(2);
    });

    // Replaying a recipe of CurveReplay costs up to 30 ms (the extrapolate rule fits a curve at each evaluation).
    const count = problem === curveReplay ? 1000 : 4000;
    it(`${problem.name}: ${count} random recipes stay below the maximum hypervolume`, () => {
      const space = compileSpace(problem.space, problem.name);
      const rng = createRng(7);
      const recipes = Array.from({ length: count }, () => space.decode(Array.from({ length: space.d }, () => rng.next())));
      const volume = hypervolumeOf(problem, recipes);
      expect(volume).toBeLessThan(problem.maxHypervolume);
      expect(volume).toBeGreaterThan(0.5 * problem.maxHypervolume);
    });
  }
});
