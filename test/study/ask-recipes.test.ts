import { afterEach, describe, expect, it } from 'vitest';
import { createSampler, type Sampler } from '../../src/samplers/index.js';
import { compileSpace, hashSpace } from '../../src/space/index.js';
import { smallSpaceFile } from '../helpers/small-space.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { askRecipes, reserveAndAsk, type AskContext } from '../../src/study/ask-recipes.js';

const SPACE_FILE = smallSpaceFile('race', { derived: { doubled: 'learningRate * 2' } });
const space = compileSpace(SPACE_FILE);

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

/** A study in a fresh storage (the URL names the backend; the ask does not depend on it). */
async function freshStudy(url: string, sampler: Sampler = createSampler('gp-ehvi', { seed: 3 })): Promise<AskContext> {
  await storage?.close();
  storage = await openStorage(url);
  const record = await storage.createStudy({
    name: 'race',
    space: SPACE_FILE,
    spaceHash: hashSpace(SPACE_FILE),
    objectives: SPACE_FILE.objectives,
    sampler: sampler.name,
    seed: 3,
  });
  return { storage, record, space, sampler, seed: 3 };
}

describe('askRecipes', () => {
  it('gives trials reserved before any of them asked different recipes: trial k takes the k-th design point', async () => {
    const study = await freshStudy('sqlite::memory:');
    // Three workers reserve their trials first, then ask at once, the last trial's worker first.
    const reserved = [];
    for (let i = 0; i < 3; i++) reserved.push((await study.storage.reserveTrial(study.record.id, { workerId: `w${i}` }))!);
    const asked = (await Promise.all([...reserved].reverse().map((trial) => askRecipes(study, [trial])))).map(([trial]) => trial.params);
    expect(new Set(asked.map((params) => JSON.stringify(params))).size).toBe(3);
    // The same recipes as when each asks alone, in order, in another backend.
    const alone = await freshStudy('memory:');
    const inOrder = [];
    for (let i = 0; i < 3; i++) inOrder.push((await reserveAndAsk(alone, 1, { workerId: 'w' }))[0].params);
    expect(asked.reverse()).toEqual(inOrder);
  });

  it('asks in trial order: an ask started first for a later trial waits and sees the earlier recipes as pending', async () => {
    // Proposes a recipe that depends on how many earlier trials hold one, as a model-based sampler's does.
    const seen: number[] = [];
    const sampler: Sampler = {
      name: 'gp-ehvi',
      suggest(snapshot) {
        const withRecipes = snapshot.trials.filter((trial) => trial.params !== null).length;
        seen.push(withRecipes);
        return [space.decode(Array.from({ length: space.d }, () => 0.1 + 0.2 * withRecipes))];
      },
    };
    const study = await freshStudy('memory:', sampler);
    const reserved = [];
    for (let i = 0; i < 3; i++) reserved.push((await study.storage.reserveTrial(study.record.id, { workerId: `w${i}` }))!);
    const asked = await Promise.all([...reserved].reverse().map((trial) => askRecipes(study, [trial])));
    expect(seen).toEqual([0, 1, 2]);
    expect(new Set(asked.map(([trial]) => JSON.stringify(trial.params))).size).toBe(3);
  });

  it('goes ahead after the wait when an earlier trial`s worker never asks (it died after reserving)', async () => {
    const study = await freshStudy('memory:');
    await study.storage.reserveTrial(study.record.id, { workerId: 'dead' });
    const later = (await study.storage.reserveTrial(study.record.id, { workerId: 'w' }))!;
    const [asked] = await askRecipes({ ...study, earlierAsksWait: { pollMs: 1, timeoutMs: 20 } }, [later]);
    expect(asked.params).not.toBeNull();
  });

  it('asks again when a concurrent ask for an earlier trial has stored the same recipe meanwhile', async () => {
    const first = space.decode(Array.from({ length: space.d }, () => 0.2));
    const second = space.decode(Array.from({ length: space.d }, () => 0.7));
    const key = (params: object) => JSON.stringify(space.sampledPart(params as never));
    let study: AskContext | undefined;
    let earlier: number | undefined;
    // Proposes `first` unless a trial already holds it; the first time it runs, the worker of the earlier trial
    // (still without a recipe in the snapshot) stores `first` too, as a concurrent ask would.
    const sampler: Sampler = {
      name: 'gp-ehvi',
      suggest(snapshot) {
        const taken = snapshot.trials.some((trial) => trial.params !== null && key(trial.params) === key(first));
        if (earlier !== undefined) {
          void study!.storage.setTrialParams(earlier, space.withDerived(first));
          earlier = undefined;
        }
        return [taken ? second : first];
      },
    };
    study = await freshStudy('memory:', sampler);
    const t0 = (await study.storage.reserveTrial(study.record.id, { workerId: 'w0' }))!;
    const t1 = (await study.storage.reserveTrial(study.record.id, { workerId: 'w1' }))!;
    earlier = t0.id;
    // The earlier trial's ask is not awaited (as when its worker's wait timed out), so only the re-ask guards.
    const [asked] = await askRecipes({ ...study, earlierAsksWait: { pollMs: 1, timeoutMs: 0 } }, [t1]);
    expect(key(asked.params)).toBe(key(second));
  });

  it('stores the recipe with its derived values, as it is handed out', async () => {
    const study = await freshStudy('memory:');
    const [trial] = await reserveAndAsk(study, 1, { workerId: 'w' });
    expect(trial.params.doubled).toBeCloseTo((trial.params.learningRate as number) * 2, 12);
    expect((await study.storage.getTrials(study.record.id))[0].params).toEqual(trial.params);
  });

  it('asks a batch as the first trial of the batch asks alone, and keeps a stale trial`s recipe for its retry', async () => {
    const batch = await reserveAndAsk(await freshStudy('memory:'), 3, { workerId: 'w' });
    expect(batch.map((trial) => trial.number)).toEqual([0, 1, 2]);
    const single = await reserveAndAsk(await freshStudy('memory:'), 1, { workerId: 'w' });
    expect(single[0].params).toEqual(batch[0].params);

    const study = await freshStudy('memory:');
    const [first] = await reserveAndAsk(study, 1, { workerId: 'w' });
    await study.storage.markTrialStale(first.id);
    const [retry, fresh] = await reserveAndAsk(study, 2, { workerId: 'w' });
    expect(retry).toMatchObject({ number: 1, retryOf: first.id, params: first.params });
    expect(fresh.retryOf).toBeNull();
    expect(fresh.params).not.toEqual(first.params);
  });

  it('stops at the reservation target, and marks the trials of a failed ask failed instead of leaving them running', async () => {
    const study = await freshStudy('memory:');
    expect(await reserveAndAsk(study, 3, { workerId: 'w', target: 2 })).toHaveLength(2);

    const broken: Sampler = {
      name: 'broken',
      suggest: () => {
        throw new Error('no feasible recipe');
      },
    };
    const failing = await freshStudy('memory:', broken);
    await expect(reserveAndAsk(failing, 2, { workerId: 'w' })).rejects.toThrow('no feasible recipe');
    const trials = await failing.storage.getTrials(failing.record.id);
    expect(trials.map((trial) => [trial.state, trial.error])).toEqual([
      ['failed', 'no feasible recipe'],
      ['failed', 'no feasible recipe'],
    ]);
  });
});
