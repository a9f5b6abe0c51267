import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createGpEhviSampler, createSampler, type Sampler } from '../../src/samplers/index.js';
import type { Params } from '../../src/space/types.js';
import { createStudy } from '../../src/study/index.js';

const SPACE = {
  params: {
    x: { type: 'float' as const, low: 0, high: 1 },
    y: { type: 'float' as const, low: 0, high: 1 },
    z: { type: 'float' as const, low: 0, high: 1 },
  },
};

/** The recipes a study asks in 10 sequential rounds on a fixed two-objective function. */
async function askedRecipes(sampler: Sampler): Promise<Params[]> {
  const study = await createStudy({
    space: SPACE,
    objectives: [
      { name: 'f1', direction: 'minimize' },
      { name: 'f2', direction: 'minimize' },
    ],
    sampler,
    refPoint: [2, 2],
  });
  const asked: Params[] = [];
  for (let i = 0; i < 10; i++) {
    const trial = await study.ask();
    const [x, y, z] = [trial.params.x, trial.params.y, trial.params.z] as number[];
    await study.tell(trial.id, [x + (y - 0.3) ** 2, 1 - x + (z - 0.6) ** 2]);
    asked.push(trial.params);
  }
  return asked;
}

describe('gp-ehvi: the EHVI tempering option', () => {
  it('changes the model-based recipes, not the initial design, and equals effort.ehviSdScale', async () => {
    const plain = await askedRecipes(createGpEhviSampler({ ehviSdScale: 1 }));
    const tempered = await askedRecipes(createGpEhviSampler({ ehviSdScale: 0.1 }));
    const throughEffort = await askedRecipes(createSampler('gp-ehvi', { effort: { ehviSdScale: 0.1 } }));
    // d = 3: the first 6 trials are the Sobol design.
    expect(tempered.slice(0, 6)).toEqual(plain.slice(0, 6));
    expect(tempered.slice(6)).not.toEqual(plain.slice(6));
    expect(throughEffort).toEqual(tempered);
  });

  it('refuses a scale that is not a positive number', () => {
    for (const bad of [0, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createGpEhviSampler({ ehviSdScale: bad })).toThrow(InputError);
    }
  });
});
