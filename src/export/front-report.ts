import { InputError } from '../errors.js';
import type { ObjectiveSpec, Params } from '../space/types.js';
import { hypervolumeReferencePoint, nonDominatedTrials, studyHypervolume, type ValuedTrial } from '../study/front.js';
import type { Estimate, StudyRecord, TrialRecord, TrialState } from '../storage/records.js';

/** The objectives every report is about, in the order of its `[tokens, EM]` pairs (refPoint). */
export const TOKENS_EM: readonly ObjectiveSpec[] = [
  { name: 'tokens', direction: 'minimize' },
  { name: 'em', direction: 'maximize' },
];

/** One trial as every export shows it. Estimates are means over folds with their standard errors. */
export interface TrialRow {
  /** The storage's id of the trial: internal, never shown nor written to a file (`number` is the label). */
  id: number;
  /** 0-based order of creation within the study; shown to users as `#number`, written as `number`. */
  number: number;
  state: TrialState;
  params: Params | null;
  /** Tokens used per run; null unless the trial has values. */
  tokens: Estimate | null;
  /** Exact match on the held-out folds; null unless the trial has values. */
  em: Estimate | null;
  onFront: boolean;
  /** Some fold's loss turned NaN or exploded (its EM counts as 0). */
  diverged: boolean;
  /**
   * The confirmed figures (DESIGN.md, Methodology): the recipe retrained on the whole search part over `runs` seeds,
   * EM measured on the test part the search never saw; null until `confirm` has run for it. `tokens` and `em`
   * above are the cross-validated estimates the search chose by (optimistic once many recipes were compared).
   */
  confirmed: ConfirmedFigures | null;
  /** For a trial scored on another trial's recorded curves (no training of its own): that trial's number. */
  replayedFrom: number | null;
}

/** A trial row that can be plotted and be on the front: complete, with params and finite estimates. */
export type EvaluatedRow = TrialRow & { tokens: Estimate; em: Estimate; params: Params };

export function isEvaluated(row: TrialRow): row is EvaluatedRow {
  return (
    row.state === 'complete' &&
    row.params !== null &&
    row.tokens !== null &&
    row.em !== null &&
    Number.isFinite(row.tokens.mean) &&
    Number.isFinite(row.em.mean)
  );
}

/** A confirmation as the reports show it. */
export interface ConfirmedFigures {
  tokens: Estimate;
  /** EM on the test part. */
  em: Estimate;
  /** Confirmation runs (seeds). */
  runs: number;
  diverged: boolean;
}

/**
 * The one data type for a study's front: JSON, CSV, SVG, HTML and the TUI all draw from it (Optuna's
 * `_get_pareto_front_info` split: data first, drawing backends after).
 */
export interface FrontReport {
  study: {
    name: string;
    objectives: ObjectiveSpec[];
    task?: unknown;
    spaceHash: string;
    sampler: string;
    seed: number;
    createdAt: string;
  };
  /** Every trial, in creation order. */
  trials: TrialRow[];
  /**
   * Complete trials that did not diverge and are not dominated in (tokens ↓, EM ↑) by another such trial, sorted
   * by tokens (ties: id; rows of equal tokens on a front have equal EM).
   */
  front: EvaluatedRow[];
  /** Area dominated by the front's trials in (tokens, EM) inside the reference point; null without one. */
  hypervolume: number | null;
  /** [tokens, EM] the hypervolume is measured against: the study's, else inferred; null without trials. */
  refPoint: [number, number] | null;
}

/**
 * Builds the report of a study whose objectives include `tokens` (minimized) and `em` (maximized); `values` and
 * `stderr` of each trial are aligned with the study's objectives (a missing stderr counts as 0). The front is taken
 * over complete trials with finite tokens and EM that did not diverge (running, failed, stale and diverged trials
 * are listed but never on it): a recipe whose loss blew up on any fold is not one a production loop should get,
 * however cheap its aborted runs were, and every policy chooses from the front.
 * The hypervolume uses the study's reference point (objective order) or, without one, the point inferred by
 * src/multiobjective `inferReferencePoint` (the front's nadir pushed out by 10 % of its range), so it matches the
 * study's own. Throws InputError if the objectives are not there. Pure. Cost: O(n log n) for n trials.
 */
export function buildFrontReport(study: StudyRecord, trials: readonly TrialRecord[]): FrontReport {
  const tokensIndex = objectiveIndex(study, 'tokens', 'minimize');
  const emIndex = objectiveIndex(study, 'em', 'maximize');
  const estimate = (trial: TrialRecord, index: number): Estimate | null => {
    if (trial.values === null || trial.values.length <= index) return null;
    return { mean: trial.values[index], se: trial.stderr?.[index] ?? 0 };
  };
  const rows: TrialRow[] = [...trials]
    .sort((a, b) => a.number - b.number || a.id - b.id)
    .map((trial) => ({
      id: trial.id,
      number: trial.number,
      state: trial.state,
      params: trial.params,
      tokens: estimate(trial, tokensIndex),
      em: estimate(trial, emIndex),
      onFront: false,
      diverged: trial.result?.diverged ?? false,
      replayedFrom: trial.replayedFrom ?? null,
      confirmed: trial.confirmation
        ? {
            tokens: trial.confirmation.tokens,
            em: trial.confirmation.em,
            runs: trial.confirmation.runs.length,
            diverged: trial.confirmation.diverged,
          }
        : null,
    }));

  // The front, its reference point and hypervolume are those of src/study/front over (tokens, EM) of the rows
  // that may be on it, the same computation as the in-memory study's.
  const candidates: (ValuedTrial & { row: EvaluatedRow })[] = rows
    .filter(isEvaluated)
    .filter((row) => !row.diverged)
    .map((row) => ({ id: row.id, params: row.params, values: [row.tokens.mean, row.em.mean], row }));
  const front = nonDominatedTrials(candidates, TOKENS_EM).map((candidate) => candidate.row);
  for (const row of front) row.onFront = true;
  const studyRefPoint =
    study.refPoint && study.refPoint.length > Math.max(tokensIndex, emIndex) ? [study.refPoint[tokensIndex], study.refPoint[emIndex]] : null;
  const refPoint = hypervolumeReferencePoint(candidates, TOKENS_EM, studyRefPoint);
  const hypervolume = studyHypervolume(candidates, TOKENS_EM, refPoint);

  const task = study.meta?.task ?? (isRecord(study.space) ? study.space.task : undefined);
  return {
    study: {
      name: study.name,
      objectives: study.objectives.map((o) => ({ name: o.name, direction: o.direction })),
      ...(task !== undefined ? { task } : {}),
      spaceHash: study.spaceHash,
      sampler: study.sampler,
      seed: study.seed,
      createdAt: study.createdAt,
    },
    trials: rows,
    front,
    hypervolume,
    refPoint,
  };
}

function objectiveIndex(study: StudyRecord, name: string, direction: ObjectiveSpec['direction']): number {
  const index = study.objectives.findIndex((o) => o.name === name);
  if (index === -1 || study.objectives[index].direction !== direction) {
    const found = study.objectives.map((o) => `${o.name} (${o.direction})`).join(', ');
    throw new InputError(
      `study "${study.name}": exports need objectives "tokens" (minimize) and "em" (maximize), found ${found || 'none'}`,
    );
  }
  return index;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
