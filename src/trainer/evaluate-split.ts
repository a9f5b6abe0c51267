import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import { slotCrossEntropy } from './cross-entropy.js';
import type { Seq2SeqModel } from './models/index.js';

/** Exact match and loss of the model on a set of examples. */
export interface SplitScore {
  /** Fraction of the examples whose every output slot (characters and padding) is predicted right. */
  em: number;
  /** Mean teacher-forced softmax cross-entropy per counted target slot (model.lossWeights; null: every slot). */
  loss: number;
}

/**
 * Scores the model on the rows `indices` of `inputs` (n x inputWidth ids) and `targets` (n x targetWidth ids), in
 * chunks of model.evaluationRows, dropout off. A prediction (model.predict: argmax of the slot model, greedy decoding of the Transformer)
 * matches when all slots equal the padded target, i.e. when the decoded text equals the target exactly. One read
 * back to JavaScript per call. Cost: |indices| forward passes' worth of work, times targetWidth decoding steps for
 * an autoregressive model.
 */
export function evaluateSplit(
  tf: TfModule,
  model: Seq2SeqModel,
  inputs: Tensor2D,
  targets: Tensor2D,
  indices: Int32Array,
  vocabularySize: number,
): SplitScore {
  if (indices.length === 0) return { em: 0, loss: 0 };
  const totals = tf.tidy(() => {
    let sums: Tensor = tf.zeros([3]);
    const rows = model.evaluationRows;
    for (let start = 0; start < indices.length; start += rows) {
      // One scope per chunk: only the running sums outlive it.
      const previous = sums;
      sums = tf.tidy(() => {
        const chunk = tf.tensor1d(indices.subarray(start, start + rows), 'int32') as Tensor1D;
        const x = tf.gather(inputs, chunk) as Tensor2D;
        const y = tf.gather(targets, chunk) as Tensor2D;
        const logits = model.logits(x, y);
        const exact = tf.all(tf.equal(model.predict(x, logits), y), 1);
        const perSlot = slotCrossEntropy(tf, logits, y, vocabularySize);
        const weights = model.lossWeights(y);
        const matches = tf.sum(tf.cast(exact, 'float32'));
        const lossSum = tf.sum(weights ? tf.mul(perSlot, weights) : perSlot);
        const counted = weights ? tf.sum(weights) : tf.scalar(perSlot.size);
        return tf.add(previous, tf.stack([matches, lossSum, counted]));
      });
      previous.dispose();
    }
    return sums;
  });
  const [matches, lossSum, counted] = totals.dataSync();
  totals.dispose();
  return { em: matches / indices.length, loss: lossSum / counted };
}
