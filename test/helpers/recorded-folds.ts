import type { FoldResult, GridCurve, TrialResult } from '../../src/storage/records.js';
import type { SpaceFile } from '../../src/space/index.js';
import { foldEstimate } from '../../src/trainer/fold-estimate.js';

/**
 * A fold recorded over a whole budget of `points` grid points `every` training tokens apart: dev and held-out EM
 * rising to a plateau at a pace set by `speed`, with a small wobble. For tests of replay that train nothing.
 */
export function recordedFold(fold: number, speed: number, options: { every?: number; points?: number; measurementTokens?: number } = {}): FoldResult {
  const every = options.every ?? 1000;
  const points = options.points ?? 40;
  const trainingTokens = Array.from({ length: points }, (_, i) => (i + 1) * every);
  const rise = (i: number) => Math.min(1, (speed * (i + 1)) / points) * (0.97 + 0.02 * Math.sin(i));
  const grid: GridCurve = {
    every,
    devTokens: 100,
    heldOutTokens: 300,
    trainingTokens,
    devEm: trainingTokens.map((_, i) => Number(rise(i).toFixed(3))),
    devLoss: trainingTokens.map((_, i) => 2 * (1 - rise(i)) + 0.01),
    heldOutEm: trainingTokens.map((_, i) => Number((rise(i) * 0.98).toFixed(3))),
    measurementTokens: options.measurementTokens ?? 12_000,
  };
  return { fold, tokens: points * every, em: grid.heldOutEm[points - 1], heldOutSize: 50, stopReason: 'budget', diverged: false, curve: [], grid, seconds: 1 };
}

/** A trial's result over `folds`, as the trainer would sum it up. */
export function resultOf(folds: FoldResult[]): TrialResult {
  return {
    tokens: foldEstimate(folds.map((fold) => fold.tokens)),
    em: foldEstimate(folds.map((fold) => fold.em)),
    folds,
    paramCount: 1000,
    backend: 'cpu',
    seconds: 1,
    diverged: false,
  };
}

/** Tokens per run of the recorded folds' studies (their curves end at 40 grid points of 1,000). */
export const RECORDED_BUDGET = 40_000;

/**
 * A space file for studies whose folds come from `recordedFold` instead of training: the tiny default task, 2 folds,
 * the recorded budget, tokens and EM as objectives, with these `params` and optional `replay` block.
 */
export function recordedSpaceFile(name: string, params: SpaceFile['params'], replay?: SpaceFile['replay']): SpaceFile {
  return {
    name,
    task: { name: 'addition', digits: 1, examples: 50, seed: 1 },
    folds: 2,
    budget: { maxTokensPerRun: RECORDED_BUDGET },
    objectives: [
      { name: 'tokens', direction: 'minimize' },
      { name: 'em', direction: 'maximize' },
    ],
    params,
    ...(replay ? { replay } : {}),
  };
}
