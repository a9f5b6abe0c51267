import type { Tensor } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';

/**
 * Softmax cross-entropy of each output slot: logits B x slots x V, targets B x slots ids → B x slots values,
 * −log softmax(logits)[target]. Written with logSoftmax (max-shifted, stable) and a one-hot product: fewer ops than
 * tf.losses.softmaxCrossEntropy, which also handles weights and label smoothing. Allocates: call inside tidy.
 */
export function slotCrossEntropy(tf: TfModule, logits: Tensor, targets: Tensor, vocabularySize: number): Tensor {
  const logProbabilities = tf.logSoftmax(logits);
  return tf.neg(tf.sum(tf.mul(tf.oneHot(targets, vocabularySize), logProbabilities), -1));
}
