import { hypervolume2d, inferReferencePoint, paretoFrontIndices } from '../multiobjective/index.js';
import type { ObjectiveSpec, Params } from '../space/types.js';

/** A trial on the Pareto front, values in the objectives' own units and directions. */
export interface FrontEntry {
  readonly id: number;
  readonly params: Params;
  readonly values: readonly number[];
}

/** What the front helpers read of a trial (a TrialSnapshot, a TrialRecord and FrontEntry all fit). */
export interface ValuedTrial {
  readonly id: number;
  readonly state?: string;
  readonly params: Params | null;
  readonly values: readonly number[] | null;
}

/**
 * Values of `rows` turned into minimization (maximized objectives negated), as an `n x m` row-major array, the
 * form every routine of src/multiobjective takes. Cost O(n·m).
 */
export function minimizedValues(rows: readonly (readonly number[])[], objectives: readonly ObjectiveSpec[]): Float64Array {
  const m = objectives.length;
  const out = new Float64Array(rows.length * m);
  rows.forEach((row, i) => {
    for (let j = 0; j < m; j++) out[i * m + j] = objectives[j].direction === 'maximize' ? -row[j] : row[j];
  });
  return out;
}

/**
 * Complete trials with params and one finite value per objective: those that count for the front. A pruned trial
 * (stopped by fold racing) is left out whatever values it carries: they come from part of its folds.
 */
export function evaluatedTrials<T extends ValuedTrial>(trials: readonly T[], objectives: readonly ObjectiveSpec[]): T[] {
  return trials.filter(
    (trial) =>
      (trial.state === undefined || trial.state === 'complete') &&
      trial.params !== null &&
      trial.values !== null &&
      trial.values.length === objectives.length &&
      trial.values.every(Number.isFinite),
  );
}

/**
 * The evaluated trials no other evaluated trial dominates (any number of objectives, each in its own direction),
 * themselves, sorted by the first objective (best first) then the trial id. Ties (identical values) all stay on the
 * front. Every front in stopwise is this one: the in-memory study's, the stored study's report (show, export, the
 * TUI, seed) and the policy's. Cost O(n log n) for two objectives, O(m·n²) otherwise.
 */
export function nonDominatedTrials<T extends ValuedTrial>(trials: readonly T[], objectives: readonly ObjectiveSpec[]): T[] {
  const evaluated = evaluatedTrials(trials, objectives);
  const values = minimizedValues(
    evaluated.map((trial) => trial.values!),
    objectives,
  );
  const m = objectives.length;
  return paretoFrontIndices(values, evaluated.length, m)
    .sort((a, b) => values[a * m] - values[b * m] || evaluated[a].id - evaluated[b].id)
    .map((i) => evaluated[i]);
}

/** The front (nonDominatedTrials) as entries: id, params and values copied. */
export function paretoFront(trials: readonly ValuedTrial[], objectives: readonly ObjectiveSpec[]): FrontEntry[] {
  return nonDominatedTrials(trials, objectives).map((trial) => ({ id: trial.id, params: trial.params!, values: [...trial.values!] }));
}

/**
 * The reference point hypervolume is measured against, in the objectives' own units: `refPoint` if given, else
 * the one inferred from the evaluated values (src/multiobjective inferReferencePoint: the front's nadir pushed
 * out by 10 % of its range) — which moves as the front grows, so inferred hypervolumes of different moments are
 * not comparable. Null when not two objectives or nothing is evaluated.
 */
export function hypervolumeReferencePoint(
  trials: readonly ValuedTrial[],
  objectives: readonly ObjectiveSpec[],
  refPoint: readonly number[] | null,
): [number, number] | null {
  if (objectives.length !== 2) return null;
  if (refPoint) return [refPoint[0], refPoint[1]];
  const evaluated = evaluatedTrials(trials, objectives);
  if (evaluated.length === 0) return null;
  const minimized = inferReferencePoint(
    minimizedValues(
      evaluated.map((trial) => trial.values!),
      objectives,
    ),
    evaluated.length,
  );
  return [fromMinimized(minimized[0], objectives[0]), fromMinimized(minimized[1], objectives[1])];
}

/**
 * Hypervolume of the evaluated trials for two objectives (each in its own direction): the area they dominate
 * inside the box bounded by the reference point (see hypervolumeReferencePoint). Null when the study does not
 * have exactly two objectives or nothing is evaluated. Cost O(n log n).
 */
export function studyHypervolume(
  trials: readonly ValuedTrial[],
  objectives: readonly ObjectiveSpec[],
  refPoint: readonly number[] | null,
): number | null {
  const ref = hypervolumeReferencePoint(trials, objectives, refPoint);
  if (!ref) return null;
  const evaluated = evaluatedTrials(trials, objectives);
  const values = minimizedValues(
    evaluated.map((trial) => trial.values!),
    objectives,
  );
  const minimizedRef: [number, number] = [toMinimized(ref[0], objectives[0]), toMinimized(ref[1], objectives[1])];
  return hypervolume2d(values, evaluated.length, minimizedRef);
}

function toMinimized(value: number, objective: ObjectiveSpec): number {
  return objective.direction === 'maximize' ? -value : value;
}

function fromMinimized(value: number, objective: ObjectiveSpec): number {
  return objective.direction === 'maximize' ? -value : value;
}
