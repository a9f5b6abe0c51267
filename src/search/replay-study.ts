import { paretoFrontIndices } from '../multiobjective/index.js';
import { createRng } from '../random/rng.js';
import { scoreRecipeOnFolds, type ReplayedResult } from '../replay/index.js';
import type { CompiledSpace, Params } from '../space/types.js';
import { isStoppingKey } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import type { StudyRecord, TrialRecord } from '../storage/records.js';
import { deriveSeed } from '../trainer/seeds.js';

/** Stopping parts drawn from the other space per recorded trial unless told otherwise. */
export const DEFAULT_STUDY_REPLAY_SAMPLES = 256;

/** A recipe scored on a study's recorded curves: a trained trial's hyperparameters with another space's stopping part. */
export interface StudyReplayRow {
  params: Params;
  result: ReplayedResult;
  /** The number of the trained trial whose curves scored it. */
  from: number;
}

export interface StudyReplay {
  /** Training tokens between the recorded curve points (the study's grid). */
  gridEvery: number;
  /** Trained trials whose curves were used. */
  sources: number;
  /** Recipes that scored (those whose rule stops within the recorded curves, on every fold). */
  scored: number;
  /** The scored recipes that no other one dominates (tokens ↓, EM ↑), cheapest first; diverged ones left out. */
  front: StudyReplayRow[];
}

/**
 * The trained trials of a study whose folds all recorded a curve grid (complete, not replayed): what
 * `stopwise replay` scores other stopping rules on. Their grid spacings, one per distinct value.
 */
export function recordedTrials(trials: readonly TrialRecord[]): { trials: TrialRecord[]; gridSpacings: number[] } {
  const recorded = trials.filter(
    (trial) =>
      trial.state === 'complete' &&
      trial.replayedFrom === null &&
      trial.params !== null &&
      trial.result !== null &&
      trial.result.folds.length > 0 &&
      trial.result.folds.every((fold) => fold.grid !== undefined),
  );
  const spacings = new Set(recorded.flatMap((trial) => trial.result!.folds.map((fold) => fold.grid!.every)));
  return { trials: recorded, gridSpacings: [...spacings].sort((a, b) => a - b) };
}

/**
 * Scores the stopping-rule space of `space` on a study's recorded curves, at no training cost: for each recorded
 * trained trial (recordedTrials), `samples` recipes decoded from `space` keep their stopping.* part (derived values
 * included) and take the trial's own hyperparameters (every other parameter of its stored recipe), and each is scored
 * on the trial's folds by scoreRecipeOnFolds with the study's budget. A `median` rule compares against the curves
 * of the study's other recorded trials on the same fold (the peers its trial saw are not stored). Draws are seeded by
 * the study's seed and the trial's number. Returns the front over every scored recipe. Pure; cost:
 * recorded trials × samples × one scoring.
 */
export function replayStudy(
  study: StudyRecord,
  trials: readonly TrialRecord[],
  space: CompiledSpace,
  options: { budgetTokens: number; samples?: number },
): StudyReplay {
  const { trials: sources, gridSpacings } = recordedTrials(trials);
  const samples = options.samples ?? DEFAULT_STUDY_REPLAY_SAMPLES;
  const rows: StudyReplayRow[] = [];
  for (const source of sources) {
    const folds = source.result!.folds;
    const hyperparameters = Object.fromEntries(Object.entries(source.params!).filter(([key]) => !isStoppingKey(key)));
    const peersByFold: LearningCurve[][] = folds.map((fold) =>
      sources.filter((other) => other.id !== source.id).flatMap((other) => other.result!.folds.filter((peer) => peer.fold === fold.fold && !peer.diverged).map((peer) => peer.curve)),
    );
    const rng = createRng(deriveSeed(study.seed, 'replay-study', source.number));
    const seen = new Set<string>();
    for (let draw = 0; draw < samples; draw++) {
      const decoded = space.decode(Array.from({ length: space.d }, () => rng.next()));
      if (!space.isFeasible(decoded)) continue;
      const stopping = Object.entries(space.withDerived(decoded)).filter(([key]) => isStoppingKey(key));
      const key = JSON.stringify(stopping.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      if (seen.has(key)) continue;
      seen.add(key);
      const params: Params = { ...hyperparameters, ...Object.fromEntries(stopping) };
      const result = scoreRecipeOnFolds(params, folds, { budgetTokens: options.budgetTokens, peersByFold });
      if (result !== null) rows.push({ params, result, from: source.number });
    }
  }
  const candidates = rows.filter((row) => !row.result.folds.some((fold) => fold.diverged));
  const values = new Float64Array(candidates.length * 2);
  candidates.forEach((row, i) => {
    values[2 * i] = row.result.tokens.mean;
    values[2 * i + 1] = -row.result.em.mean;
  });
  const front = paretoFrontIndices(values, candidates.length, 2)
    .map((i) => candidates[i])
    .sort((a, b) => a.result.tokens.mean - b.result.tokens.mean || b.result.em.mean - a.result.em.mean);
  return { gridEvery: gridSpacings[0] ?? 0, sources: sources.length, scored: rows.length, front };
}
