import { afterEach, describe, expect, it } from 'vitest';
import { InputError, StoppedError } from '../../src/errors.js';
import { runSearch, type RecipeEvaluator } from '../../src/search/run-search.js';
import { compileSpace, hashSpace } from '../../src/space/index.js';
import { smallSpaceFile } from '../helpers/small-space.js';
import { openStorage, type Storage } from '../../src/storage/index.js';

const SPACE_FILE = smallSpaceFile('failing');

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
