import { InputError } from '../errors.js';
import { hypervolume2d, inferReferencePoint, paretoFrontIndices } from '../multiobjective/index.js';
import type { ObjectiveSpec, Params } from '../space/types.js';
import type { Estimate, StudyRecord, TrialRecord, TrialState } from '../study/types.js';
import { isEvaluated } from './evaluated-rows.js';

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
   * by tokens (ties: higher EM, then id).
   */
  front: TrialRow[];
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
      confirmed: trial.confirmation
        ? {
            tokens: trial.confirmation.tokens,
            em: trial.confirmation.em,
            runs: trial.confirmation.runs.length,
            diverged: trial.confirmation.diverged,
          }
        : null,
    }));

  const evaluated = rows.filter(isEvaluated).filter((row) => !row.diverged);
  // Both objectives as minimization (EM negated), n x 2 row-major, the form src/multiobjective takes.
  const minimized = new Float64Array(evaluated.length * 2);
  evaluated.forEach((row, i) => {
    minimized[2 * i] = row.tokens.mean;
    minimized[2 * i + 1] = -row.em.mean;
  });
  for (const i of paretoFrontIndices(minimized, evaluated.length, 2)) evaluated[i].onFront = true;
  const front = evaluated
    .filter((row) => row.onFront)
    .sort((a, b) => a.tokens.mean - b.tokens.mean || b.em.mean - a.em.mean || a.id - b.id);

  let refPoint: [number, number] | null = null;
  let hypervolume: number | null = null;
  if (study.refPoint && study.refPoint.length > Math.max(tokensIndex, emIndex)) {
    refPoint = [study.refPoint[tokensIndex], study.refPoint[emIndex]];
  } else if (evaluated.length > 0) {
    const inferred = inferReferencePoint(minimized, evaluated.length);
    refPoint = [inferred[0], -inferred[1]];
  }
  if (refPoint) hypervolume = hypervolume2d(minimized, evaluated.length, [refPoint[0], -refPoint[1]]);

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

/** What a row's figures are, written into the JSON export so that a reader of the file need not guess. */
export const FIGURES_LEGEND = {
  'tokens, em': 'cross-validated: mean ± SE over the held-out folds of the search part; the search chose the front by these',
  confirmed: 'retrained on the whole search part over `runs` seeds, EM measured on the test part the search never saw (null until confirmed)',
} as const;

/**
 * The report as pretty-printed JSON (one trailing newline), with FIGURES_LEGEND as `figures`; trials are named by
 * `number`, not the storage id.
 */
export function toJson(report: FrontReport): string {
  const labelled = (row: TrialRow): Omit<TrialRow, 'id'> => {
    const { id: _storageId, ...rest } = row;
    return rest;
  };
  const body = { ...report, figures: FIGURES_LEGEND, trials: report.trials.map(labelled), front: report.front.map(labelled) };
  return `${JSON.stringify(body, null, 2)}\n`;
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

// The drawing backends, re-exported so that the front's whole API is importable from here (svg loads vega lazily).
export { isEvaluated, type EvaluatedRow } from './evaluated-rows.js';
export { toCsv } from './csv.js';
export { toSvg } from './svg.js';
export { toHtml } from './html.js';
