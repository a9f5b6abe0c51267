/**
 * A database as the schema before fold grids, replayed trials and the pruned state (schema version 2, in SQLite
 * and PostgreSQL alike) stored it: the rows below, written with that schema's own steps (released steps never
 * change), so that the contract suite can check that opening it migrates it without losing anything.
 *
 * Study "legacy": #0 complete with two folds and a confirmation, #1 failed, #2 stale (its recipe not asked again
 * yet), #3 running with one saved fold.
 */
import { encodeCurve } from '../../src/storage/curve-codec.js';
import { encodeJson } from '../../src/storage/json.js';
import type { Confirmation, FoldResult, TrialResult } from '../../src/storage/records.js';

export const PREVIOUS_SCHEMA_VERSION = 2;

const T0 = Date.parse('2026-01-02T03:04:05.000Z');

export const LEGACY_STUDY = {
  id: 5,
  name: 'legacy',
  createdAt: new Date(T0).toISOString(),
  space: { params: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } } },
  spaceHash: 'hash-legacy',
  objectives: [
    { name: 'tokens', direction: 'minimize' },
    { name: 'em', direction: 'maximize' },
  ],
  sampler: 'gp-ehvi',
  seed: 11,
  refPoint: null,
  meta: { folds: 2, task: 'addition' },
} as const;

export const LEGACY_FOLDS: FoldResult[] = [0, 1].map((fold) => ({
  fold,
  tokens: 50_000 + fold,
  em: 0.7 + fold / 100,
  heldOutSize: 300,
  stopReason: 'rule:patience',
  diverged: false,
  curve: [
    { tokens: 25_000, devEm: 0.5, devLoss: 1.5 },
    { tokens: 50_000, devEm: 0.6, devLoss: fold === 1 ? Number.NaN : 1.25 },
  ],
  seconds: 2.5,
}));

export const LEGACY_RUNNING_FOLD: FoldResult = { ...LEGACY_FOLDS[0], tokens: 75_000, restoredFromTokens: 50_000 };

export const LEGACY_RESULT: TrialResult = {
  tokens: { mean: 50_000.5, se: 0.5 },
  em: { mean: 0.705, se: 0.005 },
  folds: LEGACY_FOLDS,
  paramCount: 4321,
  backend: 'cpu',
  seconds: 5,
  diverged: false,
};

export const LEGACY_CONFIRMATION: Confirmation = {
  tokens: { mean: 48_000, se: 900 },
  em: { mean: 0.69, se: 0.01 },
  runs: LEGACY_FOLDS,
  testFraction: 0.2,
  backend: 'cpu',
  seconds: 9,
  diverged: false,
};

/** Trial ids 21…24 for numbers 0…3. */
export const LEGACY_TRIAL_IDS = [21, 22, 23, 24];

/** Rows per table, as column → value, in insertion order. */
export function legacyRows(): { table: 'studies' | 'trials' | 'folds' | 'confirmations'; row: Record<string, unknown> }[] {
  const s = LEGACY_STUDY;
  const trial = (number: number, fields: Record<string, unknown>) => ({
    table: 'trials' as const,
    row: {
      id: LEGACY_TRIAL_IDS[number],
      study_id: s.id,
      number,
      params: encodeJson({ lr: 0.01 * (number + 1) }),
      objective_values: null,
      objective_stderr: null,
      result: null,
      error: null,
      worker_id: `host:${number}`,
      retry_of: null,
      created_at: T0 + 1000 * number,
      updated_at: T0 + 1000 * number + 500,
      heartbeat_at: T0 + 1000 * number + 400,
      update_seq: number + 1,
      ...fields,
    },
  });
  const fold = (trialId: number, f: FoldResult) => ({
    table: 'folds' as const,
    row: {
      trial_id: trialId,
      fold: f.fold,
      tokens: f.tokens,
      em: f.em,
      held_out_size: f.heldOutSize,
      stop_reason: f.stopReason,
      diverged: f.diverged ? 1 : 0,
      restored_from_tokens: f.restoredFromTokens ?? null,
      seconds: f.seconds,
      curve: encodeCurve(f.curve),
      created_at: T0,
    },
  });
  const { folds: _folds, ...resultWithoutFolds } = LEGACY_RESULT;
  return [
    {
      table: 'studies',
      row: {
        id: s.id,
        name: s.name,
        created_at: T0,
        space: encodeJson(s.space),
        space_hash: s.spaceHash,
        objectives: encodeJson(s.objectives),
        sampler: s.sampler,
        seed: s.seed,
        ref_point: null,
        meta: encodeJson(s.meta),
      },
    },
    trial(0, {
      state: 'complete',
      objective_values: encodeJson([50_000.5, 0.705]),
      objective_stderr: encodeJson([0.5, 0.005]),
      result: encodeJson(resultWithoutFolds),
    }),
    fold(LEGACY_TRIAL_IDS[0], LEGACY_FOLDS[0]),
    fold(LEGACY_TRIAL_IDS[0], LEGACY_FOLDS[1]),
    { table: 'confirmations', row: { trial_id: LEGACY_TRIAL_IDS[0], confirmation: encodeJson(LEGACY_CONFIRMATION), created_at: T0 } },
    trial(1, { state: 'failed', error: 'out of memory' }),
    trial(2, { state: 'stale' }),
    trial(3, { state: 'running', params: null }),
    fold(LEGACY_TRIAL_IDS[3], LEGACY_RUNNING_FOLD),
  ];
}

/** An INSERT for one row; `placeholder(i)` writes the i-th (0-based) parameter: `?` for SQLite, `$i+1` for PostgreSQL. */
export function insertStatement(
  tablePrefix: string,
  { table, row }: ReturnType<typeof legacyRows>[number],
  placeholder: (i: number) => string,
): { sql: string; values: unknown[] } {
  const columns = Object.keys(row);
  return {
    sql: `INSERT INTO ${tablePrefix}${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => placeholder(i)).join(', ')})`,
    values: Object.values(row),
  };
}
