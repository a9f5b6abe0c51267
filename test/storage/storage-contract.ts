/**
 * The contract every Storage backend must pass. A backend's test file calls `storageContract(backend)` with a
 * description of how to reach a fresh, empty storage of that kind (see StorageBackend).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openOrCreateStudy } from '../../src/search/run-search.js';
import { hashSpace, loadSpaceFile } from '../../src/space/index.js';
import { copyStudies, dumpStudy } from '../../src/storage/copy-study.js';
import { openStorage } from '../../src/storage/index.js';
import type { CreateStudyInput, Storage } from '../../src/storage/types.js';
import type { Confirmation, FoldResult, GridCurve, TrialResult } from '../../src/storage/records.js';
import { TINY_SPACE } from '../helpers/cli.js';
import { runWorkers } from './child-processes.js';
import {
  LEGACY_CONFIRMATION,
  LEGACY_FOLDS,
  LEGACY_RESULT,
  LEGACY_RUNNING_FOLD,
  LEGACY_STUDY,
  LEGACY_TRIAL_IDS,
} from './previous-schema.js';

export interface StorageBackend {
  name: string;
  /** A `--storage` URL naming a fresh, empty storage. */
  freshUrl(): string;
  /** Whether reopening the URL, or opening it from another process, reaches the same data (not `sqlite::memory:`). */
  shared: boolean;
  /** The schema version this stopwise writes, and how to overwrite it (for the newer-version refusal). */
  schema?: {
    version: number;
    setVersion(url: string, version: number): void | Promise<void>;
    /** Writes at `url` a database of schema PREVIOUS_SCHEMA_VERSION holding legacyRows() (previous-schema.ts). */
    writePrevious(url: string): Promise<void>;
    /** Overwrites the stored grid of one fold with bytes that no grid has. */
    damageGrid(url: string, trialId: number, fold: number): Promise<void>;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Heartbeat ages in the stale tests: trials are left silent for SILENT_MS and called stale past STALE_MS. A wait
 * longer than asked only makes a silent trial older, so those sleeps cannot cause a wrong result; what must hold is
 * that a trial touched just before `markStale` is younger than STALE_MS, which is why STALE_MS covers a stall of
 * more than a second between two storage calls on a loaded machine.
 */
const SILENT_MS = 2_500;
const STALE_MS = 1_500;

export function studyInput(name: string, overrides: Partial<CreateStudyInput> = {}): CreateStudyInput {
  return {
    name,
    space: { params: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } } },
    spaceHash: 'hash-' + name,
    objectives: [
      { name: 'tokens', direction: 'minimize' },
      { name: 'em', direction: 'maximize' },
    ],
    sampler: 'gp-ehvi',
    seed: 7,
    ...overrides,
  };
}

export function foldResult(fold: number, overrides: Partial<FoldResult> = {}): FoldResult {
  return {
    fold,
    tokens: 1000 * (fold + 1),
    em: 0.5 + fold / 10,
    heldOutSize: 200,
    stopReason: 'rule:patience',
    diverged: false,
    curve: [
      { tokens: 100, devEm: 0.1, devLoss: 2.5 },
      { tokens: 200, devEm: 0.3, devLoss: 1.25 },
    ],
    seconds: 1.5,
    ...overrides,
  };
}

/** Fine-grid measurements of a run with `points` points, the second dev loss NaN (a diverging run). */
export function gridCurve(points: number, overrides: Partial<GridCurve> = {}): GridCurve {
  return {
    every: 25_000,
    devTokens: 2_048,
    heldOutTokens: 4_096,
    trainingTokens: Array.from({ length: points }, (_, i) => 25_000 * (i + 1) + 7),
    devEm: Array.from({ length: points }, (_, i) => i / (points + 1)),
    devLoss: Array.from({ length: points }, (_, i) => (i === 1 ? Number.NaN : 2 / (i + 1))),
    heldOutEm: Array.from({ length: points }, (_, i) => (i + 0.5) / (points + 1)),
    measurementTokens: 6_144 * points,
    ...overrides,
  };
}

export function trialResult(folds: FoldResult[]): TrialResult {
  return {
    tokens: { mean: 2000, se: 100 },
    em: { mean: 0.6, se: 0.05 },
    folds,
    paramCount: 1234,
    backend: 'cpu',
    seconds: 4.5,
    diverged: false,
  };
}

/** A confirmation of 2 runs with test EM `em`. */
export function confirmationOf(em: number): Confirmation {
  return {
    tokens: { mean: 1500, se: 20 },
    em: { mean: em, se: 0.01 },
    runs: [foldResult(0, { em }), foldResult(1, { em })],
    testFraction: 0.2,
    backend: 'cpu',
    seconds: 3,
    diverged: false,
  };
}

