/**
 * What training a recipe on one fold gives, read from the curve bank instead of trained: the search-cost
 * benchmark's stand-in for the trainer.
 *
 * A rule that fires within the budget is scored by replay (scoreRecipeOnFolds on that fold): exact, the same
 * tokens and EM training gives (benchmarks/replay-check.ts measures it). A rule that does not fire ends the run at
 * a budget stop, which falls between grid points: the simulation prices it at the budget (the real run ends within
 * one batch of it) with the held-out EM of the last grid point the run passes (its final training tokens are the
 * budget less its dev reads), or, with restoreBest, the EM of its best dev checkpoint (exact). A bank fold that
 * diverged (its run ended early with EM 0) gives the replay of its grid when the rule fires within it, otherwise
 * EM 0 at the tokens where the grid ends.
 */
import type { Params } from '../../src/space/types.js';
import { scoreRecipeOnFolds } from '../../src/replay/index.js';
import { bestCheckpointIndex, stoppingConfigFromParams } from '../../src/stopping/index.js';
import type { CurvePoint, LearningCurve } from '../../src/stopping/types.js';
import { recipeCurveOnGrid } from '../../src/trainer/grid-curve.js';
import type { FoldResult, GridCurve } from '../../src/trainer/results.js';
import type { BankPoint, CurveBank } from './curve-bank.js';

/** The evalEvery of the fixed median-rule peers a replay over the whole bank uses (see `bankPeers`). */
export const PEER_EVAL_EVERY = 100_000;

/**
 * `peers[f]`: every bank point's dev curve on fold f as a run evaluating every PEER_EVAL_EVERY tokens records it.
 * Fixed median-rule peers for scoring recipes on the bank without a search's own trials. Cost: O(points · grid).
 */
export function bankPeers(bank: CurveBank): LearningCurve[][] {
  return Array.from({ length: bank.folds }, (_, fold) =>
    bank.points.map((point) => recipeCurveOnGrid(point.folds[fold].grid!, PEER_EVAL_EVERY, bank.budgetTokens).curve),
  );
}

export interface SimulatedFold {
  fold: number;
  /** The run's tokens: training plus its own dev reads. */
  tokens: number;
  em: number;
  /** The dev curve the run's rule saw (a peer curve for the median rule). */
  curve: CurvePoint[];
  /** Index of the last grid point the run reached: where a grid recorded by this run would end. */
  lastGridIndex: number;
  /** Tokens a grid recorded by this run would read beyond the run's own dev evaluations (held-out everywhere). */
  measurementTokens: number;
  /** False when priced as a budget stop or on a diverged fold (see the module comment). */
  exact: boolean;
}

/** The bank point a recipe's hyperparameters fall on: the same width, the nearest learning rate on a log scale. */
export function bankPointOf(bank: CurveBank, params: Params): BankPoint {
  let best: BankPoint | null = null;
  let distance = Infinity;
  for (const point of bank.points) {
    if (point.hyperparameters.width !== params.width) continue;
    const gap = Math.abs(Math.log(Number(point.hyperparameters.learningRate)) - Math.log(Number(params.learningRate)));
    if (gap < distance) {
      distance = gap;
      best = point;
    }
  }
  if (!best) throw new RangeError(`the curve bank has no point with width ${String(params.width)}`);
  return best;
}

/** What a grid recorded by a run that reached grid point `last` reads beyond its `evaluations` own dev reads. */
function measurementTokens(grid: GridCurve, last: number, evaluations: number): number {
  return (last + 1) * grid.heldOutTokens + Math.max(0, last + 1 - evaluations) * grid.devTokens;
}

/**
 * One fold of `params` on `source` (a bank fold with its grid); `peers`: the median rule's peer curves on it. An
 * evalEvery that is not a multiple of the grid spacing is scored at the nearest multiple (the bank holds nothing
 * between grid points), as the learning rate is scored at the nearest bank point.
 */
export function simulateFold(recipe: Params, source: FoldResult, budgetTokens: number, peers: readonly LearningCurve[]): SimulatedFold {
  const grid = source.grid!;
  const params = onGrid(recipe, grid.every);
  const peersByFold: LearningCurve[][] = [];
  peersByFold[source.fold] = [...peers];
  const replayable = source.diverged ? { ...source, diverged: false } : source;
  const replayed = scoreRecipeOnFolds(params, [replayable], { budgetTokens, peersByFold });
  const config = stoppingConfigFromParams(params);
  const { curve, gridIndex } = recipeCurveOnGrid(grid, config.evalEvery, budgetTokens);
  if (replayed) {
    const fold = replayed.folds[0];
    const stop = fold.curve.length - 1;
    return {
      fold: source.fold,
      tokens: fold.tokens,
      em: fold.em,
      curve: fold.curve,
      lastGridIndex: gridIndex[stop],
      measurementTokens: measurementTokens(grid, gridIndex[stop], fold.curve.length),
      exact: !source.diverged,
    };
  }
  const lastRecorded = grid.trainingTokens.length - 1;
  if (source.diverged) {
    return {
      fold: source.fold,
      tokens: grid.trainingTokens[lastRecorded] + curve.length * grid.devTokens,
      em: 0,
      curve,
      lastGridIndex: lastRecorded,
      measurementTokens: measurementTokens(grid, lastRecorded, curve.length),
      exact: false,
    };
  }
  const finalTraining = budgetTokens - curve.length * grid.devTokens;
  let last = 0;
  while (last + 1 <= lastRecorded && grid.trainingTokens[last + 1] <= finalTraining) last++;
  const restored = config.restoreBest && curve.length > 0 ? bestCheckpointIndex(curve) : null;
  return {
    fold: source.fold,
    tokens: budgetTokens,
    em: grid.heldOutEm[restored !== null ? gridIndex[restored] : last],
    curve,
    lastGridIndex: last,
    measurementTokens: measurementTokens(grid, last, curve.length),
    exact: false,
  };
}

/** `params` with `stopping.evalEvery` (when set) moved to the nearest positive multiple of `gridEvery`. */
export function onGrid(params: Params, gridEvery: number): Params {
  const evalEvery = params['stopping.evalEvery'];
  if (typeof evalEvery !== 'number' || evalEvery % gridEvery === 0) return params;
  return { ...params, 'stopping.evalEvery': Math.max(1, Math.round(evalEvery / gridEvery)) * gridEvery };
}

/** `source` with its grid cut after grid point `last`: what a run that stopped there would have recorded. */
export function recordedUpTo(source: FoldResult, last: number): FoldResult {
  const grid = source.grid!;
  const cut = (column: number[]) => column.slice(0, last + 1);
  return {
    ...source,
    grid: { ...grid, trainingTokens: cut(grid.trainingTokens), devEm: cut(grid.devEm), devLoss: cut(grid.devLoss), heldOutEm: cut(grid.heldOutEm) },
  };
}
