import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import { slotCrossEntropy } from './cross-entropy.js';
import type { SlotModel } from './model.js';

/** Rows per forward pass when evaluating: bounds memory without costing many passes. */
const EVALUATION_CHUNK = 2048;

/** Exact match and loss of the model on a set of examples. */
export interface SplitScore {
  /** Fraction of the examples whose every output slot (characters and padding) is predicted right. */
  em: number;
  /** Mean softmax cross-entropy per output slot (the target's characters and its padding slots). */
  loss: number;
}

/**
 * Scores the model on the rows `indices` of `inputs` (n x inputWidth ids) and `targets` (n x targetWidth ids), in
 * chunks, dropout off. A prediction matches when all slots equal the padded target, i.e. when the decoded text
 * equals the target exactly. One read back to JavaScript per call. Cost: |indices| forward passes' worth of work.
 */
export function evaluateSplit(
  tf: TfModule,
  model: SlotModel,
  inputs: Tensor2D,
  targets: Tensor2D,
  indices: Int32Array,
  vocabularySize: number,
): SplitScore {
  if (indices.length === 0) return { em: 0, loss: 0 };
  const totals = tf.tidy(() => {
    let matches: Tensor = tf.scalar(0);
    let lossSum: Tensor = tf.scalar(0);
    for (let start = 0; start < indices.length; start += EVALUATION_CHUNK) {
      const chunk = tf.tensor1d(indices.subarray(start, start + EVALUATION_CHUNK), 'int32') as Tensor1D;
      const x = tf.gather(inputs, chunk) as Tensor2D;
      const y = tf.gather(targets, chunk);
      const logits = model.logits(x);
      const exact = tf.all(tf.equal(tf.argMax(logits, -1), y), 1);
      matches = tf.add(matches, tf.sum(tf.cast(exact, 'float32')));
      const perSlot = slotCrossEntropy(tf, logits, y, vocabularySize);
      lossSum = tf.add(lossSum, tf.sum(perSlot));
    }
    return tf.stack([matches, lossSum]);
  });
  const [matches, lossSum] = totals.dataSync();
  totals.dispose();
  const slots = indices.length * (targets.shape[1] ?? 1);
  return { em: matches / indices.length, loss: lossSum / slots };
}
