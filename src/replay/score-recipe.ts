import type { Params } from '../space/types.js';
import { replay, stoppingConfigFromParams } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import { foldEstimate } from '../trainer/fold-estimate.js';
import { recipeCurveOnGrid } from '../trainer/grid-curve.js';
import type { Estimate, FoldResult } from '../trainer/results.js';

/** A recipe scored on recorded folds: the same shape a trained trial's result has (folds carry curve, no grid). */
export interface ReplayedResult {
  tokens: Estimate;
  em: Estimate;
  folds: FoldResult[];
}

export interface ScoreOptions {
  /** The study's budget per run (the one the source folds were trained with). */
  budgetTokens: number;
  /** `peersByFold[f]`: other trials' curves on fold f, for the `median` rule (as the trainer passes them). */
  peersByFold?: readonly (readonly LearningCurve[])[];
}

/**
 * Scores `params` on each source fold's grid: what training that recipe would give, without training it.
 *
 * Training does not depend on evaluation (train-run.ts), so a run of the recipe, with the source trial's run seed,
 * takes the same batches as the source run and, at each of its dev evaluations, holds the weights the source run
 * held at that grid point. recipeCurveOnGrid gives the dev curve the recipe's rule would have seen (tokens =
 * training tokens + the recipe's own dev reads so far); `replay` finds where the rule stops, exactly as the live
 * stopper would. The fold's tokens are the curve's tokens at the stop; its EM is the held-out EM at the weights the
 * run ends with: the grid's held-out EM at the stop's grid point, or at the restored best checkpoint's with
 * `restoreBest` (`bestCheckpointIndex`, as the trainer keeps it).
 *
 * Null (scored nowhere rather than guessed) when, on any fold:
 * - the fold has no grid, or the recipe's evalEvery is not a multiple of the grid spacing;
 * - the rule does not fire within the recorded grid: the live run would end at a budget stop between grid points,
 *   or train beyond what was recorded, and its final weights are not on the record;
 * - the source run diverged, or a point the recipe would evaluate has a non-finite dev loss: when a run notices a
 *   bad loss depends on its own evaluation schedule, so the grid cannot say where the recipe's run would end.
 * One case the grid cannot show at all: the trainer also ends a run whose mean training loss over a check window
 * exceeds 10× its first loss, and those windows follow the run's evaluations; a loss spike that the source run's
 * windows averaged away but the recipe's would not is not seen here.
 *
 * `params` must have the hyperparameters the source folds were trained with (only its stopping.* part is read);
 * checking that is the caller's part. Throws InputError for an invalid stopping part. Cost: O(folds · (grid points
 * + evaluations · one rule decision)).
 */
export function scoreRecipeOnFolds(params: Params, sourceFolds: readonly FoldResult[], options: ScoreOptions): ReplayedResult | null {
  const config = stoppingConfigFromParams(params);
  if (sourceFolds.length === 0) return null;
  const folds: FoldResult[] = [];
  for (const source of sourceFolds) {
    const grid = source.grid;
    if (!grid || source.diverged || config.evalEvery % grid.every !== 0) return null;
    const { curve, gridIndex } = recipeCurveOnGrid(grid, config.evalEvery, options.budgetTokens);
    const peers = options.peersByFold?.[source.fold];
    const outcome = replay(config, curve, { budgetTokens: options.budgetTokens, ...(peers ? { peers } : {}) });
    const stop = outcome.stopIndex;
    if (stop === null) return null;
    for (let j = 0; j <= stop; j++) if (!Number.isFinite(curve[j].devLoss)) return null;
    const restored = config.restoreBest && outcome.restoreIndex !== null ? outcome.restoreIndex : null;
    folds.push({
      fold: source.fold,
      tokens: curve[stop].tokens,
      em: grid.heldOutEm[gridIndex[restored ?? stop]],
      heldOutSize: source.heldOutSize,
      stopReason: outcome.reason,
      diverged: false,
      ...(restored !== null ? { restoredFromTokens: curve[restored].tokens } : {}),
      curve: curve.slice(0, stop + 1),
      seconds: 0,
    });
  }
  return {
    tokens: foldEstimate(folds.map((fold) => fold.tokens)),
    em: foldEstimate(folds.map((fold) => fold.em)),
    folds,
  };
}
