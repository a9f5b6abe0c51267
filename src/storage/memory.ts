/**
 * Storage in this process's memory: the default of a library `createStudy` and of `serve --stdio`. It keeps the
 * same records as the SQLite and PostgreSQL backends and passes the same contract (test/storage/storage-contract.ts),
 * so a study behaves alike wherever it lives. Nothing outlives the process, and no other process can reach it.
 *
 * Every record is copied in and out (structuredClone keeps NaN and ±Infinity in curves), so a caller that changes
 * what it passed or got back never changes what is stored. Each method runs to completion before it returns,
 * which makes every operation atomic within the process, as a transaction is in the database backends.
 */
import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import type { Confirmation, FoldResult, StudyRecord, TrialRecord, TrialState } from './records.js';
import { checkOutcomeValues, checkReplayedTrials } from './trial-checks.js';
import type { CreateStudyInput, ReplayedTrialInput, ReserveOptions, Storage, StudyDump, StudySummary, TrialOutcome } from './types.js';
import { TRIAL_STATES, emptyCounts } from './types.js';
import { MEMORY_STORAGE_URL } from './url.js';

interface StoredTrial {
  record: TrialRecord;
  /** Folds by fold number. */
  folds: Map<number, FoldResult>;
}

/** A fresh, empty in-memory storage. */
export function createMemoryStorage(): Storage {
  return new MemoryStorage();
}

const copy = <T>(value: T): T => structuredClone(value);
const isoNow = (): string => new Date().toISOString();

class MemoryStorage implements Storage {
  readonly url = MEMORY_STORAGE_URL;
  readonly unreadable: readonly string[] = [];
  private readonly studies: StudyRecord[] = [];
  /** Trials of each study id, in number order. */
  private readonly trialsOfStudy = new Map<number, StoredTrial[]>();
  private readonly trialsById = new Map<number, StoredTrial>();
  private nextStudyId = 1;
  private nextTrialId = 1;

  async createStudy(input: CreateStudyInput): Promise<StudyRecord> {
    if (input.name.trim() === '') throw new InputError('--study: the study name is empty');
    if (!Number.isSafeInteger(input.seed)) throw new Error(`createStudy: seed must be an integer, got ${input.seed}`);
    this.refuseTakenName(input.name, '--study');
    const study: StudyRecord = {
      id: this.nextStudyId++,
      name: input.name,
      createdAt: isoNow(),
      space: copy(input.space),
      spaceHash: input.spaceHash,
      objectives: copy(input.objectives),
      sampler: input.sampler,
      seed: input.seed,
      refPoint: input.refPoint == null ? null : [...input.refPoint],
      meta: copy(input.meta ?? {}),
    };
    this.studies.push(study);
    this.trialsOfStudy.set(study.id, []);
    return copy(study);
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    const study = this.studies.find((each) => each.name === name);
    return study === undefined ? null : copy(study);
  }

  async listStudies(): Promise<StudySummary[]> {
    return this.studies.map((study) => {
      const counts = emptyCounts();
      for (const { record } of this.trialsOfStudy.get(study.id)!) {
        counts[record.state]++;
        if (record.replayedFrom !== null) counts.replayed++;
      }
      return { ...copy(study), counts };
    });
  }

  async reserveTrial(studyId: number, options: ReserveOptions): Promise<TrialRecord | null> {
    const trials = this.requireStudyTrials(studyId);
    if (options.target !== undefined) {
      if (trials.filter(({ record }) => isTrained(record)).length >= options.target) return null;
    }
    const retried = new Set(trials.map((trial) => trial.record.retryOf).filter((id) => id !== null));
    const stale = trials.find((trial) => trial.record.state === 'stale' && trial.record.params !== null && !retried.has(trial.record.id));
    const now = isoNow();
    const stored: StoredTrial = {
      record: {
        id: this.nextTrialId++,
        studyId,
        number: nextNumber(trials),
        state: 'running',
        params: stale === undefined ? null : copy(stale.record.params),
        values: null,
        stderr: null,
        result: null,
        error: null,
        workerId: options.workerId,
        retryOf: stale?.record.id ?? null,
        replayedFrom: null,
        createdAt: now,
        updatedAt: now,
        heartbeatAt: now,
        confirmation: null,
      },
      folds: new Map(),
    };
    trials.push(stored);
    this.trialsById.set(stored.record.id, stored);
    return this.trialRecord(stored);
  }

