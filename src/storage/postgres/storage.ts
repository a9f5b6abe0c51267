/**
 * Storage on a PostgreSQL database (the `pg` driver), shared by workers on any number of machines.
 *
 * - Claims: `reserveTrial` takes a transaction-scoped advisory lock per study, so reservations of one study run one
 *   at a time on every machine: the target is never exceeded and no trial number or stale recipe is taken twice.
 *   Other writes lock the trial row they change (`SELECT … FOR UPDATE`), so a fold saved while another worker marks
 *   the trial stale is either saved before it or ignored.
 * - Times come from the server's clock (`clock_timestamp()`), never the workers': heartbeats of workers whose clocks
 *   disagree still compare correctly, and a trial is stale when the server says its heartbeat is old.
 * - Each write to a trial (except a heartbeat) stamps it (`update_seq`) with the next value of one counter row
 *   (`stopwise_counter`). The row stays locked until the writer commits, so counter order is commit order. The
 *   schema keeps the counter; nothing in stopwise reads it back.
 * - Every operation is retried through a lost connection (see connection.ts) and is safe to repeat: a reservation
 *   carries a claim token, folds are upserts, and finishing or setting params again with the same values succeeds.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { InputError } from '../../errors.js';
import type { Params } from '../../space/types.js';
import type { Confirmation, FoldResult, StudyRecord, TrialRecord, TrialState } from '../records.js';
import { encodeJson } from '../json.js';
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
import { checkOutcomeValues, checkReplayedTrials, replaySources } from '../trial-checks.js';
import type { CreateStudyInput, ReplayedTrialInput, ReserveOptions, Storage, StudyDump, StudySummary, TrialOutcome } from '../types.js';
import { TRIAL_STATES, emptyCounts } from '../types.js';
import { type PostgresLocation, formatStorageUrl } from '../url.js';
import { connectError, createPool, isTransient, reconnectMsFromEnv, withReconnect } from './connection.js';
import { POSTGRES_MIGRATIONS, STOPWISE_LOCK_KEY, applyPostgresMigrations } from './schema.js';

/** The server's clock in epoch milliseconds, the unit of every time column (as in the SQLite schema). */
const NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

/** Prefix of a statement that takes the next update counter value as `(SELECT value FROM seq)`. */
const WITH_NEXT_SEQ = 'WITH seq AS (UPDATE stopwise_counter SET value = value + 1 RETURNING value)';
const NEXT_SEQ = '(SELECT value FROM seq)';

// bigint columns come back as text from the driver; float8 is exact for epoch milliseconds and counters.
const STUDY_COLUMNS = `id, name, created_at::float8 AS created_at, space, space_hash, objectives, sampler,
  seed::float8 AS seed, ref_point, meta`;
const TRIAL_COLUMNS = `id, study_id, number, state, params, objective_values, objective_stderr, result, error,
  worker_id, retry_of, replayed_from, created_at::float8 AS created_at, updated_at::float8 AS updated_at,
  heartbeat_at::float8 AS heartbeat_at, update_seq::float8 AS update_seq`;
/** Trial columns plus the trial's confirmation (null when it has none), for reads that return whole records. */
const TRIAL_COLUMNS_WITH_CONFIRMATION = `${TRIAL_COLUMNS},
  (SELECT c.confirmation FROM stopwise_confirmations AS c WHERE c.trial_id = stopwise_trials.id) AS confirmation`;
const FOLD_COLUMNS = `trial_id, fold, tokens, em, held_out_size, stop_reason, diverged, restored_from_tokens, seconds,
  curve, grid`;

const UPSERT_FOLD = `
  INSERT INTO stopwise_folds (trial_id, fold, tokens, em, held_out_size, stop_reason, diverged,
                              restored_from_tokens, seconds, curve, grid, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${NOW_MS})
  ON CONFLICT (trial_id, fold) DO UPDATE SET tokens = EXCLUDED.tokens, em = EXCLUDED.em,
    held_out_size = EXCLUDED.held_out_size, stop_reason = EXCLUDED.stop_reason, diverged = EXCLUDED.diverged,
    restored_from_tokens = EXCLUDED.restored_from_tokens, seconds = EXCLUDED.seconds, curve = EXCLUDED.curve,
    grid = EXCLUDED.grid, created_at = EXCLUDED.created_at`;

