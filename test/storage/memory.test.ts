import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.js';
import { foldResult, storageContract, studyInput, trialResult } from './storage-contract.js';

storageContract({ name: 'memory', freshUrl: () => 'memory:', shared: false });

describe('memory storage', () => {
  it('gives every opening a storage of its own', async () => {
    const first = await openStorage('memory:');
    const second = await openStorage('memory:');
    await first.createStudy(studyInput('alpha'));
    expect(first.url).toBe('memory:');
    expect(await second.getStudy('alpha')).toBeNull();
  });

  it('stores copies: changing what was passed in or read back changes nothing stored', async () => {
    const storage = await openStorage('memory:');
    const study = await storage.createStudy(studyInput('alpha', { meta: { folds: 2 } }));
    study.meta.folds = 9;
    const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
    const params = { lr: 0.01 };
    await storage.setTrialParams(trial.id, params);
    params.lr = 0.5;
    const fold = foldResult(0);
    await storage.saveFold(trial.id, fold);
    fold.curve[0].devEm = 0.99;
    const values = [1, 0.5];
    await storage.finishTrial(trial.id, { state: 'complete', values, result: trialResult([]) });
    values[0] = 7;
    const [read] = await storage.getTrials(study.id);
    read.params!.lr = 0.7;
    read.result!.folds[0].em = 0.01;
    const [again] = await storage.getTrials(study.id);
    expect((await storage.getStudy('alpha'))!.meta).toEqual({ folds: 2 });
    expect(again.params).toEqual({ lr: 0.01 });
    expect(again.values).toEqual([1, 0.5]);
    expect(again.result!.folds).toEqual([foldResult(0)]);
  });
});
