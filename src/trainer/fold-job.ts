import type { StoppingConfig } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import type { FoldSplit } from './folds.js';
import type { TrainingConfig } from './hyperparameters.js';

/** Everything one fold's run needs besides the task; plain data, so it crosses to a worker unchanged. */
export interface FoldJob {
  fold: number;
  split: FoldSplit;
  training: TrainingConfig;
  stopping: StoppingConfig;
  /** The run ends before its tokens (training + dev reads) would exceed this. */
  budgetTokens: number;
  /** Seeds weights, batch order and dropout. */
  seed: number;
  /** Other runs' curves on this fold, for the `median` rule. */
  peers?: readonly LearningCurve[];
  /**
   * Also measure held-out EM at every dev evaluation (reported in `onEvaluation`, not counted as tokens) so that a
   * benchmark can say what EM an earlier stop would have had. Never used for stopping decisions.
   */
  probeHeldOut?: boolean;
  /**
   * Benchmarks only: also measure EM on these examples (the task's test part) at every dev evaluation, reported in
   * `onEvaluation` and never used for stopping decisions or counted as tokens.
   */
  probeTestIdx?: Int32Array;
  /**
   * Also measure dev EM, dev loss and held-out EM at a grid of training tokens this far apart (FoldResult.grid), for
   * scoring other stopping rules on this run. Measurements only: the stopping rule sees the same evaluations as
   * without them, their reads are not the recipe's tokens (GridCurve.measurementTokens) and `onEvaluation` does not
   * report them. With a spacing that divides `stopping.evalEvery` (checkGridEvery), every dev evaluation is a grid
   * point.
   */
  gridEvery?: number;
}