function foldValues(trialId: number, fold: FoldResult): unknown[] {
  const row = foldToParams(trialId, fold, 0);
  return [
    row.trial_id,
    row.fold,
    row.tokens,
    row.em,
    row.held_out_size,
    row.stop_reason,
    row.diverged,
    row.restored_from_tokens,
    row.seconds,
    row.curve,
    row.grid,
  ];
}

type Client = pg.PoolClient;

export interface PostgresOptions {
  /** How long an operation keeps retrying through a lost connection (default: STOPWISE_RECONNECT_SECONDS or 120 s). */
  reconnectMs?: number;
}

/**
 * Connects, creates or migrates the schema on first use, and refuses a database written by a newer stopwise.
 * Connection failures become an InputError naming host, port, database and user (never the password).
 */
export async function openPostgresStorage(location: PostgresLocation, options: PostgresOptions = {}): Promise<PostgresStorage> {
  const reconnectMs = options.reconnectMs ?? reconnectMsFromEnv();
  const url = formatStorageUrl(location);
  const pool = createPool(location);
  let client: Client;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectError(location, error);
  }
  try {
    await applyPostgresMigrations(client, POSTGRES_MIGRATIONS, location.schema, url);
    client.release();
  } catch (error) {
    client.release(true);
    await pool.end().catch(() => {});
    throw error;
  }
  return new PostgresStorage(pool, location, url, reconnectMs);
}

function requireRow<T>(rows: T[], trialId: number): T {
  if (rows.length === 0) throw new Error(`trial ${trialId} does not exist`);
  return rows[0];
}

export class PostgresStorage implements Storage {
  private closed = false;
  private readonly problems: string[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly location: PostgresLocation,
    readonly url: string,
    private readonly reconnectMs: number,
  ) {}

