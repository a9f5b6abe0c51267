import type { Rng } from '../random/rng.js';
import type { CompiledSpace } from '../space/types.js';
import type { ObjectiveSpec, Params } from '../space/types.js';

/** One trial as a sampler sees it: read-only, storage-agnostic. `values` and `stderr` align with the objectives. */
export interface TrialSnapshot {
  readonly id: number;
  /**
   * `pruned`: stopped by fold racing, its values the means of the folds it finished (if any); never on a front, its
   * recipe taken like any other's. gp-ehvi models it at those values.
   */
  readonly state: 'running' | 'complete' | 'failed' | 'stale' | 'pruned';
  readonly params: Params | null;
  readonly values: readonly number[] | null;
  readonly stderr: readonly number[] | null;
}

/** Everything a sampler may read about a study. Values are in the objectives' own units and directions. */
export interface StudySnapshot {
  readonly space: CompiledSpace;
  readonly objectives: readonly ObjectiveSpec[];
  readonly trials: readonly TrialSnapshot[];
  /** Hypervolume reference point in the objectives' own units, or null to infer one from the observations. */
  readonly refPoint: readonly number[] | null;
}

/**
 * Proposes recipes (in the spirit of Optuna's `BaseSampler`). Running trials that carry params are pending
 * evaluations: a sampler should propose points that complement them rather than repeat them.
 */
export interface Sampler {
  readonly name: string;
  /** Returns `n` new feasible recipes. The same snapshot, `n` and rng state give the same recipes. */
  suggest(snapshot: StudySnapshot, n: number, rng: Rng): Params[];
}
