import { raceVerdict, replayCandidates } from '../replay/index.js';
import { createRng } from '../random/rng.js';
import { recipeKey } from '../samplers/space-domain.js';
import type { CompiledSpace, Params } from '../space/types.js';
import type { Estimate, FoldResult, TrialRecord, TrialResult } from '../storage/records.js';
import type { ReplayedTrialInput } from '../storage/types.js';
import type { LearningCurve } from '../stopping/types.js';
import { deriveSeed, trialSeed } from '../trainer/seeds.js';

/** Reads one objective's estimate from a trial's result (the search's objectives: tokens, em). */
export type ObjectiveReader = (result: TrialResult) => Estimate;

/**
 * The recipes a fold race compares against: every complete trial (trained or replayed: a replayed result is what
 * training that recipe gives) that has a result and did not diverge, as its tokens and EM estimates over all folds.
 */
export function raceReference(trials: readonly TrialRecord[]): { tokens: Estimate; em: Estimate }[] {
  return trials
    .filter((trial) => trial.state === 'complete' && trial.result !== null && !trial.result.diverged)
    .map((trial) => ({ tokens: trial.result!.tokens, em: trial.result!.em }));
}

/** raceVerdict over the study's complete trials as they are now: see raceReference. */
export function foldRaceVerdict(finished: readonly FoldResult[], folds: number, trials: readonly TrialRecord[]): { raced: boolean; reason?: string } {
  return raceVerdict(finished, folds, raceReference(trials));
}

export interface ReplayRequest {
  space: CompiledSpace;
  /** The trained trial: its number, its whole recipe and its result (folds with their grids). */
  trial: { number: number; params: Params };
  result: TrialResult;
  /** Every trial of the study: their recipes are not replayed again. */
  trials: readonly TrialRecord[];
  studySeed: number;
  budgetTokens: number;
  /** The peers the trained trial's `median` rule saw, per fold. */
  peersByFold: readonly (readonly LearningCurve[])[];
  /** Most replayed recipes kept (the space's replay.maxPerRun). */
  cap: number;
  /** Values and standard errors in the study's objective order. */
  objectives: readonly ObjectiveReader[];
}

/**
 * The replayed trials a trained trial gives (replayCandidates: other stopping rules of the space for its
 * hyperparameters, scored on its recorded folds), as storage.addReplayedTrials takes them. The draws are seeded by
 * the trial's own seed, so the same trial gives the same candidates. A replayed result carries the source trial's
 * parameter count and backend (same model) and 0 seconds (no training). Cost: replayCandidates' draws and scorings.
 */
export function replayedTrialsOf(request: ReplayRequest): ReplayedTrialInput[] {
  const { space, trial, result } = request;
  const exclude = new Set<string>();
  for (const other of request.trials) {
    if (other.params === null) continue;
    const key = recipeKey(space, space.sampledPart(other.params));
    if (key !== null) exclude.add(key);
  }
  const candidates = replayCandidates(space, { params: trial.params, folds: result.folds }, {
    budgetTokens: request.budgetTokens,
    peersByFold: request.peersByFold,
    cap: request.cap,
    rng: createRng(deriveSeed(trialSeed(request.studySeed, trial.number), 'replay')),
    exclude,
  });
  return candidates.map((candidate) => {
    const replayed: TrialResult = {
      tokens: candidate.result.tokens,
      em: candidate.result.em,
      folds: candidate.result.folds,
      paramCount: result.paramCount,
      backend: result.backend,
      seconds: 0,
      diverged: candidate.result.folds.some((fold) => fold.diverged),
    };
    return {
      params: candidate.params,
      values: request.objectives.map((read) => read(replayed).mean),
      stderr: request.objectives.map((read) => read(replayed).se),
      result: replayed,
      replayedFrom: trial.number,
    };
  });
}
