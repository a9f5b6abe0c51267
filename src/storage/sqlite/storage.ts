/**
 * Storage on one SQLite file (better-sqlite3), shared by several worker processes.
 *
 * - WAL journal: readers never block the writer, and a killed process loses nothing it committed.
 * - busy_timeout: a process waits for another's write transaction instead of failing.
 * - Every write that reads before it writes runs in `BEGIN IMMEDIATE`, which takes the write lock up front; a
 *   deferred transaction that upgrades from read to write can fail with SQLITE_BUSY without waiting.
 * - synchronous = FULL: each commit is fsynced, so a finished fold survives a power cut too, not only a crash.
 *   Commits are per fold and per trial, so the fsync cost is negligible next to training.
 * - Each write to a trial (except a heartbeat) stamps it with the next value of one database-wide counter
 *   (`update_seq`); writers are serialized, so counter order is commit order. The schema keeps the counter;
 *   nothing in stopwise reads it back.
 */
import Database from 'better-sqlite3';
import { InputError } from '../../errors.js';
import type { Params } from '../../space/types.js';
import type { Confirmation, FoldResult, StudyRecord, TrialRecord, TrialState } from '../records.js';
import { encodeJson } from '../json.js';
import type { CreateStudyInput, ReplayedTrialInput, ReserveOptions, Storage, StudyDump, StudySummary, TrialOutcome } from '../types.js';
import { TRIAL_STATES, emptyCounts } from '../types.js';
import { MEMORY_URL } from '../url.js';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkOpenDatabase, inspectDatabaseFile, type DatabaseFileState } from './inspect.js';
import { isBusy, lockedError } from './locked.js';
import {
  type FoldRow,
  type StudyRow,
  type TrialRow,
  encodeResultWithoutFolds,
  foldReader,
  foldToParams,
  keepReadable,
  studyFromRow,
  trialFromRow,
} from '../rows.js';
import { MIGRATIONS, SCHEMA_VERSION, applyMigrations } from './schema.js';
import { checkOutcomeValues, checkReplayedTrials } from '../trial-checks.js';

/** How long a process waits for another's write lock before giving up. Write transactions take milliseconds. */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * Opens (creating if needed) the stopwise database at `path` (absolute, or `:memory:`). Refuses a file that is
 * not a stopwise database, is damaged or is newer than this version, with an InputError and without writing to it.
 *
 * Switching a file to WAL needs an exclusive lock, and SQLite reports SQLITE_BUSY at once, without waiting on
 * busy_timeout, when that could deadlock with another connection (as when several workers open a new file
 * together). Opening has no partial effects (the WAL switch is idempotent, migrations are one transaction), so
 * it is simply retried, with jittered backoff, for up to BUSY_TIMEOUT_MS.
 */
export async function openSqliteStorage(path: string, options: { readOnly?: boolean } = {}): Promise<SqliteStorage> {
  if (options.readOnly && path !== ':memory:') {
    if (!existsSync(path)) throw new InputError(`${path}: no stopwise database here yet (a search creates it)`);
    // Where the file and its folder may be written, the usual connection serves: unlike a read-only one, it
    // leaves no -wal and -shm files behind when it closes.
    if (!isWritable(path) || !isWritable(dirname(path))) return openReadOnly(path);
  }
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return openOnce(path);
    } catch (error) {
      if (isBusy(error) && Date.now() > deadline) throw lockedError(path);
      if (!isBusy(error)) throw error;
      const backoffMs = Math.min(5 * 2 ** attempt, 250) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}

