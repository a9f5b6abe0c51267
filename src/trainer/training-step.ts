import type { Scalar, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import { slotCrossEntropy } from './cross-entropy.js';
import type { SlotModel } from './model.js';
import type { FlatOptimizer } from './optimizer.js';
import type { TaskTensors } from './task-tensors.js';

/**
 * One optimizer step on the examples whose rows `batch` (int32 indices into the task tensors) names: gather,
 * forward with dropout, mean slot cross-entropy, gradients (tf.variableGrads), update (at `learningRate` if given). Returns the batch loss as a
 * scalar tensor the caller must dispose (reading it forces a sync, so the trainer reads losses in groups).
 * Everything else it allocates is freed. This is the step the trainer runs and the throughput benchmark times.
 */
export function trainingStep(
  tf: TfModule,
  model: SlotModel,
  optimizer: FlatOptimizer,
  data: TaskTensors,
  batch: Tensor1D,
  dropoutSeed: number,
  learningRate?: number,
): Scalar {
  return tf.tidy(() => {
    const x = tf.gather(data.inputs, batch) as Tensor2D;
    const y = tf.gather(data.targets, batch);
    const { value, grads } = tf.variableGrads(
      () => tf.mean(slotCrossEntropy(tf, model.logits(x, dropoutSeed), y, data.shape.vocabularySize)) as Scalar,
      model.variables as Variable[],
    );
    optimizer.step(
      model.variables.map((variable) => grads[variable.name]),
      learningRate,
    );
    return value;
  });
}
