import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { createSampler, SAMPLER_NAMES } from '../../src/samplers/index.js';
import { canonicalKey } from '../../src/samplers/space-domain.js';
import type { Params } from '../../src/space/types.js';
import { mixedSpace, snapshotWith } from './fixtures.js';

// Run against every sampler: the contract a study (and a persistent search) relies on.
describe.each(SAMPLER_NAMES)('sampler %s', (name) => {
  const space = mixedSpace();
  // Enough complete trials that gp-ehvi is past its initial design and suggests from its model.
  const snapshot = snapshotWith(space, 14, 3);
  const keyOf = (params: Params) => canonicalKey(space.encode(params));

  it('gives the same recipes for the same seed, snapshot and rng, and others for another rng', () => {
    const first = createSampler(name, { seed: 3 }).suggest(snapshot, 3, createRng(5));
    const second = createSampler(name, { seed: 3 }).suggest(snapshot, 3, createRng(5));
    expect(second).toEqual(first);
    if (name !== 'sobol') {
      // Sobol's design is fixed by the study seed alone; the others draw from the rng.
      expect(createSampler(name, { seed: 3 }).suggest(snapshot, 3, createRng(6))).not.toEqual(first);
    } else {
      expect(createSampler(name, { seed: 4 }).suggest(snapshot, 3, createRng(5))).not.toEqual(first);
    }
  });

  it('proposes only valid recipes: ints integral, choices from the list, conditionals exactly when active, constraints held', () => {
    const recipes = createSampler(name, { seed: 1 }).suggest(snapshot, 8, createRng(2));
    expect(recipes).toHaveLength(8);
    for (const params of recipes) {
      expect(() => space.validate(params)).not.toThrow();
      expect(space.isFeasible(params)).toBe(true);
      expect(Number.isInteger(params.layers)).toBe(true);
      expect('patience' in params).toBe(params.rule === 'patience');
      expect('target' in params).toBe(params.rule === 'threshold');
      expect((params.layers as number) * (params.lr as number)).toBeLessThanOrEqual(0.05);
    }
  });

  it('returns a batch of distinct recipes, none repeating a pending (running) or evaluated one', () => {
    const recipes = createSampler(name, { seed: 1 }).suggest(snapshot, 6, createRng(9));
    const keys = recipes.map(keyOf);
    expect(new Set(keys).size).toBe(6);
    const existing = new Set(snapshot.trials.map((trial) => keyOf(trial.params!)));
    for (const key of keys) expect(existing.has(key)).toBe(false);
  });
});

describe('createSampler', () => {
  it('rejects an unknown name with an InputError naming the choices', () => {
    expect(() => createSampler('tpe')).toThrow(/unknown sampler "tpe" \(expected gp-ehvi, random, sobol\)/);
  });
});
