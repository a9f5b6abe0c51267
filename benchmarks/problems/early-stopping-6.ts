import type { Params } from '../../src/space/types.js';
import { EARLY_STOPPING_MAX_EPOCHS, earlyStoppingObjectives } from './early-stopping.js';
import type { MixedTestProblem } from './types.js';

/**
 * The epoch after which the recipe's stopping rule ends the run (at most EARLY_STOPPING_MAX_EPOCHS), checked after
 * every epoch on the validation accuracies `accuracy[1..t]`. Both rules read the same two parameters, a window of
 * `patience` epochs and a tolerance `minDelta`, so neither is conditional on the rule:
 * - `patience`: once `patience` epochs in a row have not beaten the best accuracy so far by more than `minDelta`
 *   (the best moves only on such an improvement, as in Keras's EarlyStopping(patience, min_delta));
 * - `plateau`: once the accuracy has gained less than `minDelta` over the last `patience` epochs (from epoch
 *   patience + 1).
 */
export function earlyStopping6Epoch(params: Params, accuracy: (t: number) => number): number {
  const last = EARLY_STOPPING_MAX_EPOCHS;
  const window = params.patience as number;
  const minDelta = params.minDelta as number;
  switch (params.rule) {
    case 'patience': {
      let best = Number.NEGATIVE_INFINITY;
      let since = 0;
      for (let t = 1; t <= last; t++) {
        const value = accuracy(t);
        if (value > best + minDelta) {
          best = value;
          since = 0;
        } else if (++since >= window) return t;
      }
      return last;
    }
    case 'plateau':
      for (let t = window + 1; t <= last; t++) if (accuracy(t) - accuracy(t - window) < minDelta) return t;
      return last;
    default:
      throw new Error(`EarlyStopping6: unknown rule ${String(params.rule)}`);
  }
}

/**
 * EarlyStopping's simulated training (the curves, folds, kept checkpoint and objectives of early-stopping.ts) on a
 * space without conditional parameters, d = 6: 2 categoricals, 2 integers, 2 floats of which one log-scaled.
 * Every optimizer models every input here, since every recipe has all six parameters.
 *
 * - `batchSize` (16, 32, 64, 128): larger batches cost less per epoch but lose accuracy and learn more slowly per
 *   epoch, and move the best learning rate up.
 * - `learningRate` (log, 1e-4 … 1e-1): the ceiling falls away from the batch's best rate, steeply above it.
 * - `width` (integer, log, 16 … 256): wider runs reach a higher ceiling at a proportionally higher cost per epoch,
 *   and overfit earlier, so they need an earlier stop.
 * - `rule` (patience, plateau): the patience rule waits for the best accuracy to stall and so keeps running through
 *   a slow climb; the plateau rule measures the recent gain and so stops on a slow climb, but also on a dip of the
 *   epoch-to-epoch fluctuation when its window is short.
 * - `patience` (integer, 1 … 12): the window of either rule; a longer one costs epochs after the stall and rides out
 *   fluctuations.
 * - `minDelta` (0 … 0.02): the gain either rule counts as progress; a larger one stops earlier and cheaper, before
 *   the ceiling is reached.
 *
 * Objectives as EarlyStopping's: cost = epochs run over the three folds × (width/64) × (0.25 + 24/batch), and
 * 1 − the mean kept accuracy; the reference point is EarlyStopping's too (the same objectives on the same scale).
 * The front mixes both rules (135 and 48 of its 183 recipes), all four batch sizes, widths 16–112, windows 1–5
 * and tolerances 0.004–0.02, with the learning rate near the fastest stable one for the batch.
 *
 * Max hypervolume against (100, 0.25): 12.7772, estimated with `node bin/run-ts.js
 * benchmarks/problems/max-hypervolume.ts EarlyStopping6 --grid 21 --rounds 8 --neighbours 2` (205 s at load 8):
 * every batch size × width × rule × window, with both floats on a grid of 21 each (10.2 million recipes), gives
 * 12.76666; eight rounds of discrete neighbours and float refinement give 12.77221, 12.77556, 12.77615, 12.77683,
 * 12.77712, 12.77714, 12.77714, 12.77715 (183 front recipes, all in benchmarks/problems/fronts/EarlyStopping6.json).
 * The last three rounds gained less than 0.00002 together, so 12.777145 is rounded up to 12.7772.
 */
export const earlyStopping6: MixedTestProblem = {
  name: 'EarlyStopping6',
  space: {
    params: {
      batchSize: { type: 'categorical', choices: [16, 32, 64, 128] },
      learningRate: { type: 'float', low: 1e-4, high: 1e-1, log: true },
      width: { type: 'int', low: 16, high: 256, log: true },
      rule: { type: 'categorical', choices: ['patience', 'plateau'] },
      patience: { type: 'int', low: 1, high: 12 },
      minDelta: { type: 'float', low: 0, high: 0.02 },
    },
  },
  evaluate(params) {
    return earlyStoppingObjectives(params.batchSize as number, params.learningRate as number, params.width as number, (accuracy) =>
      earlyStopping6Epoch(params, accuracy),
    );
  },
  refPoint: [100, 0.25],
  maxHypervolume: 12.7772,
};