  /** One statement outside a transaction, retried through a lost connection. */
  private async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return withReconnect(this.location, this.reconnectMs, async () => (await this.pool.query<R>(sql, values)).rows);
  }

  /**
   * `work` in one transaction, retried as a whole through a lost connection (`attempt` > 0 on a retry: the first
   * attempt may have committed).
   */
  private async transaction<T>(
    work: (client: Client, attempt: number) => Promise<T>,
    mode: 'read write' | 'read only' = 'read write',
  ): Promise<T> {
    return withReconnect(this.location, this.reconnectMs, async (attempt) => {
      const client = await this.pool.connect();
      // A connection lost between two statements is reported on the client, not by a query: keep it from
      // becoming an uncaught error; the next statement fails and the whole transaction is retried.
      const ignoreLost = () => {};
      client.on('error', ignoreLost);
      try {
        await client.query(mode === 'read only' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
        const result = await work(client, attempt);
        await client.query('COMMIT');
        client.off('error', ignoreLost);
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        client.off('error', ignoreLost);
        // A connection that failed is discarded; one that only ran a refused statement is reused.
        client.release(isTransient(error));
        throw error;
      }
    });
  }

  private async nextSeq(client: Client): Promise<number> {
    const rows = await client.query<{ value: number }>(
      'UPDATE stopwise_counter SET value = value + 1 RETURNING value::float8 AS value',
    );
    return rows.rows[0].value;
  }

  private async lockTrial(client: Client, trialId: number): Promise<TrialRow> {
    const rows = await client.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM stopwise_trials WHERE id = $1 FOR UPDATE`, [
      trialId,
    ]);
    return requireRow(rows.rows, trialId);
  }

  private async studyById(client: Client, studyId: number): Promise<StudyRecord> {
    const rows = await client.query<StudyRow>(`SELECT ${STUDY_COLUMNS} FROM stopwise_studies WHERE id = $1`, [studyId]);
    if (rows.rows.length === 0) throw new Error(`study ${studyId} does not exist`);
    return studyFromRow(rows.rows[0]);
  }

  /** Records that could not be decoded and were left out of what the reads returned (see `keepReadable`). */
  get unreadable(): readonly string[] {
    return this.problems;
  }

  /** Trial records with their folds (read in the same transaction); damaged rows are left out and reported. */
  private async withFolds(client: Client, rows: TrialRow[]): Promise<TrialRecord[]> {
    const describeTrial = (row: TrialRow): string => `${this.url}: trial #${row.number} (id ${row.id})`;
    const withResults = rows.filter((row) => row.result !== null).map((row) => row.id);
    if (withResults.length === 0) return keepReadable(rows, (row) => trialFromRow(row, () => []), describeTrial, this.problems);
    const folds = await client.query<FoldRow>(
      `SELECT ${FOLD_COLUMNS} FROM stopwise_folds WHERE trial_id = ANY($1::int[]) ORDER BY trial_id, fold`,
      [withResults],
    );
    const byTrial = new Map<number, FoldResult[]>();
    const describeFold = (row: FoldRow): string => `${this.url}: trial id ${row.trial_id}, fold ${row.fold}`;
    const readFold = foldReader(describeFold, this.problems);
    for (const row of folds.rows) {
      const [fold] = keepReadable([row], readFold, describeFold, this.problems);
      if (fold === undefined) continue;
      const list = byTrial.get(row.trial_id) ?? [];
      list.push(fold);
      byTrial.set(row.trial_id, list);
    }
    return keepReadable(rows, (row) => trialFromRow(row, () => byTrial.get(row.id) ?? []), describeTrial, this.problems);
  }

  async createStudy(input: CreateStudyInput): Promise<StudyRecord> {
    if (input.name.trim() === '') throw new InputError('--study: the study name is empty');
    if (!Number.isSafeInteger(input.seed)) throw new Error(`createStudy: seed must be an integer, got ${input.seed}`);
    try {
      const rows = await this.query<StudyRow>(
        `INSERT INTO stopwise_studies (name, created_at, space, space_hash, objectives, sampler, seed, ref_point, meta)
         VALUES ($1, ${NOW_MS}, $2, $3, $4, $5, $6, $7, $8) RETURNING ${STUDY_COLUMNS}`,
        [
          input.name,
          encodeJson(input.space),
          input.spaceHash,
          encodeJson(input.objectives),
          input.sampler,
          input.seed,
          input.refPoint == null ? null : encodeJson(input.refPoint),
          encodeJson(input.meta ?? {}),
        ],
      );
      return studyFromRow(rows[0]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new InputError(`--study: a study named "${input.name}" already exists in ${this.url}`);
      }
      throw error;
    }
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    const rows = await this.query<StudyRow>(`SELECT ${STUDY_COLUMNS} FROM stopwise_studies WHERE name = $1`, [name]);
    return rows.length === 0 ? null : studyFromRow(rows[0]);
  }

  async listStudies(): Promise<StudySummary[]> {
    return this.transaction(async (client) => {
      const studies = await client.query<StudyRow>(`SELECT ${STUDY_COLUMNS} FROM stopwise_studies ORDER BY id`);
      const summaries = keepReadable(
        studies.rows,
        (row): StudySummary => ({ ...studyFromRow(row), counts: emptyCounts() }),
        (row) => `${this.url}: study ${JSON.stringify(row.name)} (id ${row.id})`,
        this.problems,
      );
      const byId = new Map(summaries.map((summary) => [summary.id, summary]));
      const counts = await client.query<{ study_id: number; state: TrialState; n: number; replayed: number }>(
        `SELECT study_id, state, count(*)::int AS n, count(replayed_from)::int AS replayed FROM stopwise_trials
         GROUP BY study_id, state`,
      );
      for (const { study_id, state, n, replayed } of counts.rows) {
        const summary = byId.get(study_id);
        if (summary === undefined) continue;
        summary.counts[state] = n;
        summary.counts.replayed += replayed;
      }
      return summaries;
    }, 'read only');
  }

  async reserveTrial(studyId: number, options: ReserveOptions): Promise<TrialRecord | null> {
    const claimToken = randomUUID();
    return this.transaction(async (client, attempt) => {
      if (attempt > 0) {
        const claimed = await client.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM stopwise_trials WHERE claim_token = $1`, [
          claimToken,
        ]);
        if (claimed.rows.length > 0) return trialFromRow(claimed.rows[0], () => []);
      }
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [STOPWISE_LOCK_KEY, studyId]);
      const state = await client.query<{ study: boolean; trained: number; next: number; stale_id: number | null; stale_params: string | null }>(
        `SELECT EXISTS (SELECT 1 FROM stopwise_studies WHERE id = $1) AS study,
                (SELECT count(*)::int FROM stopwise_trials
                 WHERE study_id = $1 AND state IN ('complete', 'running', 'pruned') AND replayed_from IS NULL) AS trained,
                (SELECT COALESCE(MAX(number), -1) + 1 FROM stopwise_trials WHERE study_id = $1) AS next,
                stale.id AS stale_id, stale.params AS stale_params
         FROM (SELECT 1) AS one LEFT JOIN LATERAL (
           SELECT t.id, t.params FROM stopwise_trials AS t
           WHERE t.study_id = $1 AND t.state = 'stale' AND t.params IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM stopwise_trials AS r WHERE r.retry_of = t.id)
           ORDER BY t.number LIMIT 1) AS stale ON true`,
        [studyId],
      );
      const { study, trained, next, stale_id, stale_params } = state.rows[0];
      if (!study) throw new Error(`study ${studyId} does not exist`);
      if (options.target !== undefined && trained >= options.target) return null;
      const inserted = await client.query<TrialRow>(
        `${WITH_NEXT_SEQ}
         INSERT INTO stopwise_trials (study_id, number, state, params, worker_id, retry_of, created_at, updated_at,
                                      heartbeat_at, update_seq, claim_token)
         SELECT $1, $2, 'running', $3, $4, $5, now_ms, now_ms, now_ms, seq.value, $6
         FROM seq, (SELECT ${NOW_MS} AS now_ms) AS clock
         RETURNING ${TRIAL_COLUMNS}`,
        [studyId, next, stale_params, options.workerId, stale_id, claimToken],
      );
      return trialFromRow(inserted.rows[0], () => []);
    });
  }

  async setTrialParams(trialId: number, params: Params): Promise<void> {
    const encoded = encodeJson(params);
    await this.transaction(async (client) => {
      const row = await this.lockTrial(client, trialId);
      if (row.state !== 'running') return;
      if (row.params !== null) {
        if (row.params === encoded) return; // a retried write whose first attempt committed
        throw new Error(`trial ${trialId} already has params (a retry keeps its recipe)`);
      }
      await client.query(
        `${WITH_NEXT_SEQ} UPDATE stopwise_trials SET params = $1, updated_at = ${NOW_MS}, update_seq = ${NEXT_SEQ} WHERE id = $2`,
        [encoded, trialId],
      );
    });
  }

  async heartbeat(trialId: number): Promise<void> {
    const rows = await this.query<{ id: number }>(
      `UPDATE stopwise_trials SET heartbeat_at = ${NOW_MS} WHERE id = $1 AND state = 'running' RETURNING id`,
      [trialId],
    );
    if (rows.length === 0) requireRow(await this.query('SELECT id FROM stopwise_trials WHERE id = $1', [trialId]), trialId);
  }

  async markStale(studyId: number, olderThanMs: number): Promise<TrialRecord[]> {
    return this.transaction(async (client) => {
      const silent = await client.query<{ id: number }>(
        `SELECT id FROM stopwise_trials
         WHERE study_id = $1 AND state = 'running' AND heartbeat_at < ${NOW_MS} - $2::bigint FOR UPDATE`,
        [studyId, Math.round(olderThanMs)],
      );
      if (silent.rows.length === 0) return [];
      const rows = await client.query<TrialRow>(
        `${WITH_NEXT_SEQ} UPDATE stopwise_trials SET state = 'stale', updated_at = ${NOW_MS}, update_seq = ${NEXT_SEQ}
         WHERE id = ANY($1::int[]) RETURNING ${TRIAL_COLUMNS}`,
        [silent.rows.map((row) => row.id)],
      );
      return this.withFolds(client, rows.rows.sort((a, b) => a.number - b.number));
    });
  }

  async markTrialStale(trialId: number): Promise<boolean> {
    return this.transaction(async (client) => {
      const row = await this.lockTrial(client, trialId);
      if (row.state !== 'running') return false;
      await client.query(
        `${WITH_NEXT_SEQ} UPDATE stopwise_trials SET state = 'stale', updated_at = ${NOW_MS}, update_seq = ${NEXT_SEQ} WHERE id = $1`,
        [trialId],
      );
      return true;
    });
  }

  async saveFold(trialId: number, fold: FoldResult): Promise<void> {
    const values = foldValues(trialId, fold);
    await this.transaction(async (client) => {
      const row = await this.lockTrial(client, trialId);
      if (row.state !== 'running') return;
      await client.query(UPSERT_FOLD, values);
      await client.query(`${WITH_NEXT_SEQ} UPDATE stopwise_trials SET updated_at = ${NOW_MS}, update_seq = ${NEXT_SEQ} WHERE id = $1`, [
        trialId,
      ]);
    });
  }

  async getFolds(trialId: number): Promise<FoldResult[]> {
    const rows = await this.query<FoldRow>(`SELECT ${FOLD_COLUMNS} FROM stopwise_folds WHERE trial_id = $1 ORDER BY fold`, [
      trialId,
    ]);
    const describe = (row: FoldRow): string => `${this.url}: trial id ${trialId}, fold ${row.fold}`;
    return keepReadable(rows, foldReader(describe, this.problems), describe, this.problems);
  }

  async finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean> {
    const values = outcome.values === undefined ? null : encodeJson(outcome.values);
    const folds = (outcome.result?.folds ?? []).map((fold) => foldValues(trialId, fold));
    return this.transaction(async (client, attempt) => {
      const row = await this.lockTrial(client, trialId);
      if (row.state !== 'running') {
        // A retry after a lost connection finds the trial finished by its own first attempt.
        const ownFinish =
          attempt > 0 && row.state === outcome.state && row.objective_values === values && row.error === (outcome.error ?? null);
        return ownFinish;
      }
      checkOutcomeValues(trialId, outcome, (await this.studyById(client, row.study_id)).objectives.length);
      for (const fold of folds) await client.query(UPSERT_FOLD, fold);
      await client.query(
        `${WITH_NEXT_SEQ}
         UPDATE stopwise_trials SET state = $1, objective_values = $2, objective_stderr = $3, result = $4, error = $5,
                                    updated_at = ${NOW_MS}, update_seq = ${NEXT_SEQ}
         WHERE id = $6`,
        [
          outcome.state,
          values,
          outcome.stderr === undefined ? null : encodeJson(outcome.stderr),
          outcome.result === undefined ? null : encodeResultWithoutFolds(outcome.result),
          outcome.error ?? null,
          trialId,
        ],
      );
      return true;
    });
  }

  async addReplayedTrials(studyId: number, trials: readonly ReplayedTrialInput[]): Promise<TrialRecord[]> {
    // One claim token per trial, as reserveTrial's: a retry after a lost connection finds what its first attempt committed.
    const batch = randomUUID();
    const claims = trials.map((_, i) => `${batch}:${i}`);
    return this.transaction(async (client, attempt) => {
      if (attempt > 0 && trials.length > 0) {
        const claimed = await client.query<TrialRow>(
          `SELECT ${TRIAL_COLUMNS} FROM stopwise_trials WHERE claim_token = ANY($1::text[]) ORDER BY number`,
          [claims],
        );
        if (claimed.rows.length > 0) return this.withFolds(client, claimed.rows);
      }
      // The lock reserveTrial takes: trial numbers are handed out one transaction at a time.
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [STOPWISE_LOCK_KEY, studyId]);
      const objectives = (await this.studyById(client, studyId)).objectives.length;
      const sources = await client.query<{ number: number; replayed: boolean }>(
        `SELECT number, replayed_from IS NOT NULL AS replayed FROM stopwise_trials WHERE study_id = $1 AND number = ANY($2::int[])`,
        [studyId, replaySources(trials)],
      );
      const byNumber = new Map(sources.rows.map((row) => [row.number, { replayed: row.replayed }]));
      checkReplayedTrials(trials, objectives, (number) => byNumber.get(number));
      const next = await client.query<{ next: number }>(
        'SELECT COALESCE(MAX(number), -1) + 1 AS next FROM stopwise_trials WHERE study_id = $1',
        [studyId],
      );
      const seq = await this.nextSeq(client);
      const rows: TrialRow[] = [];
      for (const [i, trial] of trials.entries()) {
        const inserted = await client.query<TrialRow>(
          `INSERT INTO stopwise_trials (study_id, number, state, params, objective_values, objective_stderr, result,
                                        replayed_from, created_at, updated_at, heartbeat_at, update_seq, claim_token)
           SELECT $1, $2, 'complete', $3, $4, $5, $6, $7, now_ms, now_ms, now_ms, $8, $9
           FROM (SELECT ${NOW_MS} AS now_ms) AS clock
           RETURNING ${TRIAL_COLUMNS}`,
          [
            studyId,
            next.rows[0].next + i,
            encodeJson(trial.params),
            encodeJson(trial.values),
            encodeJson(trial.stderr),
            encodeResultWithoutFolds(trial.result),
            trial.replayedFrom,
            seq,
            claims[i],
          ],
        );
        const row = inserted.rows[0];
        for (const fold of trial.result.folds) await client.query(UPSERT_FOLD, foldValues(row.id, fold));
        rows.push(row);
      }
      return this.withFolds(client, rows);
    });
  }

  async saveConfirmation(trialId: number, confirmation: Confirmation): Promise<void> {
    const text = encodeJson(confirmation);
    await this.transaction(async (client) => {
      const row = await this.lockTrial(client, trialId);
      if (row.state !== 'complete') throw new Error(`saveConfirmation: trial ${trialId} is ${row.state}, not complete`);
      await client.query(
        `INSERT INTO stopwise_confirmations (trial_id, confirmation, created_at) VALUES ($1, $2, ${NOW_MS})
         ON CONFLICT (trial_id) DO UPDATE SET confirmation = EXCLUDED.confirmation, created_at = EXCLUDED.created_at`,
        [trialId, text],
      );
    });
  }

  async getTrials(studyId: number, options?: { states?: TrialState[] }): Promise<TrialRecord[]> {
    const states = options?.states ?? [...TRIAL_STATES];
    return this.transaction(async (client) => {
      const rows = await client.query<TrialRow>(
        `SELECT ${TRIAL_COLUMNS_WITH_CONFIRMATION} FROM stopwise_trials WHERE study_id = $1 AND state = ANY($2::text[]) ORDER BY number`,
        [studyId, states],
      );
      return this.withFolds(client, rows.rows);
    }, 'read only');
  }

  async importStudy(dump: StudyDump): Promise<{ study: StudyRecord; idsKept: boolean }> {
    return this.transaction(async (client) => {
      const { study, trials } = dump;
      const existing = await client.query('SELECT 1 FROM stopwise_studies WHERE name = $1', [study.name]);
      if (existing.rows.length > 0) {
        throw new InputError(`--to: a study named "${study.name}" already exists in ${this.url}`);
      }
      const inserted = await client.query<StudyRow>(
        `INSERT INTO stopwise_studies (name, created_at, space, space_hash, objectives, sampler, seed, ref_point, meta)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${STUDY_COLUMNS}`,
        [
          study.name,
          Date.parse(study.createdAt),
          encodeJson(study.space),
          study.spaceHash,
          encodeJson(study.objectives),
          study.sampler,
          study.seed,
          study.refPoint === null ? null : encodeJson(study.refPoint),
          encodeJson(study.meta),
        ],
      );
      const record = studyFromRow(inserted.rows[0]);
      const ids = trials.map(({ trial }) => trial.id);
      const taken = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM stopwise_trials WHERE id = ANY($1::int[])', [
        ids,
      ]);
      const idsKept = taken.rows[0].n === 0;
      const seq = await this.nextSeq(client);
      const newIds = new Map<number, number>();
      for (const { trial, folds } of trials) {
        const retryOf = trial.retryOf === null ? null : (newIds.get(trial.retryOf) ?? null);
        const row = await client.query<{ id: number }>(
          `INSERT INTO stopwise_trials (${idsKept ? 'id, ' : ''}study_id, number, state, params, objective_values,
             objective_stderr, result, error, worker_id, retry_of, replayed_from, created_at, updated_at, heartbeat_at,
             update_seq)
           VALUES (${idsKept ? `${Number(trial.id)}, ` : ''}$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING id`,
          [
            record.id,
            trial.number,
            trial.state,
            trial.params === null ? null : encodeJson(trial.params),
            trial.values === null ? null : encodeJson(trial.values),
            trial.stderr === null ? null : encodeJson(trial.stderr),
            trial.result === null ? null : encodeResultWithoutFolds(trial.result),
            trial.error,
            trial.workerId,
            retryOf,
            trial.replayedFrom ?? null,
            Date.parse(trial.createdAt),
            Date.parse(trial.updatedAt),
            Date.parse(trial.heartbeatAt),
            seq,
          ],
        );
        newIds.set(trial.id, row.rows[0].id);
        for (const fold of folds) await client.query(UPSERT_FOLD, foldValues(row.rows[0].id, fold));
        if (trial.confirmation) {
          await client.query(`INSERT INTO stopwise_confirmations (trial_id, confirmation, created_at) VALUES ($1, $2, ${NOW_MS})`, [
            row.rows[0].id,
            encodeJson(trial.confirmation),
          ]);
        }
      }
      if (idsKept && ids.length > 0) {
        // Explicit ids do not advance the identity sequence: move it past them.
        await client.query(
          `SELECT setval(pg_get_serial_sequence('stopwise_trials', 'id'), (SELECT max(id) FROM stopwise_trials))`,
        );
      }
      return { study: record, idsKept };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