function openOnce(path: string): SqliteStorage {
  const memory = path === ':memory:';
  if (!memory) inspectDatabaseFile(path, SCHEMA_VERSION, BUSY_TIMEOUT_MS);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new InputError(`${path}: cannot open (${(error as Error).message})`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, MIGRATIONS, path);
    return new SqliteStorage(db, memory ? MEMORY_URL : `sqlite:${path}`);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens an existing database that may not be written (the file, or its folder) for reading only: no WAL switch, no
 * migration, nothing written, so that `show`, `export`, `seed` and `studies` work on it. A database of an older
 * schema is refused (reading it needs the migration a writing command applies).
 */
function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function openReadOnly(path: string): SqliteStorage {
  let state: DatabaseFileState;
  try {
    state = inspectDatabaseFile(path, SCHEMA_VERSION, BUSY_TIMEOUT_MS);
  } catch (error) {
    const snapshot = snapshotOf(path, error);
    if (snapshot === undefined) throw error;
    return snapshot;
  }
  if (state.kind === 'new') throw new InputError(`${path}: an empty file, not yet a stopwise database (a search creates one)`);
  if (state.version < SCHEMA_VERSION) {
    throw new InputError(`${path}: written by an older stopwise (schema ${state.version}); run a search on it once to upgrade it`);
  }
  try {
    return new SqliteStorage(new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS }), `sqlite:${path}`);
  } catch (error) {
    throw new InputError(`${path}: cannot open for reading (${(error as Error).message})`);
  }
}

/**
 * A WAL-mode database in a directory that may not be written cannot be opened even for reading: SQLite must create
 * its -shm file next to it. When no -wal file exists, the main file holds every committed transaction, so an
 * in-memory copy of it (marked as a rollback-journal database, bytes 18-19 of the header: file format 1) reads the
 * same data. Returns undefined when that does not apply, so that the original error stands.
 */
