import type { Tensor, Variable } from '@tensorflow/tfjs';
import type { Rng } from '../../random/rng.js';
import type { TfModule } from '../backend.js';

/**
 * A variable of normal(0, scale²) values drawn in JavaScript from the project's generator, so that the same seed
 * gives the same initial weights on every backend. Cost: O(size).
 */
export function normalWeights(tf: TfModule, shape: number[], scale: number, rng: Rng, trainable = true): Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.normal() * scale;
  return variableFrom(tf, tf.tensor(values, shape, 'float32'), trainable);
}

/** tf.variable keeps its initial tensor alive as a separate handle; dispose that handle so only the variable remains. */
export function variableFrom(tf: TfModule, initial: Tensor, trainable = true): Variable {
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}

export function zeros(tf: TfModule, shape: number[]): Variable {
  return variableFrom(tf, tf.zeros(shape, 'float32'));
}

export function ones(tf: TfModule, shape: number[]): Variable {
  return variableFrom(tf, tf.ones(shape, 'float32'));
}
