/** Conversions between database rows (SQLite, and PostgreSQL selecting the same column types) and the records of src/study/types.ts. */
import type { ObjectiveSpec, Params } from '../space/types.js';
import type { Confirmation, FoldResult, StudyRecord, TrialRecord, TrialResult, TrialState } from './records.js';
import { decodeCurve, encodeCurve } from './curve-codec.js';
import { decodeGrid, encodeGrid } from './grid-codec.js';
import { decodeJson, decodeJsonOrNull, encodeJson } from './json.js';

export interface StudyRow {
  id: number;
  name: string;
  created_at: number;
  space: string;
  space_hash: string;
  objectives: string;
  sampler: string;
  seed: number;
  ref_point: string | null;
  meta: string;
}

export interface TrialRow {
  id: number;
  study_id: number;
  number: number;
  state: TrialState;
  params: string | null;
  objective_values: string | null;
  objective_stderr: string | null;
  result: string | null;
  error: string | null;
  worker_id: string | null;
  retry_of: number | null;
  replayed_from: number | null;
  created_at: number;
  updated_at: number;
  heartbeat_at: number;
  update_seq: number;
  /** From the confirmations table (LEFT JOIN): the trial's confirmation JSON, if it has one. */
  confirmation?: string | null;
}

export interface FoldRow {
  trial_id: number;
  fold: number;
  tokens: number;
  em: number;
  held_out_size: number;
  stop_reason: string;
  diverged: number;
  restored_from_tokens: number | null;
  seconds: number;
  curve: Uint8Array;
  /** The fold's GridCurve (grid-codec.ts); null when the run recorded none. */
  grid: Uint8Array | null;
}

const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();

export function studyFromRow(row: StudyRow): StudyRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: isoTime(row.created_at),
    space: decodeJson<unknown>(row.space),
    spaceHash: row.space_hash,
    objectives: decodeJson<ObjectiveSpec[]>(row.objectives),
    sampler: row.sampler,
    seed: row.seed,
    refPoint: decodeJsonOrNull<number[]>(row.ref_point),
    meta: decodeJson<Record<string, unknown>>(row.meta),
  };
}

/** A trial record; `folds` fills `result.folds` (the folds table is the one place folds are kept). */
export function trialFromRow(row: TrialRow, folds: () => FoldResult[]): TrialRecord {
  const stored = decodeJsonOrNull<Omit<TrialResult, 'folds'>>(row.result);
  return {
    id: row.id,
    studyId: row.study_id,
    number: row.number,
    state: row.state,
    params: decodeJsonOrNull<Params>(row.params),
    values: decodeJsonOrNull<number[]>(row.objective_values),
    stderr: decodeJsonOrNull<number[]>(row.objective_stderr),
    result: stored === null ? null : { ...stored, folds: folds() },
    error: row.error,
    workerId: row.worker_id,
    retryOf: row.retry_of,
    replayedFrom: row.replayed_from,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    heartbeatAt: isoTime(row.heartbeat_at),
    confirmation: decodeJsonOrNull<Confirmation>(row.confirmation ?? null),
  };
}

/** A result without its folds, for the trials.result column. */
export function encodeResultWithoutFolds(result: TrialResult): string {
  const { folds: _folds, ...rest } = result;
  return encodeJson(rest);
}

/**
 * The fold of a row. A grid that does not decode is left out of the fold (its outcome and curve stand on their own)
 * and its error goes to `unreadableGrid`; a damaged row otherwise throws (see keepReadable).
 */
export function foldFromRow(row: FoldRow, unreadableGrid: (message: string) => void): FoldResult {
  const fold: FoldResult = {
    fold: row.fold,
    tokens: row.tokens,
    em: row.em,
    heldOutSize: row.held_out_size,
    stopReason: row.stop_reason,
    diverged: row.diverged !== 0,
    curve: decodeCurve(row.curve),
    seconds: row.seconds,
  };
  if (row.restored_from_tokens !== null) fold.restoredFromTokens = row.restored_from_tokens;
  if (row.grid !== null) {
    try {
      fold.grid = decodeGrid(row.grid);
    } catch (error) {
      unreadableGrid((error as Error).message);
    }
  }
  return fold;
}

/** foldFromRow for a backend's reads: the grid of `describe(row)` that does not decode is reported in `problems`. */
export function foldReader(describe: (row: FoldRow) => string, problems: string[]): (row: FoldRow) => FoldResult {
  return (row) =>
    foldFromRow(row, (message) => {
      const line = `${describe(row)}: its grid cannot be read and is left out (${message.split('\n')[0]})`;
      if (!problems.includes(line)) problems.push(line);
    });
}

/** Named parameters for the fold insert. */
export function foldToParams(trialId: number, fold: FoldResult, now: number): Record<string, unknown> {
  const { fold: number, tokens, em, heldOutSize, stopReason, diverged, restoredFromTokens, curve, seconds, grid, ...rest } = fold;
  // Fails to compile when FoldResult gains a field: add a column (a new migration step) rather than drop it.
  const unstored: Record<string, never> = rest;
  void unstored;
  for (const [name, value] of [['tokens', tokens], ['em', em], ['seconds', seconds]] as const) {
    if (!Number.isFinite(value)) throw new Error(`saveFold: trial ${trialId} fold ${number}: ${name} is ${value}`);
  }
  return {
    trial_id: trialId,
    fold: number,
    tokens,
    em,
    held_out_size: heldOutSize,
    stop_reason: stopReason,
    diverged: diverged ? 1 : 0,
    restored_from_tokens: restoredFromTokens ?? null,
    seconds,
    curve: encodeCurve(curve),
    grid: grid === undefined ? null : encodeGrid(grid),
    created_at: now,
  };
}

/**
 * The rows that decode; each one that does not is described once in `problems` and left out, so that one damaged
 * row (a hand-edited cell, a truncated blob) does not make a whole study unreadable. Shared by every backend.
 */
export function keepReadable<R, T>(rows: readonly R[], decode: (row: R) => T, describe: (row: R) => string, problems: string[]): T[] {
  const records: T[] = [];
  for (const row of rows) {
    try {
      records.push(decode(row));
    } catch (error) {
      const line = `${describe(row)} cannot be read and is left out (${(error as Error).message.split('\n')[0]})`;
      if (!problems.includes(line)) problems.push(line);
    }
  }
  return records;
}