function snapshotOf(path: string, error: unknown): SqliteStorage | undefined {
  if (!(error instanceof InputError) || !/cannot open/.test(error.message) || existsSync(`${path}-wal`)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  if (bytes.length < 100 || bytes[18] !== 2 || bytes[19] !== 2) return undefined;
  bytes[18] = 1;
  bytes[19] = 1;
  const db = new Database(bytes, { readonly: true });
  try {
    const state = checkOpenDatabase(db, path, SCHEMA_VERSION);
    if (state.kind === 'stopwise' && state.version < SCHEMA_VERSION) {
      throw new InputError(`${path}: written by an older stopwise (schema ${state.version}); run a search on it once to upgrade it`);
    }
    return new SqliteStorage(db, `sqlite:${path}`);
  } catch (refusal) {
    db.close();
    throw refusal;
  }
}

function requireTrial(row: TrialRow | undefined, trialId: number): TrialRow {
  if (row === undefined) throw new Error(`trial ${trialId} does not exist`);
  return row;
}

export class SqliteStorage implements Storage {
  private readonly statements;
  private readonly problems: string[] = [];

  constructor(
    private readonly db: Database.Database,
    readonly url: string,
  ) {
    this.statements = {
      insertStudy: db.prepare(`
        INSERT INTO studies (name, created_at, space, space_hash, objectives, sampler, seed, ref_point, meta)
        VALUES (@name, @created_at, @space, @space_hash, @objectives, @sampler, @seed, @ref_point, @meta)`),
      studyByName: db.prepare(`SELECT * FROM studies WHERE name = ?`),
      studyById: db.prepare(`SELECT * FROM studies WHERE id = ?`),
      allStudies: db.prepare(`SELECT * FROM studies ORDER BY id`),
      countsByState: db.prepare(`
        SELECT study_id, state, COUNT(*) AS n, SUM(replayed_from IS NOT NULL) AS replayed FROM trials
        GROUP BY study_id, state`),
      countTrained: db.prepare(`
        SELECT COUNT(*) AS n FROM trials
        WHERE study_id = ? AND state IN ('complete', 'running', 'pruned') AND replayed_from IS NULL`),
      oldestUnretriedStale: db.prepare(`
        SELECT * FROM trials AS t
        WHERE t.study_id = ? AND t.state = 'stale' AND t.params IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM trials AS r WHERE r.retry_of = t.id)
        ORDER BY t.number LIMIT 1`),
      nextNumber: db.prepare(`SELECT COALESCE(MAX(number), -1) + 1 AS n FROM trials WHERE study_id = ?`),
      lastSeq: db.prepare(`SELECT COALESCE(MAX(update_seq), 0) AS n FROM trials`),
      trialByNumber: db.prepare(`SELECT state, replayed_from FROM trials WHERE study_id = ? AND number = ?`),
      insertReplayed: db.prepare(`
        INSERT INTO trials (study_id, number, state, params, objective_values, objective_stderr, result,
                            replayed_from, created_at, updated_at, heartbeat_at, update_seq)
        VALUES (@study_id, @number, 'complete', @params, @values, @stderr, @result, @replayed_from, @now, @now, @now,
                @seq)`),
      insertTrial: db.prepare(`
        INSERT INTO trials (study_id, number, state, params, worker_id, retry_of, created_at, updated_at,
                            heartbeat_at, update_seq)
        VALUES (@study_id, @number, 'running', @params, @worker_id, @retry_of, @now, @now, @now, @seq)`),
      trialById: db.prepare(`SELECT * FROM trials WHERE id = ?`),
      setParams: db.prepare(`UPDATE trials SET params = ?, updated_at = ?, update_seq = ? WHERE id = ?`),
      heartbeat: db.prepare(`UPDATE trials SET heartbeat_at = ? WHERE id = ? AND state = 'running'`),
      markStale: db.prepare(`
        UPDATE trials SET state = 'stale', updated_at = @now, update_seq = @seq
        WHERE study_id = @study_id AND state = 'running' AND heartbeat_at < @cutoff
        RETURNING *`),
      markTrialStale: db.prepare(`
        UPDATE trials SET state = 'stale', updated_at = @now, update_seq = @seq
        WHERE id = @id AND state = 'running'`),
      upsertFold: db.prepare(`
        INSERT OR REPLACE INTO folds (trial_id, fold, tokens, em, held_out_size, stop_reason, diverged,
                                      restored_from_tokens, seconds, curve, grid, created_at)
        VALUES (@trial_id, @fold, @tokens, @em, @held_out_size, @stop_reason, @diverged,
                @restored_from_tokens, @seconds, @curve, @grid, @created_at)`),
      touchTrial: db.prepare(`UPDATE trials SET updated_at = ?, update_seq = ? WHERE id = ?`),
      foldsOfTrial: db.prepare(`SELECT * FROM folds WHERE trial_id = ? ORDER BY fold`),
      finishTrial: db.prepare(`
        UPDATE trials SET state = @state, objective_values = @values, objective_stderr = @stderr, result = @result,
                          error = @error, updated_at = @now, update_seq = @seq
        WHERE id = @id AND state = 'running'`),
      trialsOfStudy: db.prepare(`
        SELECT t.*, c.confirmation FROM trials AS t LEFT JOIN confirmations AS c ON c.trial_id = t.id
        WHERE t.study_id = ? ORDER BY t.number`),
      upsertConfirmation: db.prepare(`
        INSERT OR REPLACE INTO confirmations (trial_id, confirmation, created_at) VALUES (?, ?, ?)`),
      countTakenIds: db.prepare(`SELECT COUNT(*) AS n FROM trials WHERE id IN (SELECT value FROM json_each(?))`),
      importTrial: db.prepare(`
        INSERT INTO trials (id, study_id, number, state, params, objective_values, objective_stderr, result, error,
                            worker_id, retry_of, replayed_from, created_at, updated_at, heartbeat_at, update_seq)
        VALUES (@id, @study_id, @number, @state, @params, @values, @stderr, @result, @error, @worker_id, @retry_of,
                @replayed_from, @created_at, @updated_at, @heartbeat_at, @seq)`),
    };
  }

  private nextSeq(): number {
    return (this.statements.lastSeq.get() as { n: number }).n + 1;
  }

  get unreadable(): readonly string[] {
    return this.problems;
  }

  /** Rows that decode; each one that does not is reported once in `unreadable` and left out. */
  private readable<R, T>(rows: readonly R[], decode: (row: R) => T, describe: (row: R) => string): T[] {
    return keepReadable(rows, decode, describe, this.problems);
  }

  private folds(trialId: number): FoldResult[] {
    const rows = this.statements.foldsOfTrial.all(trialId) as FoldRow[];
    const describe = (row: FoldRow): string => `${this.url}: trial id ${trialId}, fold ${row.fold}`;
    return this.readable(rows, foldReader(describe, this.problems), describe);
  }

  private trial(row: TrialRow): TrialRecord {
    return trialFromRow(row, () => this.folds(row.id));
  }

  private trialRow(trialId: number): TrialRow | undefined {
    return this.statements.trialById.get(trialId) as TrialRow | undefined;
  }

  private requireStudy(studyId: number): StudyRecord {
    const row = this.statements.studyById.get(studyId) as StudyRow | undefined;
    if (row === undefined) throw new Error(`study ${studyId} does not exist`);
    return studyFromRow(row);
  }

  async createStudy(input: CreateStudyInput): Promise<StudyRecord> {
    if (input.name.trim() === '') throw new InputError('--study: the study name is empty');
    if (!Number.isSafeInteger(input.seed)) throw new Error(`createStudy: seed must be an integer, got ${input.seed}`);
    try {
      const info = this.statements.insertStudy.run({
        name: input.name,
        created_at: Date.now(),
        space: encodeJson(input.space),
        space_hash: input.spaceHash,
        objectives: encodeJson(input.objectives),
        sampler: input.sampler,
        seed: input.seed,
        ref_point: input.refPoint == null ? null : encodeJson(input.refPoint),
        meta: encodeJson(input.meta ?? {}),
      });
      return this.requireStudy(Number(info.lastInsertRowid));
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new InputError(`--study: a study named "${input.name}" already exists in ${this.url}`);
      }
      throw error;
    }
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    const row = this.statements.studyByName.get(name) as StudyRow | undefined;
    if (row === undefined) return null;
    try {
      return studyFromRow(row);
    } catch (error) {
      throw new InputError(`${this.url}: study ${JSON.stringify(name)} cannot be read: its row is damaged (${(error as Error).message.split('\n')[0]})`);
    }
  }

  async listStudies(): Promise<StudySummary[]> {
    const read = this.db.transaction(() => {
      const summaries = this.readable(
        this.statements.allStudies.all() as StudyRow[],
        (row): StudySummary => ({ ...studyFromRow(row), counts: emptyCounts() }),
        (row) => `${this.url}: study ${JSON.stringify(row.name)} (id ${row.id})`,
      );
      const byId = new Map(summaries.map((summary) => [summary.id, summary]));
      const counts = this.statements.countsByState.all() as { study_id: number; state: TrialState; n: number; replayed: number }[];
      for (const { study_id, state, n, replayed } of counts) {
        const summary = byId.get(study_id);
        if (summary === undefined) continue;
        summary.counts[state] = n;
        summary.counts.replayed += replayed;
      }
      return summaries;
    });
    return read.deferred();
  }

  async reserveTrial(studyId: number, options: ReserveOptions): Promise<TrialRecord | null> {
    const reserve = this.db.transaction((): TrialRecord | null => {
      this.requireStudy(studyId);
      if (options.target !== undefined) {
        const trained = (this.statements.countTrained.get(studyId) as { n: number }).n;
        if (trained >= options.target) return null;
      }
      const stale = this.statements.oldestUnretriedStale.get(studyId) as TrialRow | undefined;
      const info = this.statements.insertTrial.run({
        study_id: studyId,
        number: (this.statements.nextNumber.get(studyId) as { n: number }).n,
        params: stale?.params ?? null,
        worker_id: options.workerId,
        retry_of: stale?.id ?? null,
        now: Date.now(),
        seq: this.nextSeq(),
      });
      return this.trial(requireTrial(this.trialRow(Number(info.lastInsertRowid)), Number(info.lastInsertRowid)));
    });
    return reserve.immediate();
  }

  async setTrialParams(trialId: number, params: Params): Promise<void> {
    const set = this.db.transaction(() => {
      const row = requireTrial(this.trialRow(trialId), trialId);
      if (row.state !== 'running') return;
      if (row.params !== null) throw new Error(`trial ${trialId} already has params (a retry keeps its recipe)`);
      this.statements.setParams.run(encodeJson(params), Date.now(), this.nextSeq(), trialId);
    });
    set.immediate();
  }

  async heartbeat(trialId: number): Promise<void> {
    const info = this.statements.heartbeat.run(Date.now(), trialId);
    if (info.changes === 0) requireTrial(this.trialRow(trialId), trialId);
  }

  async markStale(studyId: number, olderThanMs: number): Promise<TrialRecord[]> {
    const mark = this.db.transaction(() => {
      const now = Date.now();
      const rows = this.statements.markStale.all({
        study_id: studyId,
        now,
        seq: this.nextSeq(),
        cutoff: now - olderThanMs,
      }) as TrialRow[];
      return rows.sort((a, b) => a.number - b.number).map((row) => this.trial(row));
    });
    return mark.immediate();
  }

  async markTrialStale(trialId: number): Promise<boolean> {
    const mark = this.db.transaction(() => {
      requireTrial(this.trialRow(trialId), trialId);
      return this.statements.markTrialStale.run({ id: trialId, now: Date.now(), seq: this.nextSeq() }).changes === 1;
    });
    return mark.immediate();
  }

  async saveFold(trialId: number, fold: FoldResult): Promise<void> {
    const save = this.db.transaction(() => {
      const row = requireTrial(this.trialRow(trialId), trialId);
      if (row.state !== 'running') return;
      const now = Date.now();
      this.statements.upsertFold.run(foldToParams(trialId, fold, now));
      this.statements.touchTrial.run(now, this.nextSeq(), trialId);
    });
    save.immediate();
  }

  async getFolds(trialId: number): Promise<FoldResult[]> {
    return this.folds(trialId);
  }

  async finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean> {
    const finish = this.db.transaction((): boolean => {
      const row = requireTrial(this.trialRow(trialId), trialId);
      if (row.state !== 'running') return false;
      checkOutcomeValues(trialId, outcome, this.requireStudy(row.study_id).objectives.length);
      const now = Date.now();
      for (const fold of outcome.result?.folds ?? []) this.statements.upsertFold.run(foldToParams(trialId, fold, now));
      this.statements.finishTrial.run({
        id: trialId,
        state: outcome.state,
        values: outcome.values === undefined ? null : encodeJson(outcome.values),
        stderr: outcome.stderr === undefined ? null : encodeJson(outcome.stderr),
        result: outcome.result === undefined ? null : encodeResultWithoutFolds(outcome.result),
        error: outcome.error ?? null,
        now,
        seq: this.nextSeq(),
      });
      return true;
    });
    return finish.immediate();
  }

  async addReplayedTrials(studyId: number, trials: readonly ReplayedTrialInput[]): Promise<TrialRecord[]> {
    const add = this.db.transaction((): TrialRecord[] => {
      const objectives = this.requireStudy(studyId).objectives.length;
      checkReplayedTrials(trials, objectives, (number) => {
        const source = this.statements.trialByNumber.get(studyId, number) as Pick<TrialRow, 'state' | 'replayed_from'> | undefined;
        return source === undefined ? undefined : { replayed: source.replayed_from !== null };
      });
      const first = (this.statements.nextNumber.get(studyId) as { n: number }).n;
      const now = Date.now();
      const seq = this.nextSeq();
      const ids = trials.map((trial, i) => {
        const info = this.statements.insertReplayed.run({
          study_id: studyId,
          number: first + i,
          params: encodeJson(trial.params),
          values: encodeJson(trial.values),
          stderr: encodeJson(trial.stderr),
          result: encodeResultWithoutFolds(trial.result),
          replayed_from: trial.replayedFrom,
          now,
          seq,
        });
        const id = Number(info.lastInsertRowid);
        for (const fold of trial.result.folds) this.statements.upsertFold.run(foldToParams(id, fold, now));
        return id;
      });
      return ids.map((id) => this.trial(requireTrial(this.trialRow(id), id)));
    });
    return add.immediate();
  }

  async saveConfirmation(trialId: number, confirmation: Confirmation): Promise<void> {
    const save = this.db.transaction(() => {
      const row = requireTrial(this.trialRow(trialId), trialId);
      if (row.state !== 'complete') throw new Error(`saveConfirmation: trial ${trialId} is ${row.state}, not complete`);
      this.statements.upsertConfirmation.run(trialId, encodeJson(confirmation), Date.now());
    });
    save.immediate();
  }

  async getTrials(studyId: number, options?: { states?: TrialState[] }): Promise<TrialRecord[]> {
    const states = new Set(options?.states ?? TRIAL_STATES);
    const read = this.db.transaction(() =>
      this.readable(
        (this.statements.trialsOfStudy.all(studyId) as TrialRow[]).filter((row) => states.has(row.state)),
        (row) => this.trial(row),
        (row) => `${this.url}: trial #${row.number} (id ${row.id})`,
      ),
    );
    return read.deferred();
  }

  async importStudy(dump: StudyDump): Promise<{ study: StudyRecord; idsKept: boolean }> {
    const write = this.db.transaction(() => {
      const { study, trials } = dump;
      if (this.statements.studyByName.get(study.name) !== undefined) {
        throw new InputError(`--to: a study named "${study.name}" already exists in ${this.url}`);
      }
      const info = this.statements.insertStudy.run({
        name: study.name,
        created_at: Date.parse(study.createdAt),
        space: encodeJson(study.space),
        space_hash: study.spaceHash,
        objectives: encodeJson(study.objectives),
        sampler: study.sampler,
        seed: study.seed,
        ref_point: study.refPoint === null ? null : encodeJson(study.refPoint),
        meta: encodeJson(study.meta),
      });
      const studyId = Number(info.lastInsertRowid);
      const ids = trials.map(({ trial }) => trial.id);
      const idsKept = (this.statements.countTakenIds.get(JSON.stringify(ids)) as { n: number }).n === 0;
      const seq = this.nextSeq();
      const newIds = new Map<number, number>();
      for (const { trial, folds } of trials) {
        const inserted = this.statements.importTrial.run({
          id: idsKept ? trial.id : null,
          study_id: studyId,
          number: trial.number,
          state: trial.state,
          params: trial.params === null ? null : encodeJson(trial.params),
          values: trial.values === null ? null : encodeJson(trial.values),
          stderr: trial.stderr === null ? null : encodeJson(trial.stderr),
          result: trial.result === null ? null : encodeResultWithoutFolds(trial.result),
          error: trial.error,
          worker_id: trial.workerId,
          retry_of: trial.retryOf === null ? null : (newIds.get(trial.retryOf) ?? null),
          replayed_from: trial.replayedFrom ?? null,
          created_at: Date.parse(trial.createdAt),
          updated_at: Date.parse(trial.updatedAt),
          heartbeat_at: Date.parse(trial.heartbeatAt),
          seq,
        });
        const trialId = Number(inserted.lastInsertRowid);
        newIds.set(trial.id, trialId);
        const now = Date.now();
        for (const fold of folds) this.statements.upsertFold.run(foldToParams(trialId, fold, now));
        if (trial.confirmation) this.statements.upsertConfirmation.run(trialId, encodeJson(trial.confirmation), now);
      }
      return { study: this.requireStudy(studyId), idsKept };
    });
    return write.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
