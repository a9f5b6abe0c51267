// The storage schema: studies and trials as every backend stores and returns them.
import type { ObjectiveSpec, Params } from '../space/types.js';
import type { Confirmation, TrialResult } from '../trainer/results.js';

export type { Confirmation, Estimate, FoldResult, GridCurve, TrialResult } from '../trainer/results.js';

/**
 * `pruned`: stopped by fold racing after some of its folds (those in its result) showed it dominated; it cost
 * training, so it counts toward a search's target, but it is never on a front.
 */
export type TrialState = 'running' | 'complete' | 'failed' | 'stale' | 'pruned';

/** A study as stored. */
export interface StudyRecord {
  id: number;
  name: string;
  createdAt: string;
  /** The search-space file's JSON (or, for `serve --stdio`, the `create` message's space). */
  space: unknown;
  spaceHash: string;
  objectives: ObjectiveSpec[];
  sampler: string;
  seed: number;
  refPoint: number[] | null;
  /** Free-form facts: task, folds, budget, backend, source file. */
  meta: Record<string, unknown>;
}

/** A trial as stored. `values` and `stderr` are aligned with the study's objectives. */
export interface TrialRecord {
  id: number;
  studyId: number;
  /** 0-based order of creation within the study. */
  number: number;
  state: TrialState;
  params: Params | null;
  values: number[] | null;
  stderr: number[] | null;
  result: TrialResult | null;
  error: string | null;
  workerId: string | null;
  /** The stale trial whose recipe this trial asks again. */
  retryOf: number | null;
  /**
   * For a trial scored without training: the `number` of the trained trial of the same study whose recorded
   * curves (its folds' grids) scored it. Null for a trained trial.
   */
  replayedFrom: number | null;
  createdAt: string;
  updatedAt: string;
  heartbeatAt: string;
  /** The trial's confirmation on the test part, if `confirm` has run for it (null or absent otherwise). */
  confirmation?: Confirmation | null;
}