  async setTrialParams(trialId: number, params: Params): Promise<void> {
    const trial = this.requireTrial(trialId);
    if (trial.record.state !== 'running') return;
    if (trial.record.params !== null) throw new Error(`trial ${trialId} already has params (a retry keeps its recipe)`);
    trial.record.params = copy(params);
    this.changed(trial);
  }

  async heartbeat(trialId: number): Promise<void> {
    const trial = this.requireTrial(trialId);
    if (trial.record.state === 'running') trial.record.heartbeatAt = isoNow();
  }

  async markTrialStale(trialId: number): Promise<boolean> {
    const trial = this.requireTrial(trialId);
    if (trial.record.state !== 'running') return false;
    trial.record.state = 'stale';
    this.changed(trial);
    return true;
  }

  async markStale(studyId: number, olderThanMs: number): Promise<TrialRecord[]> {
    const cutoff = Date.now() - olderThanMs;
    const silent = (this.trialsOfStudy.get(studyId) ?? []).filter(
      (trial) => trial.record.state === 'running' && Date.parse(trial.record.heartbeatAt) < cutoff,
    );
    for (const trial of silent) {
      trial.record.state = 'stale';
      this.changed(trial);
    }
    return silent.map((trial) => this.trialRecord(trial));
  }

  async saveFold(trialId: number, fold: FoldResult): Promise<void> {
    const trial = this.requireTrial(trialId);
    if (trial.record.state !== 'running') return;
    trial.folds.set(fold.fold, checkedFold(trialId, fold));
    this.changed(trial);
  }

  async getFolds(trialId: number): Promise<FoldResult[]> {
    return sortedFolds(this.requireTrial(trialId));
  }

  async finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean> {
    const trial = this.requireTrial(trialId);
    if (trial.record.state !== 'running') return false;
    checkOutcomeValues(trialId, outcome, this.objectiveCount(trial.record.studyId));
    const folds = (outcome.result?.folds ?? []).map((fold) => checkedFold(trialId, fold));
    for (const fold of folds) trial.folds.set(fold.fold, fold);
    Object.assign(trial.record, {
      state: outcome.state,
      values: outcome.values === undefined ? null : [...outcome.values],
      stderr: outcome.stderr === undefined ? null : [...outcome.stderr],
      // The folds live in `trial.folds`; a read fills result.folds from there.
      result: outcome.result === undefined ? null : copy({ ...outcome.result, folds: [] }),
      error: outcome.error ?? null,
    });
    this.changed(trial);
    return true;
  }

  async addReplayedTrials(studyId: number, inputs: readonly ReplayedTrialInput[]): Promise<TrialRecord[]> {
    const trials = this.requireStudyTrials(studyId);
    checkReplayedTrials(inputs, this.objectiveCount(studyId), (number) => {
      const source = trials.find((trial) => trial.record.number === number);
      return source === undefined ? undefined : { replayed: source.record.replayedFrom !== null };
    });
    const now = isoNow();
    const first = nextNumber(trials);
    const added = inputs.map((input, i): StoredTrial => {
      const id = this.nextTrialId++;
      return {
        record: {
          id,
          studyId,
          number: first + i,
          state: 'complete',
          params: copy(input.params),
          values: [...input.values],
          stderr: [...input.stderr],
          result: copy({ ...input.result, folds: [] }),
          error: null,
          workerId: null,
          retryOf: null,
          replayedFrom: input.replayedFrom,
          createdAt: now,
          updatedAt: now,
          heartbeatAt: now,
          confirmation: null,
        },
        folds: new Map(input.result.folds.map((fold) => [fold.fold, checkedFold(id, fold)])),
      };
    });
    for (const trial of added) {
      trials.push(trial);
      this.trialsById.set(trial.record.id, trial);
    }
    return added.map((trial) => this.trialRecord(trial));
  }

