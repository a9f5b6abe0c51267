import type { Scalar, Tensor, Tensor1D, Variable } from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../random/rng.js';
import { createStopper } from '../stopping/index.js';
import type { CurvePoint } from '../stopping/types.js';
import type { FoldResult, GridCurve } from './results.js';
import type { TfModule } from './backend.js';
import { tokensOf } from './encoded-task.js';
import { evaluateSplit, type SplitScore } from './evaluate-split.js';
import { reachesMultiple } from './evaluation-schedule.js';
import type { FoldJob } from './fold-job.js';
import { emptyGridCurve } from './grid-curve.js';
import { createModel } from './models/index.js';
import { createOptimizer } from './optimizer.js';
import { deriveSeed } from './seeds.js';
import type { TaskTensors } from './task-tensors.js';
import { trainingStep } from './training-step.js';
import { learningRateAt } from './training-config.js';

/** Training steps between reads of the loss for divergence checks (each read is one sync with the backend). */
const LOSS_CHECK_STEPS = 10;
/** A run whose mean training loss over a check window exceeds this multiple of its first loss has diverged. */
const EXPLOSION_FACTOR = 10;

/** What a run reports at each dev evaluation. */
export interface EvaluationEvent {
  fold: number;
  /** Position of the point in the curve. */
  index: number;
  point: CurvePoint;
  /** Held-out EM at this point: only with `probeHeldOut` (benchmarks), never seen by the stopping rule. */
  heldOutEm?: number;
  /** Test-part EM at this point: only with `probeTestIdx` (benchmarks), never seen by the stopping rule. */
  testEm?: number;
}

/** One fold's job (plain data, see FoldJob) plus the backend, the task's tensors and a progress callback. */
export interface RunOptions extends FoldJob {
  tf: TfModule;
  data: TaskTensors;
  onEvaluation?: (event: EvaluationEvent) => void;
  /**
   * Polled where the run yields to the event loop (after each dev evaluation or grid point): once it returns true,
   * the run frees its tensors and rejects with FoldCancelledError. A fold process uses it to end between TensorFlow
   * calls rather than be torn down inside one.
   */
  cancelled?: () => boolean;
  /**
   * Called between batches after each measurement (a dev evaluation or a grid point), with the training tokens so
   * far and the model's variables, e.g. to keep a checkpoint. It must not change the variables.
   */
  onCheckpoint?: (checkpoint: { trainingTokens: number; variables: readonly Variable[] }) => void;
}

/** A run stopped by its `cancelled` check; it has no result. */
export class FoldCancelledError extends Error {
  constructor(fold: number) {
    super(`fold ${fold} was cancelled`);
    this.name = 'FoldCancelledError';
  }
}

/** Why a run stopped early because its loss went bad, or null if the losses are fine. */
function divergence(losses: Float32Array | Int32Array | Uint8Array, initialLoss: number): string | null {
  let sum = 0;
  for (const loss of losses) {
    if (Number.isNaN(loss)) return 'NaN loss';
    if (!Number.isFinite(loss)) return 'infinite loss';
    sum += loss;
  }
  const mean = sum / losses.length;
  if (mean > EXPLOSION_FACTOR * initialLoss) {
    return `loss exploded (${mean.toPrecision(3)} > ${EXPLOSION_FACTOR}x the first loss ${initialLoss.toPrecision(3)})`;
  }
  return null;
}

/**
 * One training run on one fold (DESIGN.md, Methodology): trains on `split.trainIdx` in shuffled minibatches,
 * evaluates dev EM and dev loss on `split.devIdx` at the first batch boundary at or past each multiple of
 * `stopping.evalEvery` training tokens (reachesMultiple; those reads count as tokens), lets the stopping rule see
 * only that dev curve, stops on the rule or before the budget would be exceeded, restores the best dev checkpoint if
 * `stopping.restoreBest`, and measures EM on `split.heldOutIdx`. With `gridEvery` it also records dev and held-out
 * measurements at that finer spacing (FoldResult.grid), which change neither the rule's curve nor the tokens.
 * Evaluations draw no random numbers and change no weights: the weights after a given batch do not depend on
 * `evalEvery` or `gridEvery` (dropout seeds follow the step, batch order its own generator, the learning rate the
 * training tokens). A NaN, infinite or exploding training loss (or a non-finite dev loss) ends the run at once with
 * EM 0. Deterministic for a seed on a given backend. Frees every tensor it makes. Cost: about budgetTokens /
 * throughput, plus the evaluations.
 */