export function storageContract(backend: StorageBackend): void {
  const { name } = backend;
  const itShared = backend.shared ? it : it.skip;
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let url: string;
    beforeEach(async () => {
      url = backend.freshUrl();
      storage = await openStorage(url);
    });
    afterEach(async () => {
      await storage.close();
    });

    describe('studies', () => {
      it('creates a study and reads back every field by name', async () => {
        const input = studyInput('alpha', { refPoint: [1e6, 0], meta: { task: 'addition', folds: 3 } });
        const created = await storage.createStudy(input);
        expect(created).toMatchObject({
          name: 'alpha',
          space: input.space,
          spaceHash: 'hash-alpha',
          objectives: input.objectives,
          sampler: 'gp-ehvi',
          seed: 7,
          refPoint: [1e6, 0],
          meta: { task: 'addition', folds: 3 },
        });
        expect(typeof created.id).toBe('number');
        expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);
        expect(await storage.getStudy('alpha')).toEqual(created);
      });

      it('defaults refPoint to null and meta to {}', async () => {
        const created = await storage.createStudy(studyInput('beta'));
        expect(created.refPoint).toBeNull();
        expect(created.meta).toEqual({});
      });

      it('returns null for an unknown study name', async () => {
        await storage.createStudy(studyInput('alpha'));
        expect(await storage.getStudy('gamma')).toBeNull();
      });

      it('refuses a second study with the same name with an InputError naming it', async () => {
        await storage.createStudy(studyInput('alpha'));
        const second = storage.createStudy(studyInput('alpha', { seed: 8 }));
        await expect(second).rejects.toBeInstanceOf(InputError);
        await expect(storage.createStudy(studyInput('alpha'))).rejects.toThrow(/"alpha" already exists/);
        expect((await storage.getStudy('alpha'))?.seed).toBe(7);
      });

      it('lists studies in creation order with trial counts per state', async () => {
        const a = await storage.createStudy(studyInput('alpha'));
        const b = await storage.createStudy(studyInput('beta'));
        expect((await storage.listStudies()).map((s) => [s.name, s.counts])).toEqual([
          ['alpha', { running: 0, complete: 0, failed: 0, stale: 0, pruned: 0, replayed: 0 }],
          ['beta', { running: 0, complete: 0, failed: 0, stale: 0, pruned: 0, replayed: 0 }],
        ]);
        const t0 = await storage.reserveTrial(a.id, { workerId: 'w' });
        const t1 = await storage.reserveTrial(a.id, { workerId: 'w' });
        await storage.reserveTrial(a.id, { workerId: 'w' });
        await storage.reserveTrial(b.id, { workerId: 'w' });
        await storage.finishTrial(t0!.id, { state: 'complete', values: [1, 0.5] });
        await storage.finishTrial(t1!.id, { state: 'failed', error: 'boom' });
        const summaries = await storage.listStudies();
        expect(summaries.map((s) => s.counts)).toEqual([
          { running: 1, complete: 1, failed: 1, stale: 0, pruned: 0, replayed: 0 },
          { running: 1, complete: 0, failed: 0, stale: 0, pruned: 0, replayed: 0 },
        ]);
        expect(summaries[0]).toMatchObject({ id: a.id, name: 'alpha', seed: 7, objectives: a.objectives });
      });
    });

    describe('reserving trials', () => {
      it('numbers trials 0, 1, 2 … per study, running, without params, owned by the worker', async () => {
        const a = await storage.createStudy(studyInput('alpha'));
        const b = await storage.createStudy(studyInput('beta'));
        const a0 = await storage.reserveTrial(a.id, { workerId: 'w1' });
        const a1 = await storage.reserveTrial(a.id, { workerId: 'w2' });
        const b0 = await storage.reserveTrial(b.id, { workerId: 'w1' });
        expect([a0!.number, a1!.number, b0!.number]).toEqual([0, 1, 0]);
        expect(a0).toMatchObject({
          studyId: a.id,
          state: 'running',
          params: null,
          values: null,
          stderr: null,
          result: null,
          error: null,
          workerId: 'w1',
          retryOf: null,
          replayedFrom: null,
        });
        expect(a1!.workerId).toBe('w2');
        expect(new Set([a0!.id, a1!.id, b0!.id]).size).toBe(3);
        expect(Number.isNaN(Date.parse(a0!.heartbeatAt))).toBe(false);
        expect((await storage.getTrials(a.id)).map((t) => t.id)).toEqual([a0!.id, a1!.id]);
        expect((await storage.getTrials(b.id)).map((t) => t.id)).toEqual([b0!.id]);
      });

      it('sets the params of a reserved trial', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.setTrialParams(trial!.id, { lr: 0.01, 'stopping.rule': 'patience', flag: true });
        const [stored] = await storage.getTrials(study.id);
        expect(stored.params).toEqual({ lr: 0.01, 'stopping.rule': 'patience', flag: true });
      });

      it('stops at the target counting complete and running trials, but not failed ones', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const reserve = () => storage.reserveTrial(study.id, { workerId: 'w', target: 3 });
        const t0 = await reserve();
        const t1 = await reserve();
        const t2 = await reserve();
        expect([t0, t1, t2].every((t) => t !== null)).toBe(true);
        expect(await reserve()).toBeNull();
        await storage.finishTrial(t0!.id, { state: 'complete', values: [1, 0.5] });
        expect(await reserve()).toBeNull();
        await storage.finishTrial(t1!.id, { state: 'failed', error: 'out of memory' });
        const t3 = await reserve();
        expect(t3!.number).toBe(3);
        expect(await reserve()).toBeNull();
        expect(await storage.reserveTrial(study.id, { workerId: 'w' })).not.toBeNull();
        expect(await storage.reserveTrial(study.id, { workerId: 'w', target: 0 })).toBeNull();
      });

      it('rejects a reservation in an unknown study', async () => {
        await expect(storage.reserveTrial(987654, { workerId: 'w' })).rejects.toThrow();
      });
    });

    describe('finishing trials', () => {
      it('stores values, standard errors and the result of a complete trial', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.setTrialParams(trial!.id, { lr: 0.01 });
        const result = trialResult([foldResult(0), foldResult(1)]);
        const finished = await storage.finishTrial(trial!.id, {
          state: 'complete',
          values: [2000, 0.6],
          stderr: [100, 0.05],
          result,
        });
        expect(finished).toBe(true);
        const [stored] = await storage.getTrials(study.id);
        expect(stored).toMatchObject({ state: 'complete', values: [2000, 0.6], stderr: [100, 0.05], error: null });
        expect(stored.result).toEqual(result);
        expect(await storage.getFolds(trial!.id)).toEqual(result.folds);
      });

      it('stores the error of a failed trial', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        expect(await storage.finishTrial(trial!.id, { state: 'failed', error: 'worker crashed: OOM' })).toBe(true);
        const [stored] = await storage.getTrials(study.id);
        expect(stored).toMatchObject({ state: 'failed', error: 'worker crashed: OOM', values: null, result: null });
      });

      it('finishes only a running trial: a second finish returns false and changes nothing', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        expect(await storage.finishTrial(trial!.id, { state: 'complete', values: [1, 0.5] })).toBe(true);
        expect(await storage.finishTrial(trial!.id, { state: 'failed', error: 'late' })).toBe(false);
        expect(await storage.finishTrial(trial!.id, { state: 'complete', values: [9, 0.9] })).toBe(false);
        const [stored] = await storage.getTrials(study.id);
        expect(stored).toMatchObject({ state: 'complete', values: [1, 0.5], error: null });
      });

      it('refuses to complete a trial without one value per objective', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await expect(storage.finishTrial(trial!.id, { state: 'complete' })).rejects.toThrow(/values/);
        await expect(storage.finishTrial(trial!.id, { state: 'complete', values: [1] })).rejects.toThrow(/values/);
        expect((await storage.getTrials(study.id))[0].state).toBe('running');
      });

      it('rejects operations on an unknown trial id', async () => {
        await storage.createStudy(studyInput('alpha'));
        await expect(storage.finishTrial(987654, { state: 'failed' })).rejects.toThrow(/987654/);
        await expect(storage.heartbeat(987654)).rejects.toThrow(/987654/);
        await expect(storage.setTrialParams(987654, { lr: 1 })).rejects.toThrow(/987654/);
        await expect(storage.saveFold(987654, foldResult(0))).rejects.toThrow(/987654/);
      });
    });

    describe('confirmations', () => {
      const confirmation = (em: number): Confirmation => ({
        tokens: { mean: 1500, se: 20 },
        em: { mean: em, se: 0.01 },
        runs: [foldResult(0, { em }), foldResult(1, { em })],
        testFraction: 0.2,
        backend: 'cpu',
        seconds: 3,
        diverged: false,
      });

      it('stores a complete trial\'s confirmation, carried by its record from then on, and replaces it when saved again', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.setTrialParams(trial!.id, { lr: 0.01 });
        await storage.finishTrial(trial!.id, { state: 'complete', values: [2000, 0.6], stderr: [100, 0.05] });
        expect((await storage.getTrials(study.id))[0].confirmation ?? null).toBeNull();
        await storage.saveConfirmation(trial!.id, confirmation(0.55));
        expect((await storage.getTrials(study.id))[0].confirmation).toEqual(confirmation(0.55));
        await storage.saveConfirmation(trial!.id, confirmation(0.58));
        const [stored] = await storage.getTrials(study.id, { states: ['complete'] });
        expect(stored.confirmation).toEqual(confirmation(0.58));
        expect(stored.values).toEqual([2000, 0.6]);
      });

      it('refuses to confirm a trial that is not complete', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await expect(storage.saveConfirmation(trial!.id, confirmation(0.5))).rejects.toThrow(/not complete/);
        await expect(storage.saveConfirmation(987654, confirmation(0.5))).rejects.toThrow(/987654/);
      });
    });

    describe('folds', () => {
      it('reads back saved folds of a running trial, ordered by fold, with their curves', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        const fold1 = foldResult(1, { restoredFromTokens: 150 });
        const fold0 = foldResult(0, {
          diverged: true,
          stopReason: 'diverged: NaN loss',
          em: 0,
          curve: [
            { tokens: 100, devEm: 0.1, devLoss: 3 },
            { tokens: 200, devEm: 0, devLoss: Number.NaN },
            { tokens: 300, devEm: 0, devLoss: Number.POSITIVE_INFINITY },
          ],
        });
        await storage.saveFold(trial!.id, fold1);
        expect(await storage.getFolds(trial!.id)).toEqual([fold1]);
        await storage.saveFold(trial!.id, fold0);
        const folds = await storage.getFolds(trial!.id);
        expect(folds).toEqual([fold0, fold1]);
        expect(folds[0].curve[1].devLoss).toBeNaN();
        expect(folds[0].curve[2].devLoss).toBe(Number.POSITIVE_INFINITY);
        expect('restoredFromTokens' in folds[0]).toBe(false);
        expect((await storage.getTrials(study.id))[0].state).toBe('running');
      });

      it('gives a complete trial its saved folds as result.folds, plus any passed with the result', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.saveFold(trial!.id, foldResult(0));
        await storage.saveFold(trial!.id, foldResult(1));
        await storage.finishTrial(trial!.id, {
          state: 'complete',
          values: [2000, 0.6],
          result: trialResult([foldResult(2)]),
        });
        const [stored] = await storage.getTrials(study.id);
        expect(stored.result!.folds).toEqual([foldResult(0), foldResult(1), foldResult(2)]);
      });

      it('replaces a fold saved twice and ignores folds of a trial that is no longer running', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.saveFold(trial!.id, foldResult(0, { em: 0.1 }));
        await storage.saveFold(trial!.id, foldResult(0, { em: 0.2 }));
        expect((await storage.getFolds(trial!.id)).map((f) => f.em)).toEqual([0.2]);
        await storage.finishTrial(trial!.id, { state: 'failed', error: 'x' });
        await storage.saveFold(trial!.id, foldResult(1));
        expect(await storage.getFolds(trial!.id)).toHaveLength(1);
      });

      it('stores a fold with an empty curve (a run that ended before its first dev evaluation)', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        const early = foldResult(0, { curve: [], stopReason: 'diverged: NaN loss', diverged: true });
        await storage.saveFold(trial!.id, early);
        expect(await storage.getFolds(trial!.id)).toEqual([early]);
      });

      it('keeps folds per trial', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const a = await storage.reserveTrial(study.id, { workerId: 'w' });
        const b = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.saveFold(a!.id, foldResult(0, { em: 0.11 }));
        await storage.saveFold(b!.id, foldResult(0, { em: 0.22 }));
        expect((await storage.getFolds(a!.id)).map((f) => f.em)).toEqual([0.11]);
        expect((await storage.getFolds(b!.id)).map((f) => f.em)).toEqual([0.22]);
      });
    });

    describe('stale trials', () => {
      it('marks running trials stale only when their heartbeat is older than the threshold', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const old = await storage.reserveTrial(study.id, { workerId: 'w1' });
        const done = await storage.reserveTrial(study.id, { workerId: 'w2' });
        await storage.finishTrial(done!.id, { state: 'complete', values: [1, 0.5] });
        expect(await storage.markStale(study.id, 60_000)).toEqual([]);
        await sleep(SILENT_MS);
        const fresh = await storage.reserveTrial(study.id, { workerId: 'w3' });
        const marked = await storage.markStale(study.id, STALE_MS);
        expect(marked.map((t) => [t.id, t.state])).toEqual([[old!.id, 'stale']]);
        const states = (await storage.getTrials(study.id)).map((t) => t.state);
        expect(states).toEqual(['stale', 'complete', 'running']);
        expect(fresh!.state).toBe('running');
      });

      it('marks one running trial stale on demand (dead or interrupted worker), and its recipe is asked again', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w1', target: 1 });
        await storage.setTrialParams(trial!.id, { lr: 0.05 });
        expect(await storage.reserveTrial(study.id, { workerId: 'w2', target: 1 })).toBeNull();
        expect(await storage.markTrialStale(trial!.id)).toBe(true);
        expect(await storage.markTrialStale(trial!.id)).toBe(false);
        expect(await storage.finishTrial(trial!.id, { state: 'complete', values: [1, 0.5] })).toBe(false);
        const retry = await storage.reserveTrial(study.id, { workerId: 'w2', target: 1 });
        expect(retry).toMatchObject({ retryOf: trial!.id, params: { lr: 0.05 }, state: 'running' });
      });

      it('keeps a trial alive while its heartbeat is refreshed', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const beating = await storage.reserveTrial(study.id, { workerId: 'w1' });
        const silent = await storage.reserveTrial(study.id, { workerId: 'w2' });
        await sleep(SILENT_MS);
        await storage.heartbeat(beating!.id);
        const [stored] = await storage.getTrials(study.id);
        expect(Date.parse(stored.heartbeatAt)).toBeGreaterThan(Date.parse(beating!.heartbeatAt));
        expect((await storage.markStale(study.id, STALE_MS)).map((t) => t.id)).toEqual([silent!.id]);
      });

      it('does not count stale trials toward the target, and refuses to let a stale trial finish', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w', target: 1 });
        expect(await storage.reserveTrial(study.id, { workerId: 'w', target: 1 })).toBeNull();
        await sleep(20);
        await storage.markStale(study.id, 0);
        await storage.heartbeat(trial!.id);
        expect(await storage.finishTrial(trial!.id, { state: 'complete', values: [1, 0.5] })).toBe(false);
        const [stored] = await storage.getTrials(study.id);
        expect(stored).toMatchObject({ state: 'stale', values: null });
        expect(await storage.reserveTrial(study.id, { workerId: 'w', target: 1 })).not.toBeNull();
      });

      it('asks each stale recipe again exactly once, oldest first, then reserves fresh trials', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const a = await storage.reserveTrial(study.id, { workerId: 'w' });
        const b = await storage.reserveTrial(study.id, { workerId: 'w' });
        const noParams = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.setTrialParams(b!.id, { lr: 0.02 });
        await storage.setTrialParams(a!.id, { lr: 0.01 });
        await sleep(20);
        expect((await storage.markStale(study.id, 0)).map((t) => t.id)).toEqual([a!.id, b!.id, noParams!.id]);

        const retryA = await storage.reserveTrial(study.id, { workerId: 'w2' });
        const retryB = await storage.reserveTrial(study.id, { workerId: 'w2' });
        const fresh = await storage.reserveTrial(study.id, { workerId: 'w2' });
        expect(retryA).toMatchObject({ number: 3, retryOf: a!.id, params: { lr: 0.01 }, state: 'running' });
        expect(retryB).toMatchObject({ number: 4, retryOf: b!.id, params: { lr: 0.02 } });
        // A stale trial without params has no recipe to ask again.
        expect(fresh).toMatchObject({ number: 5, retryOf: null, params: null });

        // A retry that goes stale in turn is asked again, once.
        await storage.finishTrial(retryB!.id, { state: 'complete', values: [1, 0.5] });
        await storage.setTrialParams(fresh!.id, { lr: 0.03 });
        await storage.finishTrial(fresh!.id, { state: 'complete', values: [1, 0.5] });
        await sleep(20);
        expect((await storage.markStale(study.id, 0)).map((t) => t.id)).toEqual([retryA!.id]);
        const retryOfRetry = await storage.reserveTrial(study.id, { workerId: 'w3' });
        expect(retryOfRetry).toMatchObject({ retryOf: retryA!.id, params: { lr: 0.01 } });
        expect(await storage.reserveTrial(study.id, { workerId: 'w3' })).toMatchObject({ retryOf: null, params: null });
      });

      it('keeps the recipe of a retried trial: setting params again is refused', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = await storage.reserveTrial(study.id, { workerId: 'w' });
        await storage.setTrialParams(trial!.id, { lr: 0.01 });
        await sleep(20);
        await storage.markStale(study.id, 0);
        const retry = await storage.reserveTrial(study.id, { workerId: 'w' });
        await expect(storage.setTrialParams(retry!.id, { lr: 0.5 })).rejects.toThrow(/already has params/);
        expect((await storage.getTrials(study.id))[1].params).toEqual({ lr: 0.01 });
      });
    });

    describe('reading trials', () => {
      it('orders trials by number and filters by state', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trials = [];
        for (let i = 0; i < 5; i++) trials.push((await storage.reserveTrial(study.id, { workerId: 'w' }))!);
        await storage.finishTrial(trials[3].id, { state: 'complete', values: [3, 0.3] });
        await storage.finishTrial(trials[1].id, { state: 'complete', values: [1, 0.1] });
        await storage.finishTrial(trials[2].id, { state: 'failed', error: 'e' });
        expect((await storage.getTrials(study.id)).map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
        const complete = await storage.getTrials(study.id, { states: ['complete'] });
        expect(complete.map((t) => [t.number, t.values])).toEqual([
          [1, [1, 0.1]],
          [3, [3, 0.3]],
        ]);
        const some = await storage.getTrials(study.id, { states: ['running', 'failed'] });
        expect(some.map((t) => t.number)).toEqual([0, 2, 4]);
        expect(await storage.getTrials(study.id, { states: [] })).toEqual([]);
      });
    });

    describe('fine grids', () => {
      it('stores each fold\'s grid and reads it back exactly, NaN included, from saveFold, finishTrial and getTrials', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        const saved = foldResult(0, { grid: gridCurve(6) });
        await storage.saveFold(trial.id, saved);
        expect(await storage.getFolds(trial.id)).toEqual([saved]);
        const finished = foldResult(1, { grid: gridCurve(3, { every: 50_000 }) });
        const result = trialResult([saved, finished, foldResult(2)]);
        await storage.finishTrial(trial.id, { state: 'complete', values: [2000, 0.6], result });
        const [stored] = await storage.getTrials(study.id);
        expect(stored.result).toEqual(result);
        expect(stored.result!.folds[0].grid!.devLoss[1]).toBeNaN();
        expect(stored.result!.folds[1].grid!.every).toBe(50_000);
        // A fold recorded without a grid reads back without one.
        expect('grid' in stored.result!.folds[2]).toBe(false);
        expect(storage.unreadable).toEqual([]);
      });

      it('replaces a fold\'s grid when the fold is saved again, and removes it when the new fold has none', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.saveFold(trial.id, foldResult(0, { grid: gridCurve(2) }));
        await storage.saveFold(trial.id, foldResult(0, { grid: gridCurve(4) }));
        expect((await storage.getFolds(trial.id))[0].grid).toEqual(gridCurve(4));
        await storage.saveFold(trial.id, foldResult(0));
        expect(await storage.getFolds(trial.id)).toEqual([foldResult(0)]);
      });

      (backend.schema ? itShared : it.skip)('reports a damaged grid in `unreadable` and reads the fold without it', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        const folds = [foldResult(0, { grid: gridCurve(3) }), foldResult(1, { grid: gridCurve(3) })];
        await storage.finishTrial(trial.id, { state: 'complete', values: [2000, 0.6], result: trialResult(folds) });
        await storage.close();
        await backend.schema!.damageGrid(url, trial.id, 1);

        storage = await openStorage(url);
        const [stored] = await storage.getTrials(study.id);
        expect(stored.result!.folds).toEqual([folds[0], foldResult(1)]);
        expect(await storage.getFolds(trial.id)).toEqual([folds[0], foldResult(1)]);
        expect(storage.unreadable).toEqual([
          expect.stringMatching(new RegExp(`trial id ${trial.id}, fold 1: its grid cannot be read and is left out \\(stored grid has 3 bytes`)),
        ]);
      });
    });

    describe('pruned trials', () => {
      it('finishes a raced trial as pruned with its finished folds, with or without values', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const raced = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.setTrialParams(raced.id, { lr: 0.01 });
        const result = trialResult([foldResult(0, { grid: gridCurve(2) })]);
        expect(await storage.finishTrial(raced.id, { state: 'pruned', result })).toBe(true);
        const withValues = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.finishTrial(withValues.id, { state: 'pruned', values: [900, 0.2], stderr: [10, 0.01] });
        const [first, second] = await storage.getTrials(study.id, { states: ['pruned'] });
        expect(first).toMatchObject({ state: 'pruned', values: null, stderr: null, error: null, replayedFrom: null, result });
        expect(second).toMatchObject({ state: 'pruned', values: [900, 0.2], stderr: [10, 0.01], result: null });
        expect(await storage.getTrials(study.id, { states: ['complete'] })).toEqual([]);
        expect((await storage.listStudies())[0].counts).toMatchObject({ pruned: 2, complete: 0, running: 0 });
        expect(await storage.finishTrial(raced.id, { state: 'complete', values: [1, 0.5] })).toBe(false);
      });

      it('refuses a pruned trial with values for other objectives, and confirming a pruned trial', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await expect(storage.finishTrial(trial.id, { state: 'pruned', values: [1] })).rejects.toThrow(/pruned but has 1 values for 2 objectives/);
        expect((await storage.getTrials(study.id))[0].state).toBe('running');
        await storage.finishTrial(trial.id, { state: 'pruned' });
        await expect(
          storage.saveConfirmation(trial.id, { ...confirmationOf(0.5), runs: [] }),
        ).rejects.toThrow(/is pruned, not complete/);
      });

      it('counts pruned trials toward the target: they cost training', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const reserve = () => storage.reserveTrial(study.id, { workerId: 'w', target: 2 });
        const t0 = (await reserve())!;
        await storage.finishTrial(t0.id, { state: 'pruned' });
        const t1 = (await reserve())!;
        expect(await reserve()).toBeNull();
        await storage.finishTrial(t1.id, { state: 'complete', values: [1, 0.5] });
        expect(await reserve()).toBeNull();
      });
    });

    describe('replayed trials', () => {
      /** A study with #0 complete (trained, with grids) and #1 running. */
      async function trainedStudy() {
        const study = await storage.createStudy(studyInput('alpha'));
        const trained = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.setTrialParams(trained.id, { lr: 0.01, 'stopping.rule': 'none' });
        const folds = [foldResult(0, { grid: gridCurve(4) }), foldResult(1, { grid: gridCurve(4) })];
        await storage.finishTrial(trained.id, { state: 'complete', values: [2000, 0.6], stderr: [100, 0.05], result: trialResult(folds) });
        const running = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        return { study, trained, running };
      }
      const replayed = (patience: number, replayedFrom = 0) => ({
        params: { lr: 0.01, 'stopping.rule': 'patience', 'stopping.patience': patience },
        values: [1000 + patience, 0.5],
        stderr: [50, 0.04],
        result: trialResult([foldResult(0, { tokens: 1000 + patience }), foldResult(1, { tokens: 1001 + patience })]),
        replayedFrom,
      });

      it('adds complete trials with the next numbers, their folds and their source, and returns them as stored', async () => {
        const { study, trained } = await trainedStudy();
        const added = await storage.addReplayedTrials(study.id, [replayed(2), replayed(5)]);
        expect(added.map((t) => [t.number, t.state, t.replayedFrom, t.workerId, t.retryOf])).toEqual([
          [2, 'complete', 0, null, null],
          [3, 'complete', 0, null, null],
        ]);
        const stored = await storage.getTrials(study.id);
        expect(stored.slice(2)).toEqual(added);
        expect(added[1]).toMatchObject({ params: replayed(5).params, values: [1005, 0.5], stderr: [50, 0.04], result: replayed(5).result });
        expect(await storage.getFolds(added[0].id)).toEqual(replayed(2).result.folds);
        expect(stored[0]).toMatchObject({ id: trained.id, replayedFrom: null });
        expect((await storage.listStudies())[0].counts).toEqual({ running: 1, complete: 3, failed: 0, stale: 0, pruned: 0, replayed: 2 });
        // Reservations continue the numbering; a replayed trial can be confirmed like a trained one.
        expect((await storage.reserveTrial(study.id, { workerId: 'w' }))!.number).toBe(4);
        await storage.saveConfirmation(added[0].id, confirmationOf(0.48));
        expect((await storage.getTrials(study.id))[2].confirmation?.em.mean).toBe(0.48);
        expect(await storage.addReplayedTrials(study.id, [])).toEqual([]);
      });

      it('does not count replayed trials toward the target', async () => {
        const { study, running } = await trainedStudy();
        const reserve = () => storage.reserveTrial(study.id, { workerId: 'w', target: 3 });
        await storage.addReplayedTrials(study.id, [replayed(1), replayed(2), replayed(3)]);
        const third = await reserve();
        expect(third!.number).toBe(5);
        expect(await reserve()).toBeNull();
        await storage.finishTrial(running.id, { state: 'failed', error: 'e' });
        expect(await reserve()).not.toBeNull();
      });

      it('refuses, writing none of them, replayed trials without a trained source or with values for other objectives', async () => {
        const { study } = await trainedStudy();
        const [fromReplay] = await storage.addReplayedTrials(study.id, [replayed(1)]);
        const before = await storage.getTrials(study.id);
        const refusals: [ReturnType<typeof replayed>, RegExp][] = [
          [replayed(2, 9), /no trial #9 to replay from/],
          [replayed(2, fromReplay.number), /trial #2 was replayed itself/],
          [{ ...replayed(2), values: [1] }, /1 values and 2 standard errors for 2 objectives/],
          [{ ...replayed(2), stderr: [] }, /2 values and 0 standard errors/],
        ];
        for (const [bad, message] of refusals) {
          await expect(storage.addReplayedTrials(study.id, [replayed(3), bad])).rejects.toThrow(message);
        }
        expect(await storage.getTrials(study.id)).toEqual(before);
        await expect(storage.addReplayedTrials(987654, [replayed(1)])).rejects.toThrow(/987654/);
      });

      it('replays from a trial of its own study only', async () => {
        await trainedStudy();
        const other = await storage.createStudy(studyInput('beta'));
        await expect(storage.addReplayedTrials(other.id, [replayed(1)])).rejects.toThrow(/no trial #0/);
      });
    });

    describe('resume, spaces, copies and schema versions', () => {
      itShared('keeps studies, trials, folds and trial numbering across reopening', async () => {
        const study = await storage.createStudy(studyInput('alpha', { refPoint: [5, 0], meta: { folds: 3 } }));
        const done = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.setTrialParams(done.id, { lr: 0.01, rule: 'patience' });
        const result = trialResult([foldResult(0), foldResult(1, { restoredFromTokens: 150 })]);
        await storage.finishTrial(done.id, { state: 'complete', values: [2000, 0.6], stderr: [10, 0.01], result });
        const partial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.saveFold(partial.id, foldResult(0));
        const trialsBefore = await storage.getTrials(study.id);
        await storage.close();

        storage = await openStorage(url);
        expect(await storage.getStudy('alpha')).toEqual(study);
        expect(await storage.getTrials(study.id)).toEqual(trialsBefore);
        expect(trialsBefore[0].result).toEqual(result);
        expect(await storage.getFolds(partial.id)).toEqual([foldResult(0)]);
        const next = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        expect(next.number).toBe(2);
      });

      it('refuses to resume a study from a different search space, and leaves it as it was', async () => {
        const { file } = await loadSpaceFile(TINY_SPACE);
        const options = { storage, spaceFile: file, spaceHash: hashSpace(file), studyName: 'tiny', seed: 1, sampler: 'random' };
        const created = await openOrCreateStudy(options);
        expect(created.resumed).toBe(false);
        expect((await openOrCreateStudy(options)).resumed).toBe(true);
        const changed = { ...file, budget: { ...file.budget, maxTokensPerRun: 30_000 } };
        const other = openOrCreateStudy({ ...options, spaceFile: changed, spaceHash: hashSpace(changed) });
        await expect(other).rejects.toBeInstanceOf(InputError);
        await expect(openOrCreateStudy({ ...options, spaceHash: hashSpace(changed) })).rejects.toThrow(
          /--study tiny: this study was created from a different search space/,
        );
        expect(await storage.getStudy('tiny')).toEqual(created.study);
      });

      it('imports a dumped study with every trial, fold, time and retry link, keeping free trial ids', async () => {
        const study = await storage.createStudy(studyInput('alpha', { refPoint: [5, 0], meta: { folds: 2 } }));
        const stale = (await storage.reserveTrial(study.id, { workerId: 'w1' }))!;
        await storage.setTrialParams(stale.id, { lr: 0.01 });
        await storage.saveFold(stale.id, foldResult(0));
        await storage.markTrialStale(stale.id);
        const retry = (await storage.reserveTrial(study.id, { workerId: 'w2' }))!;
        const nonFinite = foldResult(1, { curve: [{ tokens: 1, devEm: 0, devLoss: Number.NaN }] });
        await storage.finishTrial(retry.id, { state: 'complete', values: [10, 0.5], stderr: [1, 0.1], result: trialResult([foldResult(0), nonFinite]) });
        await storage.saveConfirmation(retry.id, {
          tokens: { mean: 9, se: 1 },
          em: { mean: 0.45, se: 0.02 },
          runs: [foldResult(0), foldResult(1)],
          testFraction: 0.2,
          backend: 'cpu',
          seconds: 2,
          diverged: false,
        });
        const failed = (await storage.reserveTrial(study.id, { workerId: 'w2' }))!;
        await storage.finishTrial(failed.id, { state: 'failed', error: 'diverged' });
        await storage.reserveTrial(study.id, { workerId: 'w3' });
        const dump = (await dumpStudy(storage, 'alpha'))!;
        expect(dump.trials.map((t) => t.folds.length)).toEqual([1, 2, 0, 0]);
        expect(dump.trials[1].trial.confirmation?.em.mean).toBe(0.45);

        const target = await openStorage(backend.freshUrl());
        try {
          expect((await target.importStudy(dump)).idsKept).toBe(true);
          const copied = (await dumpStudy(target, 'alpha'))!;
          expect({ ...copied.study, id: 0 }).toEqual({ ...dump.study, id: 0 });
          expect(copied.trials.map(({ trial, folds }) => ({ trial: { ...trial, studyId: 0 }, folds }))).toEqual(
            dump.trials.map(({ trial, folds }) => ({ trial: { ...trial, studyId: 0 }, folds })),
          );
          await expect(target.importStudy(dump)).rejects.toThrow(/"alpha" already exists/);
          // Into a storage whose trial ids are taken: new ids, retry links follow them, nothing else changes.
          const renamed = { ...dump, study: { ...dump.study, name: 'beta' } };
          expect((await target.importStudy(renamed)).idsKept).toBe(false);
          const beta = (await dumpStudy(target, 'beta'))!;
          const betaIds = beta.trials.map((t) => t.trial.id);
          expect(betaIds.some((id) => dump.trials.some((t) => t.trial.id === id))).toBe(false);
          expect(beta.trials[1].trial.retryOf).toBe(betaIds[0]);
          expect(beta.trials.map((t) => t.folds)).toEqual(dump.trials.map((t) => t.folds));
          // New reservations after an import continue the numbering and get fresh ids.
          const next = (await target.reserveTrial(copied.study.id, { workerId: 'w' }))!;
          expect(next.number).toBe(4);
          expect([...betaIds, ...copied.trials.map((t) => t.trial.id)]).not.toContain(next.id);
          await expect(copyStudies(storage, target, 'alpha')).rejects.toThrow(/--to: a study named "alpha" already exists/);
          await expect(copyStudies(storage, target, 'nope')).rejects.toThrow(/no study named "nope"/);
        } finally {
          await target.close();
        }
      });

      (backend.schema ? itShared : it.skip)('opens a database of the previous schema, keeping every record, and stores grids, replayed and pruned trials in it', async () => {
        await storage.close();
        url = backend.freshUrl();
        await backend.schema!.writePrevious(url);
        storage = await openStorage(url);
        const [t0, t1, t2, t3] = LEGACY_TRIAL_IDS;
        const { id: _id, ...studyFields } = LEGACY_STUDY;
        const study = (await storage.getStudy('legacy'))!;
        expect(study).toEqual({ id: LEGACY_STUDY.id, ...studyFields });
        const trials = await storage.getTrials(study.id);
        expect(trials.map((t) => [t.id, t.number, t.state, t.params, t.workerId, t.retryOf, t.replayedFrom, t.error])).toEqual([
          [t0, 0, 'complete', { lr: 0.01 }, 'host:0', null, null, null],
          [t1, 1, 'failed', { lr: 0.02 }, 'host:1', null, null, 'out of memory'],
          [t2, 2, 'stale', { lr: 0.03 }, 'host:2', null, null, null],
          [t3, 3, 'running', null, 'host:3', null, null, null],
        ]);
        expect(trials[0]).toMatchObject({ values: [50_000.5, 0.705], stderr: [0.5, 0.005], result: LEGACY_RESULT, confirmation: LEGACY_CONFIRMATION });
        expect(trials[0].result!.folds[1].curve[1].devLoss).toBeNaN();
        expect(trials[2]).toMatchObject({ createdAt: '2026-01-02T03:04:07.000Z', updatedAt: '2026-01-02T03:04:07.500Z', heartbeatAt: '2026-01-02T03:04:07.400Z' });
        expect(await storage.getFolds(t3)).toEqual([LEGACY_RUNNING_FOLD]);
        expect((await storage.listStudies()).map((s) => s.counts)).toEqual([{ running: 1, complete: 1, failed: 1, stale: 1, pruned: 0, replayed: 0 }]);
        expect(storage.unreadable).toEqual([]);

        // The migrated database takes what the new schema adds: a grid, the pruned state and replayed trials.
        const grid = gridCurve(3);
        expect(await storage.finishTrial(t3, { state: 'pruned', result: trialResult([{ ...LEGACY_RUNNING_FOLD, grid }]) })).toBe(true);
        const [replay] = await storage.addReplayedTrials(study.id, [
          { params: { lr: 0.01, patience: 2 }, values: [30_000, 0.69], stderr: [100, 0.01], result: trialResult(LEGACY_FOLDS), replayedFrom: 0 },
        ]);
        expect(replay.number).toBe(4);
        // Trained: #0 complete, #3 pruned; the stale #2 is asked again (new ids do not collide with the old ones).
        const retry = (await storage.reserveTrial(study.id, { workerId: 'w', target: 3 }))!;
        expect(retry).toMatchObject({ number: 5, retryOf: t2, params: { lr: 0.03 } });
        expect(LEGACY_TRIAL_IDS).not.toContain(retry.id);
        expect(await storage.reserveTrial(study.id, { workerId: 'w', target: 3 })).toBeNull();
        const after = await storage.getTrials(study.id);
        await storage.close();

        storage = await openStorage(url);
        expect(await storage.getTrials(study.id)).toEqual(after);
        expect((await storage.getFolds(t3))[0].grid).toEqual(grid);
        expect(after.slice(0, 3)).toEqual(trials.slice(0, 3));
      });

      it('copies pruned and replayed trials and fold grids with the study', async () => {
        const study = await storage.createStudy(studyInput('alpha'));
        const trained = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.setTrialParams(trained.id, { lr: 0.01 });
        const folds = [foldResult(0, { grid: gridCurve(5) }), foldResult(1, { grid: gridCurve(5) })];
        await storage.finishTrial(trained.id, { state: 'complete', values: [2000, 0.6], stderr: [1, 0.01], result: trialResult(folds) });
        const raced = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
        await storage.setTrialParams(raced.id, { lr: 0.05 });
        await storage.finishTrial(raced.id, { state: 'pruned', result: trialResult([foldResult(0, { grid: gridCurve(2) })]) });
        await storage.addReplayedTrials(study.id, [
          { params: { lr: 0.01, patience: 1 }, values: [900, 0.5], stderr: [9, 0.02], result: trialResult([foldResult(0), foldResult(1)]), replayedFrom: 0 },
        ]);
        const dump = (await dumpStudy(storage, 'alpha'))!;
        expect(dump.trials.map(({ trial }) => [trial.state, trial.replayedFrom])).toEqual([
          ['complete', null],
          ['pruned', null],
          ['complete', 0],
        ]);
        expect(dump.trials[0].folds).toEqual(folds);

        const target = await openStorage(backend.freshUrl());
        try {
          await target.createStudy(studyInput('taken'));
          const taken = (await target.reserveTrial((await target.getStudy('taken'))!.id, { workerId: 'w' }))!;
          const [copied] = await copyStudies(storage, target, 'alpha');
          const copy = (await dumpStudy(target, 'alpha'))!;
          const comparable = (d: typeof dump) => d.trials.map(({ trial, folds }) => ({ trial: { ...trial, id: 0, studyId: 0 }, folds }));
          expect(comparable(copy)).toEqual(comparable(dump));
          expect(copied.idsKept).toBe(!dump.trials.some(({ trial }) => trial.id === taken.id));
          expect((await target.listStudies()).find((s) => s.name === 'alpha')!.counts).toMatchObject({ complete: 2, pruned: 1, replayed: 1 });
          // In the copy as in the source, replayed trials stay out of the target: 2 trained trials reach a target of 2.
          expect(await target.reserveTrial(copy.study.id, { workerId: 'w', target: 2 })).toBeNull();
        } finally {
          await target.close();
        }
      });

      (backend.schema ? itShared : it.skip)('refuses a storage written by a newer stopwise with one line, and opens it again once current', async () => {
        await storage.createStudy(studyInput('alpha'));
        await storage.close();
        const current = backend.schema!.version;
        await backend.schema!.setVersion(url, current + 1);
        const refused = openStorage(url);
        await expect(refused).rejects.toBeInstanceOf(InputError);
        await expect(openStorage(url)).rejects.toThrow(
          new RegExp(`^[^\\n]*: database schema version ${current + 1} is newer than this stopwise supports \\(${current}\\); upgrade stopwise$`),
        );
        await backend.schema!.setVersion(url, current);
        storage = await openStorage(url);
        expect((await storage.getStudy('alpha'))?.name).toBe('alpha');
      });

      itShared('several processes reserving up to a target of 24 complete exactly 24 trials, numbers 0..23', async () => {
        const study = await storage.createStudy(studyInput('shared'));
        const outputs = await runWorkers([1, 2, 3].map((worker) => ['work', url, 'shared', '24', `worker-${worker}`]));
        const completedByWorkers = outputs.map((lines) => Number(lines.at(-1)!.replace('done ', '')));
        expect(completedByWorkers.reduce((a, b) => a + b, 0)).toBe(24);
        // The workers really competed (they start together): more than one of them completed trials.
        expect(completedByWorkers.filter((n) => n > 0).length).toBeGreaterThan(1);
        const trials = await storage.getTrials(study.id);
        expect(trials).toHaveLength(24);
        expect(trials.every((t) => t.state === 'complete')).toBe(true);
        expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 24 }, (_, i) => i));
        expect(trials.every((t) => t.params?.x === t.number && t.values?.[0] === 1000 + t.number)).toBe(true);
        for (const trial of trials) expect((await storage.getFolds(trial.id)).map((f) => f.fold)).toEqual([0]);
      });

      itShared('several processes reserving up to a target of 24 while pruning and adding replayed trials train exactly 24', async () => {
        const study = await storage.createStudy(studyInput('shared'));
        const outputs = await runWorkers([1, 2, 3].map((worker) => ['work', url, 'shared', '24', `worker-${worker}`, 'replay']));
        expect(outputs.every((lines) => lines.at(-1)!.startsWith('done '))).toBe(true);
        const trials = await storage.getTrials(study.id);
        const trained = trials.filter((t) => t.replayedFrom === null);
        const replays = trials.filter((t) => t.replayedFrom !== null);
        expect(trained).toHaveLength(24);
        expect(trained.every((t) => t.state === ((t.params!.x as number) % 3 === 2 ? 'pruned' : 'complete'))).toBe(true);
        expect(trials.map((t) => t.number)).toEqual(trials.map((_, i) => i));
        // Two replays of each trained complete trial, each naming it.
        const byNumber = new Map(trials.map((t) => [t.number, t]));
        const complete = trained.filter((t) => t.state === 'complete');
        expect(replays).toHaveLength(2 * complete.length);
        for (const replay of replays) {
          expect(replay.state).toBe('complete');
          expect(byNumber.get(replay.replayedFrom!)).toMatchObject({ state: 'complete', replayedFrom: null, params: { x: replay.params!.x } });
        }
        expect((await storage.listStudies())[0].counts).toMatchObject({ pruned: 24 - complete.length, replayed: replays.length, running: 0 });
      });

      itShared('processes opening a new storage at once create its schema once and a study exactly once', async () => {
        await storage.close();
        url = backend.freshUrl();
        const outputs = await runWorkers([1, 2, 3].map(() => ['create', url, 'race']));
        expect(outputs.map((lines) => lines.at(-1)).sort()).toEqual(['created', 'exists', 'exists']);
        storage = await openStorage(url);
        expect((await storage.listStudies()).map((s) => s.name)).toEqual(['race']);
      });
    });
  });
}