  async saveConfirmation(trialId: number, confirmation: Confirmation): Promise<void> {
    const trial = this.requireTrial(trialId);
    if (trial.record.state !== 'complete') throw new Error(`saveConfirmation: trial ${trialId} is ${trial.record.state}, not complete`);
    trial.record.confirmation = copy(confirmation);
  }

  async getTrials(studyId: number, options?: { states?: TrialState[] }): Promise<TrialRecord[]> {
    const states = new Set(options?.states ?? TRIAL_STATES);
    return (this.trialsOfStudy.get(studyId) ?? []).filter((trial) => states.has(trial.record.state)).map((trial) => this.trialRecord(trial));
  }

  async importStudy(dump: StudyDump): Promise<{ study: StudyRecord; idsKept: boolean }> {
    this.refuseTakenName(dump.study.name, '--to');
    const idsKept = dump.trials.every(({ trial }) => !this.trialsById.has(trial.id));
    const study: StudyRecord = { ...copy(dump.study), id: this.nextStudyId++ };
    const trials: StoredTrial[] = [];
    const newIds = new Map<number, number>();
    for (const { trial, folds } of dump.trials) {
      const id = idsKept ? trial.id : this.nextTrialId++;
      newIds.set(trial.id, id);
      const record: TrialRecord = {
        ...copy(trial),
        id,
        studyId: study.id,
        retryOf: trial.retryOf === null ? null : (newIds.get(trial.retryOf) ?? null),
        replayedFrom: trial.replayedFrom ?? null,
        result: trial.result === null ? null : { ...copy(trial.result), folds: [] },
        confirmation: trial.confirmation ? copy(trial.confirmation) : null,
      };
      trials.push({ record, folds: new Map(folds.map((fold) => [fold.fold, checkedFold(id, fold)])) });
    }
    this.studies.push(study);
    this.trialsOfStudy.set(study.id, trials);
    for (const trial of trials) this.trialsById.set(trial.record.id, trial);
    this.nextTrialId = Math.max(this.nextTrialId, ...trials.map((trial) => trial.record.id + 1));
    return { study: copy(study), idsKept };
  }

  async close(): Promise<void> {}

  private refuseTakenName(name: string, option: string): void {
    if (this.studies.some((study) => study.name === name)) {
      throw new InputError(`${option}: a study named "${name}" already exists in ${this.url}`);
    }
  }

  private requireStudyTrials(studyId: number): StoredTrial[] {
    const trials = this.trialsOfStudy.get(studyId);
    if (trials === undefined) throw new Error(`study ${studyId} does not exist`);
    return trials;
  }

  private objectiveCount(studyId: number): number {
    return this.studies.find((study) => study.id === studyId)!.objectives.length;
  }

  private requireTrial(trialId: number): StoredTrial {
    const trial = this.trialsById.get(trialId);
    if (trial === undefined) throw new Error(`trial ${trialId} does not exist`);
    return trial;
  }

  private changed(trial: StoredTrial): void {
    trial.record.updatedAt = isoNow();
  }

  /** A copy of the record; a stored result gets the trial's saved folds, as in every backend. */
  private trialRecord(trial: StoredTrial): TrialRecord {
    const record = copy(trial.record);
    if (record.result !== null) record.result.folds = sortedFolds(trial);
    return record;
  }
}

/** Trials that cost training, those a reservation target counts: complete and not replayed, pruned, running. */
function isTrained(record: TrialRecord): boolean {
  return (record.state === 'complete' && record.replayedFrom === null) || record.state === 'pruned' || record.state === 'running';
}

function nextNumber(trials: readonly StoredTrial[]): number {
  return trials.length === 0 ? 0 : trials[trials.length - 1].record.number + 1;
}

function sortedFolds(trial: StoredTrial): FoldResult[] {
  return [...trial.folds.values()].sort((a, b) => a.fold - b.fold).map(copy);
}

/** A copy of a fold to store; refuses what a database column would refuse (a non-finite total). */
function checkedFold(trialId: number, fold: FoldResult): FoldResult {
  for (const name of ['tokens', 'em', 'seconds'] as const) {
    if (!Number.isFinite(fold[name])) throw new Error(`saveFold: trial ${trialId} fold ${fold.fold}: ${name} is ${fold[name]}`);
  }
  return copy(fold);
}
