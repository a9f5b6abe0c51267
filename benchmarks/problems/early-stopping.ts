import type { Params } from '../../src/space/types.js';
import type { MixedTestProblem } from './types.js';

/** Epochs the simulated run may last whatever its stopping rule. */
export const EARLY_STOPPING_MAX_EPOCHS = 60;

/**
 * How the folds of the cross-validation differ: how fast the run learns on each (overfitting starts later where it
 * learns slower), how high it gets and the phase of its fluctuation. One recipe serves every fold, so a fixed
 * epoch count cannot suit them all, while an adaptive rule stops each fold at its own time.
 */
export const EARLY_STOPPING_FOLDS: readonly { rate: number; ceiling: number; phase: number }[] = [
  { rate: 0.65, ceiling: -0.015, phase: 0 },
  { rate: 1, ceiling: 0, phase: 1.3 },
  { rate: 1.5, ceiling: 0.01, phase: 2.6 },
];

/** `curve` on one fold: rate scaled, overfitting onset scaled by the inverse, ceiling and phase shifted. */
export function onFold(curve: ValidationCurve, fold: (typeof EARLY_STOPPING_FOLDS)[number]): ValidationCurve {
  return {
    ceiling: curve.ceiling + fold.ceiling,
    rate: curve.rate * fold.rate,
    overfitFrom: curve.overfitFrom / fold.rate,
    overfitRate: curve.overfitRate,
    phase: curve.phase + fold.phase,
  };
}

/** The simulated validation curve of one training configuration (see `earlyStoppingCurve`). */
export interface ValidationCurve {
  /** Accuracy the run approaches before it overfits. */
  readonly ceiling: number;
  /** Per-epoch rate at which it approaches the ceiling. */
  readonly rate: number;
  /** Epoch after which accuracy falls by `overfitRate` per epoch. */
  readonly overfitFrom: number;
  readonly overfitRate: number;
  /** Phase of the epoch-to-epoch fluctuation of the validation accuracy. */
  readonly phase: number;
}

/**
 * The validation curve of a classifier trained with this batch size, learning rate and hidden width. Not a model
 * of any particular network: a deterministic stand-in with the trade-offs a recipe search meets.
 *
 * - The best learning rate grows with the batch as √(batch/32) (the square-root scaling of Krizhevsky, "One weird
 *   trick for parallelizing convolutional neural networks", arXiv:1404.5997, 2014); away from it the ceiling falls
 *   quadratically in z = log₁₀(lr/lr*), and steeply past z = 0.5 (training turns unstable).
 * - Wider networks reach a higher ceiling (0.96 − 0.14·e^(−width/48)) but start to overfit earlier
 *   (8 + 25·√(32/width) epochs) and faster (0.0012·√(width/64) per epoch); larger batches lose a little accuracy
 *   (0.01 per doubling past 16, the generalization gap of Keskar et al., ICLR 2017) and take fewer steps per epoch,
 *   so they approach the ceiling more slowly (rate ∝ √(32/batch)).
 * - Validation accuracy fluctuates by ±0.004 from epoch to epoch, which is what patience and plateau rules react to.
 */
export function earlyStoppingCurve(batchSize: number, learningRate: number, width: number): ValidationCurve {
  const bestRate = 2e-3 * Math.sqrt(batchSize / 32);
  const z = Math.log10(learningRate / bestRate);
  const unstable = z > 0.5 ? 0.4 * (z - 0.5) ** 2 : 0;
  const ceiling = Math.max(
    0.1,
    0.96 - 0.14 * Math.exp(-width / 48) - 0.01 * Math.log2(batchSize / 16) - 0.05 * z * z - unstable,
  );
  return {
    ceiling,
    rate: 0.15 * 10 ** (0.6 * Math.min(z, 0.5)) * Math.sqrt(32 / batchSize),
    overfitFrom: 8 + 25 * Math.sqrt(32 / width),
    overfitRate: 0.0012 * Math.sqrt(width / 64),
    phase: 0.37 * width,
  };
}

/** Validation accuracy after epoch t (1-based) of `curve`. */
export function validationAccuracy(curve: ValidationCurve, t: number): number {
  return (
    curve.ceiling * (1 - Math.exp(-curve.rate * t)) -
    curve.overfitRate * Math.max(0, t - curve.overfitFrom) +
    0.004 * Math.sin(2.7 * t + curve.phase)
  );
}

/**
 * The epoch after which the recipe's stopping rule ends the run (at most EARLY_STOPPING_MAX_EPOCHS), checked after
 * every epoch on the validation accuracies `accuracy[1..t]`:
 * - `fixed`: after `epochs` epochs;
 * - `patience`: once `patience` epochs in a row have not beaten the best accuracy so far;
 * - `threshold`: once the accuracy reaches `target`;
 * - `plateau`: once the accuracy has gained less than `minDelta` over the last three epochs (from epoch 4).
 */
