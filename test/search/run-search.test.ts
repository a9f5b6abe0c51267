import { afterEach, describe, expect, it } from 'vitest';
import { InputError, StoppedError } from '../../src/errors.js';
import { askStoredRecipe, runSearch, type RecipeEvaluator } from '../../src/search/run-search.js';
import { createSampler } from '../../src/samplers/index.js';
import { compileSpace, hashSpace, type SpaceFile } from '../../src/space/index.js';
import { openStorage, type Storage } from '../../src/storage/index.js';

const SPACE_FILE: SpaceFile = {
  name: 'failing',
  task: { name: 'addition', digits: 1, examples: 50, seed: 1 },
  folds: 2,
  budget: { maxTokensPerRun: 10_000 },
  objectives: [
    { name: 'tokens', direction: 'minimize' },
    { name: 'em', direction: 'maximize' },
  ],
  params: { learningRate: { type: 'float', low: 0.001, high: 0.01 } },
};

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

async function search(evaluate: RecipeEvaluator): Promise<unknown> {
  storage = await openStorage('sqlite::memory:');
  return runSearch({
    storage,
    spaceFile: SPACE_FILE,
    space: compileSpace(SPACE_FILE),
    spaceHash: hashSpace(SPACE_FILE),
    studyName: 'failing',
    trials: 50,
    seed: 0,
    sampler: 'random',
    backend: 'cpu',
    evaluate,
  });
}

async function trialStates(): Promise<string[]> {
  const study = await storage!.getStudy('failing');
  return (await storage!.getTrials(study!.id)).map((trial) => trial.state);
}

describe('runSearch: trials that keep failing', () => {
  it('stops with one line after three trials failed the same way, instead of looping', async () => {
    const error = await search(async () => {
      throw new Error('folds must be an integer from 2 to 1, got 2');
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoppedError);
    expect((error as Error).message).toBe(
      '3 trials in a row failed the same way, so the search stopped: folds must be an integer from 2 to 1, got 2',
    );
    expect(await trialStates()).toEqual(['failed', 'failed', 'failed']);
  });

  it('marks the trial of a refused recipe failed, so that no running trial is left behind', async () => {
    await expect(
      search(async () => {
        throw new InputError('trial 0: batchSize: expected an integer ≥ 1, got 0');
      }),
    ).rejects.toThrow(InputError);
    expect(await trialStates()).toEqual(['failed']);
  });
});

describe('askStoredRecipe', () => {
  it('gives trials reserved before any of them asked different recipes: trial k takes the k-th design point', async () => {
    storage = await openStorage('sqlite::memory:');
    const space = compileSpace(SPACE_FILE);
    const study = await storage.createStudy({
      name: 'race',
      space: SPACE_FILE,
      spaceHash: hashSpace(SPACE_FILE),
      objectives: SPACE_FILE.objectives,
      sampler: 'gp-ehvi',
      seed: 3,
    });
    // Three workers reserve their trials first, then ask in the opposite order.
    const reserved = [];
    for (let i = 0; i < 3; i++) reserved.push((await storage.reserveTrial(study.id, { workerId: `w${i}` }))!);
    const asked = [];
    for (const trial of [...reserved].reverse()) {
      asked.push(await askStoredRecipe(storage, study, space, createSampler('gp-ehvi', { seed: 3 }), 3, trial));
    }
    expect(new Set(asked.map((params) => JSON.stringify(params))).size).toBe(3);
    // The same recipes as when each asks alone, in order: the view stops at the asking trial's number.
    await storage.close();
    storage = await openStorage('sqlite::memory:');
    const alone = await storage.createStudy({ name: 'alone', space: SPACE_FILE, spaceHash: hashSpace(SPACE_FILE), objectives: SPACE_FILE.objectives, sampler: 'gp-ehvi', seed: 3 });
    const inOrder = [];
    for (let i = 0; i < 3; i++) {
      const trial = (await storage.reserveTrial(alone.id, { workerId: 'w' }))!;
      inOrder.push(await askStoredRecipe(storage, alone, space, createSampler('gp-ehvi', { seed: 3 }), 3, trial));
    }
    expect(asked.reverse()).toEqual(inOrder);
  });
});
