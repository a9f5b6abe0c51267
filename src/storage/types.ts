/**
 * The Storage interface: where studies, trials and folds live. Every backend (memory, SQLite, PostgreSQL) implements it and passes the contract suite in test/storage/storage-contract.ts.
 *
 * It is async so that a networked backend fits the same shape, even though SQLite answers synchronously.
 */
import type { ObjectiveSpec, Params } from '../space/types.js';
import type { Confirmation, FoldResult, StudyRecord, TrialRecord, TrialResult, TrialState } from './records.js';

export interface CreateStudyInput {
  name: string;
  space: unknown;
  spaceHash: string;
  objectives: ObjectiveSpec[];
  sampler: string;
  seed: number;
  refPoint?: number[] | null;
  meta?: Record<string, unknown>;
}

/**
 * Number of trials in each state (every state present, 0 when none), and how many of the complete ones were
 * replayed (scored on another trial's recorded curves; `complete` counts them too).
 */
export type TrialCounts = Record<TrialState, number> & { replayed: number };

export interface StudySummary extends StudyRecord {
  counts: TrialCounts;
}

export interface ReserveOptions {
  workerId: string;
  /**
   * Stop reserving once the trained trials reach this many (undefined: no limit). Trained trials are those that
   * cost training: complete ones that were not replayed, pruned ones and running ones.
   */
  target?: number;
}

/**
 * How a running trial ended. `complete` needs `values` (one per objective); `failed` should carry `error`;
 * `pruned` (stopped by fold racing) carries its finished folds in `result.folds`, and values only if given.
 */
export interface TrialOutcome {
  state: 'complete' | 'failed' | 'pruned';
  values?: number[];
  stderr?: number[];
  result?: TrialResult;
  error?: string;
}

/** A recipe scored without training on the recorded curves of trial number `replayedFrom` of the same study. */
export interface ReplayedTrialInput {
  params: Params;
  /** One per objective. */
  values: number[];
  stderr: number[];
  /** Its folds are saved as finishTrial saves a trial's folds. */
  result: TrialResult;
  /** The `number` of a trained trial of the study. */
  replayedFrom: number;
}

/** A whole study as stored, with every trial and every saved fold: what `studies copy` moves. */
export interface StudyDump {
  study: StudyRecord;
  /** In trial-number order; `folds` are the trial's saved folds (also those of running and stale trials). */
  trials: { trial: TrialRecord; folds: FoldResult[] }[];
}

export interface Storage {
  /** Where the data lives, e.g. `sqlite:/abs/path/stopwise.db` or `sqlite::memory:`. */
  readonly url: string;
  /**
   * One line per stored record that could not be read (a damaged row) and was left out of what the reads
   * returned, in the order met; commands print them so that one bad row never hides the rest of a study.
   */
  readonly unreadable: readonly string[];
  /** Throws InputError if a study with this name exists. */
  createStudy(input: CreateStudyInput): Promise<StudyRecord>;
  /** null for an unknown name (reporting it is the caller's business). */
  getStudy(name: string): Promise<StudyRecord | null>;
  /** Every study in creation order, with its trial counts. */
  listStudies(): Promise<StudySummary[]>;
  /**
   * Atomic (one write transaction): if the trained trials (see ReserveOptions.target) are fewer than the target,
   * create a running trial and return it. If a stale trial exists whose recipe has not been asked again yet, the new
   * trial takes its params and retryOf = that trial's id (oldest first); otherwise params = null and the caller sets
   * them with setTrialParams. Returns null when the target is reached. Several processes calling this (and
   * addReplayedTrials) concurrently never exceed the target and never duplicate a trial or a trial number.
   */
  reserveTrial(studyId: number, options: ReserveOptions): Promise<TrialRecord | null>;
  /** Sets the recipe of a running trial reserved without one. Ignored if the trial is no longer running. */
  setTrialParams(trialId: number, params: Params): Promise<void>;
  /** Refreshes a running trial's heartbeat. Ignored if the trial is no longer running. */
  heartbeat(trialId: number): Promise<void>;
  /**
   * One running trial becomes 'stale' at once (its worker is known to be dead, or was interrupted), so its recipe
   * is asked again. Returns false if the trial was not running.
   */
  markTrialStale(trialId: number): Promise<boolean>;
  /** Running trials whose heartbeat is older than olderThanMs become 'stale'; returns them. */
  markStale(studyId: number, olderThanMs: number): Promise<TrialRecord[]>;
  /**
   * Commit one finished fold of a running trial immediately (its learning curve included). Saving the same fold
   * number again replaces it. Ignored if the trial is no longer running.
   */
  saveFold(trialId: number, fold: FoldResult): Promise<void>;
  /** The trial's saved folds, ordered by fold number. */
  getFolds(trialId: number): Promise<FoldResult[]>;
  /**
   * complete: values (+stderr, result); failed: error. Only a running trial can be finished (a stale one whose
   * worker comes back must not overwrite: return false). The folds in `result.folds` are saved as by saveFold;
   * a stored result's `folds` are always the trial's saved folds.
   */
  finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean>;
  /**
   * Adds replayed trials in one transaction: complete trials with the study's next numbers (in the given order),
   * `replayedFrom` set, no worker. Throws (writing nothing) unless every `replayedFrom` names a trained trial of the
   * study and every entry has one value per objective. They do not count toward reserveTrial's target.
   */
  addReplayedTrials(studyId: number, trials: readonly ReplayedTrialInput[]): Promise<TrialRecord[]>;
  /**
   * Stores the confirmation of a complete trial, replacing an earlier one (a confirmation with more seeds, say).
   * Throws if the trial is not complete. Trial records carry it from then on (`TrialRecord.confirmation`).
   */
  saveConfirmation(trialId: number, confirmation: Confirmation): Promise<void>;
  /** The study's trials ordered by number (each with its confirmation, if any), optionally only those in the given states. */
  getTrials(studyId: number, options?: { states?: TrialState[] }): Promise<TrialRecord[]>;
  /**
   * Writes a study read from another storage, in one transaction: its fields, creation time, trials (states,
   * times, workers, retry links, replay sources) and folds with their grids. The trial ids are kept when none of
   * them is taken here (so production configs that name a trial id still point at it); otherwise trials get new ids
   * and retry links follow them (replay sources are trial numbers, which a copy keeps).
   * Throws InputError if a study with that name exists.
   */
  importStudy(dump: StudyDump): Promise<{ study: StudyRecord; idsKept: boolean }>;
  /** Releases the connection. Idempotent. */
  close(): Promise<void>;
}

export const TRIAL_STATES: readonly TrialState[] = ['running', 'complete', 'failed', 'stale', 'pruned'];

/** A counts record with every state, and the replayed count, at 0. */
export function emptyCounts(): TrialCounts {
  return { running: 0, complete: 0, failed: 0, stale: 0, pruned: 0, replayed: 0 };
}