export function earlyStoppingEpoch(params: Params, accuracy: (t: number) => number): number {
  const last = EARLY_STOPPING_MAX_EPOCHS;
  switch (params.rule) {
    case 'fixed':
      return params.epochs as number;
    case 'patience': {
      let best = Number.NEGATIVE_INFINITY;
      let since = 0;
      for (let t = 1; t <= last; t++) {
        const value = accuracy(t);
        if (value > best) {
          best = value;
          since = 0;
        } else if (++since >= (params.patience as number)) return t;
      }
      return last;
    }
    case 'threshold':
      for (let t = 1; t <= last; t++) if (accuracy(t) >= (params.target as number)) return t;
      return last;
    case 'plateau':
      for (let t = 4; t <= last; t++) if (accuracy(t) - accuracy(t - 3) < (params.minDelta as number)) return t;
      return last;
    default:
      throw new Error(`EarlyStopping: unknown rule ${String(params.rule)}`);
  }
}

/**
 * EarlyStopping's objectives for a run of this batch size, learning rate and width whose stopping rule is
 * `stopEpoch` (given the validation accuracy of epochs 1…60 of one fold, the epoch after which it ends the run):
 * the run is trained on each of the EARLY_STOPPING_FOLDS, stopped there, and keeps its best checkpoint so far.
 * Returns [cost, 1 − mean kept accuracy], cost = epochs run over the folds × (width/64) × (0.25 + 24/batch)
 * (compute grows with the width; small batches pay a per-step overhead).
 */
export function earlyStoppingObjectives(
  batchSize: number,
  learningRate: number,
  width: number,
  stopEpoch: (accuracy: (t: number) => number) => number,
): [number, number] {
  const curve = earlyStoppingCurve(batchSize, learningRate, width);
  let epochs = 0;
  let accuracy = 0;
  for (const fold of EARLY_STOPPING_FOLDS) {
    const foldCurve = onFold(curve, fold);
    const seen: number[] = [Number.NaN];
    const at = (t: number): number => {
      while (seen.length <= t) seen.push(validationAccuracy(foldCurve, seen.length));
      return seen[t];
    };
    const stop = stopEpoch(at);
    let best = Number.NEGATIVE_INFINITY;
    for (let t = 1; t <= stop; t++) best = Math.max(best, at(t));
    epochs += stop;
    accuracy += best / EARLY_STOPPING_FOLDS.length;
  }
  return [epochs * (width / 64) * (0.25 + 24 / batchSize), 1 - accuracy];
}

/**
 * Early stopping × training hyperparameters (d = 8: 2 categoricals, 3 integers of which 2 conditional, 3 floats
 * of which 2 log-scaled and 2 conditional). A classifier is trained epoch by epoch on the validation curve of
 * `earlyStoppingCurve`; one of four stopping rules, each with its own conditional parameter, ends the run, and
 * the checkpoint with the best validation accuracy is kept.
 *
 * Objectives: cost = epochs run × (width/64) × (0.25 + 24/batch) (compute grows with the width; small batches
 * pay a per-step overhead), and 1 − the kept checkpoint's accuracy.
 *
 * Max hypervolume against (100, 0.25): 12.6713, estimated with `node bin/run-ts.js
 * benchmarks/problems/max-hypervolume.ts EarlyStopping --grid 21 --rounds 4 --neighbours 2` (792 s): every batch
 * size × width × rule × epochs or patience, with the three floats on a grid of 21 each (2.2 million recipes), gives
 * 12.62525; four rounds, each trying the front recipes' discrete neighbours (other batch sizes, widths and epochs
 * or patience within ± 2, floats ± 1 step) and then refining their floats, give 12.65643, 12.66810, 12.66982,
 * 12.67064 (157 front recipes, all in benchmarks/problems/fronts/EarlyStopping.json). The last rounds gained
 * 0.0017 and 0.0008; the same again shrinking (0.0007) is added: 12.67064 + 0.0007 ≈ 12.6713. Without the
 * neighbour moves, three refinement rounds stop at 12.66153: the grid alone misses discrete combinations.
 */
export const earlyStopping: MixedTestProblem = {
  name: 'EarlyStopping',
  space: {
    params: {
      batchSize: { type: 'categorical', choices: [16, 32, 64, 128] },
      learningRate: { type: 'float', low: 1e-4, high: 1e-1, log: true },
      width: { type: 'int', low: 16, high: 256, log: true },
      rule: { type: 'categorical', choices: ['fixed', 'patience', 'threshold', 'plateau'] },
      epochs: { type: 'int', low: 5, high: 60, when: "rule == 'fixed'" },
      patience: { type: 'int', low: 1, high: 12, when: "rule == 'patience'" },
      target: { type: 'float', low: 0.8, high: 0.99, when: "rule == 'threshold'" },
      minDelta: { type: 'float', low: 1e-4, high: 3e-2, log: true, when: "rule == 'plateau'" },
    },
  },
  evaluate(params) {
    return earlyStoppingObjectives(params.batchSize as number, params.learningRate as number, params.width as number, (accuracy) =>
      earlyStoppingEpoch(params, accuracy),
    );
  },
  refPoint: [100, 0.25],
  maxHypervolume: 12.6713,
};
