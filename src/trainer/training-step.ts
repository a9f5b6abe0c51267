import type { Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import { slotCrossEntropy } from './cross-entropy.js';
import type { Seq2SeqModel } from './models/index.js';
import type { FlatOptimizer } from './optimizer.js';
import type { TaskTensors } from './task-tensors.js';

/**
 * The loss the trainer minimizes: slot cross-entropy of the teacher-forced logits, averaged over the slots the
 * model counts (model.lossWeights; every slot when it returns null). Allocates: call inside tidy.
 */
export function batchLoss(tf: TfModule, model: Seq2SeqModel, x: Tensor2D, y: Tensor2D, vocabularySize: number, dropoutSeed?: number): Scalar {
  const perSlot = slotCrossEntropy(tf, model.logits(x, y, dropoutSeed), y, vocabularySize);
  const weights = model.lossWeights(y);
  if (!weights) return tf.mean(perSlot) as Scalar;
  return tf.div(tf.sum(tf.mul(perSlot, weights) as Tensor), tf.sum(weights)) as Scalar;
}

/**
 * One optimizer step on the examples whose rows `batch` (int32 indices into the task tensors) names: gather,
 * forward with dropout, batchLoss, gradients (tf.variableGrads), update (at `learningRate` if given). Returns the
 * batch loss as a scalar tensor the caller must dispose (reading it forces a sync, so the trainer reads losses in
 * groups). Everything else it allocates is freed. This is the step the trainer runs and the throughput benchmark times.
 */
export function trainingStep(
  tf: TfModule,
  model: Seq2SeqModel,
  optimizer: FlatOptimizer,
  data: TaskTensors,
  batch: Tensor1D,
  dropoutSeed: number,
  learningRate?: number,
): Scalar {
  return tf.tidy(() => {
    const x = tf.gather(data.inputs, batch) as Tensor2D;
    const y = tf.gather(data.targets, batch) as Tensor2D;
    const { value, grads } = tf.variableGrads(
      () => batchLoss(tf, model, x, y, data.shape.vocabularySize, dropoutSeed),
      model.variables as Variable[],
    );
    optimizer.step(
      model.variables.map((variable) => grads[variable.name]),
      learningRate,
    );
    return value;
  });
}