export async function trainRun(options: RunOptions): Promise<FoldResult> {
  const { tf, data, fold, split, training, stopping, budgetTokens, seed } = options;
  if (split.trainIdx.length === 0) throw new RangeError('trainRun: the training split is empty');
  const started = performance.now();
  const { vocabularySize } = data.shape;
  const model = createModel(tf, data.shape, training, deriveSeed(seed, 'weights'));
  const optimizer = createOptimizer(tf, training, model.variables, model.decayed);
  const stopper = createStopper(stopping, { budgetTokens, peers: options.peers });
  const batchRng = createRng(deriveSeed(seed, 'batches'));
  const batchSize = Math.min(training.batchSize, split.trainIdx.length);
  const devTokens = tokensOf(data.exampleTokens, split.devIdx);
  const grid: GridCurve | null =
    options.gridEvery === undefined ? null : emptyGridCurve(options.gridEvery, devTokens, tokensOf(data.exampleTokens, split.heldOutIdx));

  let tokens = 0;
  // Training tokens alone: the learning-rate schedule follows them, so evaluating more often changes nothing else.
  let trainingTokens = 0;
  let step = 0;
  let stopReason: string | null = null;
  let diverged = false;
  let best: { index: number; weights: Tensor[] } | null = null;
  let pendingLosses: Scalar[] = [];
  let initialLoss = NaN;
  let order: Tensor1D | null = null;
  const curve: CurvePoint[] = [];

  const checkLosses = (): string | null => {
    if (pendingLosses.length === 0) return null;
    const stacked = tf.stack(pendingLosses);
    const values = stacked.dataSync() as Float32Array;
    stacked.dispose();
    for (const loss of pendingLosses) loss.dispose();
    pendingLosses = [];
    if (Number.isNaN(initialLoss)) initialLoss = values[0];
    return divergence(values, initialLoss);
  };

  const keepBest = (index: number): void => {
    if (best) for (const weights of best.weights) weights.dispose();
    best = { index, weights: model.variables.map((variable) => tf.clone(variable)) };
  };

  const measure = (indices: Int32Array): SplitScore =>
    evaluateSplit(tf, model, data.inputs, data.targets, indices, vocabularySize);

  /** One evaluation of the recipe's own schedule: its dev read counts as tokens and the stopping rule sees it. */
  const observeDev = (dev: SplitScore, heldOutEm: number | undefined): void => {
    tokens += devTokens;
    const point = { tokens, devEm: dev.em, devLoss: dev.loss };
    curve.push(point);
    const event: EvaluationEvent = { fold, index: curve.length - 1, point };
    if (options.probeHeldOut) event.heldOutEm = heldOutEm ?? measure(split.heldOutIdx).em;
    if (options.probeTestIdx) event.testEm = measure(options.probeTestIdx).em;
    options.onEvaluation?.(event);
    if (!Number.isFinite(dev.loss)) {
      diverged = true;
      stopReason = `diverged: dev loss ${dev.loss}`;
      return;
    }
    const decision = stopper.observe(point);
    if (stopping.restoreBest && stopper.bestIndex() === curve.length - 1) keepBest(curve.length - 1);
    if (decision.stop) stopReason = decision.reason ?? `rule:${stopping.rule}`;
  };

  try {
    epochs: while (stopReason === null) {
      const permutation = Int32Array.from(shuffleInPlace(Array.from(split.trainIdx), batchRng));
      order = tf.tensor1d(permutation, 'int32');
      for (let start = 0; start + batchSize <= permutation.length; start += batchSize) {
        const batchTokens = tokensOf(data.exampleTokens, permutation.subarray(start, start + batchSize));
        if (tokens + batchTokens > budgetTokens) {
          stopReason = 'budget';
          break epochs;
        }
        const dropoutSeed = deriveSeed(seed, 'dropout', step);
        const batchOrder = order;
        const loss = tf.tidy(() =>
          trainingStep(tf, model, optimizer, data, tf.slice(batchOrder, start, batchSize), dropoutSeed, learningRateAt(training, trainingTokens)),
        );
        pendingLosses.push(loss);
        step++;
        tokens += batchTokens;
        const evaluationDue = reachesMultiple(trainingTokens, trainingTokens + batchTokens, stopping.evalEvery);
        const gridDue = grid !== null && reachesMultiple(trainingTokens, trainingTokens + batchTokens, grid.every);
        trainingTokens += batchTokens;
        if (pendingLosses.length >= LOSS_CHECK_STEPS || evaluationDue) {
          const reason = checkLosses();
          if (reason) {
            diverged = true;
            stopReason = `diverged: ${reason}`;
            break epochs;
          }
        }
        if (!evaluationDue && !gridDue) continue;
        // The recipe's dev read must fit in the budget, or the run ends here; grid measurements cost it nothing.
        const recipeEvaluates = evaluationDue && tokens + devTokens <= budgetTokens;
        if (recipeEvaluates || gridDue) {
          const dev = measure(split.devIdx);
          let heldOutEm: number | undefined;
          if (gridDue) {
            heldOutEm = measure(split.heldOutIdx).em;
            grid.trainingTokens.push(trainingTokens);
            grid.devEm.push(dev.em);
            grid.devLoss.push(dev.loss);
            grid.heldOutEm.push(heldOutEm);
            grid.measurementTokens += grid.heldOutTokens + (recipeEvaluates ? 0 : devTokens);
          }
          if (recipeEvaluates) observeDev(dev, heldOutEm);
          options.onCheckpoint?.({ trainingTokens, variables: model.variables });
        }
        if (evaluationDue && !recipeEvaluates) {
          stopReason = 'budget';
          break epochs;
        }
        if (stopReason !== null) break epochs;
        // Let the event loop run (progress messages, a UI, a request to stop) between evaluations.
        await new Promise((resolve) => setImmediate(resolve));
        if (options.cancelled?.()) throw new FoldCancelledError(fold);
      }
      order.dispose();
      order = null;
    }

    let em = 0;
    let restoredFromTokens: number | undefined;
    if (!diverged) {
      const kept = best as { index: number; weights: Tensor[] } | null;
      if (stopping.restoreBest && kept) {
        model.variables.forEach((variable, i) => variable.assign(kept.weights[i]));
        restoredFromTokens = curve[kept.index].tokens;
      }
      em = evaluateSplit(tf, model, data.inputs, data.targets, split.heldOutIdx, vocabularySize).em;
    }
    return {
      fold,
      tokens,
      em,
      heldOutSize: split.heldOutIdx.length,
      stopReason: stopReason ?? 'budget',
      diverged,
      ...(restoredFromTokens !== undefined ? { restoredFromTokens } : {}),
      curve,
      ...(grid ? { grid } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    (order as Tensor1D | null)?.dispose();
    for (const loss of pendingLosses) loss.dispose();
    const kept = best as { index: number; weights: Tensor[] } | null;
    if (kept) for (const weights of kept.weights) weights.dispose();
    optimizer.dispose();
    model.dispose();
  }
}
