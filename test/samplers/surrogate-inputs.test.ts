import { describe, expect, it } from 'vitest';
import { conditionGaussianProcess } from '../../src/gp/index.js';
import { createRng } from '../../src/random/rng.js';
import { createGpEhviSampler } from '../../src/samplers/index.js';
import { overCanonicalPoints, surrogateInputEncoding } from '../../src/samplers/surrogate-inputs.js';
import { compileSpace } from '../../src/space/index.js';
import { mixedObjectives, mixedSpace, snapshotWith } from './fixtures.js';

// mixedSpace: lr (log float), layers (int), rule (categorical: none, patience, threshold), patience (int, when
// rule is patience), target (float, when rule is threshold).
const patienceRecipe = { lr: 0.001, layers: 2, rule: 'patience', patience: 4 };
const thresholdRecipe = { lr: 0.001, layers: 2, rule: 'threshold', target: 0.75 };
const noneRecipe = { lr: 0.001, layers: 2, rule: 'none' };

function encodeRecipes(policy: Parameters<typeof surrogateInputEncoding>[1], recipes: Record<string, string | number>[]) {
  const space = mixedSpace();
  const encoding = surrogateInputEncoding(space, policy);
  const points = new Float64Array(recipes.length * space.d);
  recipes.forEach((recipe, i) => points.set(space.encode(recipe), i * space.d));
  return { space, encoding, points, encoded: encoding.encode(points, recipes.length) };
}

describe('surrogateInputEncoding', () => {
  it('hamming + imputed: the canonical points themselves', () => {
    const { space, encoding, points, encoded } = encodeRecipes({ categoricalKernel: 'hamming', conditionalEncoding: 'imputed' }, [patienceRecipe]);
    expect(encoding.identity).toBe(true);
    expect(encoded).toBe(points);
    expect(encoding.categorical).toEqual(space.categoricalMask);
    expect(encoding.conditional).toBeUndefined();
  });

  it('arc: inactive conditional numeric parameters become NaN, active ones keep their coordinate', () => {
    const { space, encoding, points, encoded } = encodeRecipes({ categoricalKernel: 'hamming', conditionalEncoding: 'arc' }, [
      patienceRecipe,
      thresholdRecipe,
      noneRecipe,
    ]);
    const d = space.d;
    expect(encoding.d).toBe(d);
    expect(encoding.conditional).toEqual([false, false, false, true, true]);
    // Row 0: patience active, target inactive; row 1 the other way round; row 2 both inactive.
    expect(encoded[3]).toBe(points[3]);
    expect(encoded[4]).toBeNaN();
    expect(encoded[d + 3]).toBeNaN();
    expect(encoded[d + 4]).toBe(points[d + 4]);
    expect(encoded[2 * d + 3]).toBeNaN();
    expect(encoded[2 * d + 4]).toBeNaN();
    // Unconditional dims unchanged.
    for (const row of [0, 1, 2]) for (const j of [0, 1, 2]) expect(encoded[row * d + j]).toBe(points[row * d + j]);
  });

  it('one-hot: one numeric input per choice, 1/√2 on the chosen one, all 0 while inactive', () => {
    const space = compileSpace({
      params: {
        rule: { type: 'categorical', choices: ['a', 'b', 'c'] },
        size: { type: 'categorical', choices: [16, 32], when: 'rule == "b"' },
        x: { type: 'float', low: 0, high: 1 },
      },
    });
    const encoding = surrogateInputEncoding(space, { categoricalKernel: 'one-hot', conditionalEncoding: 'imputed' });
    expect(encoding.d).toBe(6);
    expect(encoding.categorical).toEqual([false, false, false, false, false, false]);
    const points = Float64Array.from([...space.encode({ rule: 'b', size: 32, x: 0.25 }), ...space.encode({ rule: 'c', x: 0.5 })]);
    const h = Math.SQRT1_2;
    expect(Array.from(encoding.encode(points, 2))).toEqual([0, h, 0, 0, h, 0.25, 0, 0, h, 0, 0, 0.5]);
  });

  it('a GP over the encoded inputs predicts at canonical points through overCanonicalPoints', () => {
    const { space, encoding } = encodeRecipes({ categoricalKernel: 'one-hot', conditionalEncoding: 'arc' }, []);
    const snapshot = snapshotWith(space, 12, 0);
    const points = new Float64Array(12 * space.d);
    snapshot.trials.forEach((trial, i) => points.set(space.encode(trial.params!), i * space.d));
    const y = Float64Array.from(snapshot.trials, (trial) => trial.values![0]);
    const hyperparameters = {
      lengthscales: new Float64Array(encoding.d).fill(0.7),
      signalVariance: 1,
      noiseVariance: 1e-4,
    };
    const inputs = { x: encoding.encode(points, 12), n: 12, d: encoding.d, y, categorical: encoding.categorical, conditional: encoding.conditional };
    const raw = conditionGaussianProcess(inputs, hyperparameters);
    const model = overCanonicalPoints(raw, encoding);
    const query = points.slice(0, 3 * space.d);
    expect(Array.from(model.predict(query, 3).mean)).toEqual(Array.from(raw.predict(encoding.encode(query, 3), 3).mean));
    // Interpolates its (almost noiseless) training points.
    for (let i = 0; i < 3; i++) expect(model.predict(query, 3).mean[i]).toBeCloseTo(y[i], 2);
    const extended = model.withObservations(query.slice(0, space.d), Float64Array.of(5), 1);
    expect(extended.predict(query, 1).mean[0]).toBeGreaterThan(model.predict(query, 1).mean[0]);
  });
});

describe('gp-ehvi with every mixed-input switch on', () => {
  it('proposes valid new recipes of a conditional space', async () => {
    const space = mixedSpace();
    const sampler = createGpEhviSampler({
      seed: 3,
      surrogateInputs: { categoricalKernel: 'one-hot', conditionalEncoding: 'arc' },
      effort: { enumerateCategoricalsUpTo: 64 },
    });
    const snapshot = snapshotWith(space, 14, 1);
    const suggested = sampler.suggest(snapshot, 3, createRng(4));
    const taken = new Set(snapshot.trials.map((trial) => JSON.stringify(space.encode(trial.params!))));
    for (const params of suggested) {
      expect(space.isFeasible(params)).toBe(true);
      expect(taken.has(JSON.stringify(space.encode(params)))).toBe(false);
      expect(mixedObjectives(params).every(Number.isFinite)).toBe(true);
    }
  });
});
