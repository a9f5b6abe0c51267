import type { Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/random/rng.js';
import { loadBackend, type TfModule } from '../../../src/trainer/backend.js';
import { createHandWrittenGradients } from '../../../src/trainer/models/hand-written-gradients.js';
import { trainingBackends } from '../backends.js';

const backends = await trainingBackends();
const EPSILON = 1e-5;

/** normal(0, scale²) values of `shape` from a seeded generator, with every 7th value exactly 0 (ReLU's kink). */
function normal(tf: TfModule, shape: number[], seed: number, scale = 1): Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, (_, i) => (i % 7 === 3 ? 0 : rng.normal() * scale)), shape);
}

/**
 * Value and gradients, with respect to every input, of Σ f(inputs)·weights (random weights, so that every output
 * carries its own gradient), by tfjs' autodiff of whatever f runs.
 */
function valueAndGradients(tf: TfModule, f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], seed: number): { value: number[]; gradients: number[][] } {
  return tf.tidy(() => {
    const value = f(...inputs);
    const weights = normal(tf, value.shape, seed);
    const gradients = tf.grads((...xs: Tensor[]) => tf.sum(tf.mul(f(...xs), weights)))(inputs);
    return { value: Array.from(value.dataSync()), gradients: gradients.map((gradient) => Array.from(gradient.dataSync())) };
  });
}

function expectClose(actual: number[], expected: number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1, ...expected.map(Math.abs));
  const worst = Math.max(...actual.map((value, i) => Math.abs(value - expected[i])));
  expect(worst / scale).toBeLessThan(tolerance);
}

describe.each(backends)('hand-written gradients on %s', (backend) => {
  it('LayerNorm computes what tfjs ops compute, with the gradients of tfjs autodiff', async () => {
    const { tf } = await loadBackend(backend);
    const ops = createHandWrittenGradients(tf, EPSILON);
    const plain = (x: Tensor, scale: Tensor, shift: Tensor) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPSILON))), scale), shift);
    };
    const inputs = [normal(tf, [6, 8], 1, 3), normal(tf, [8], 2), normal(tf, [8], 3)];
    const handWritten = valueAndGradients(tf, (x, scale, shift) => ops.layerNorm(x as Tensor2D, scale, shift), inputs, 4);
    const autodiff = valueAndGradients(tf, plain, inputs, 4);
    expect(handWritten.value).toEqual(autodiff.value);
    handWritten.gradients.forEach((gradient, i) => expectClose(gradient, autodiff.gradients[i], 1e-5));
    tf.dispose(inputs);
  });

  it('ReLU has tfjs\' gradient, 0 at the kink', async () => {
    const { tf } = await loadBackend(backend);
    const ops = createHandWrittenGradients(tf, EPSILON);
    const x = normal(tf, [5, 7], 5);
    const handWritten = valueAndGradients(tf, (input) => ops.relu(input as Tensor2D), [x], 6);
    const autodiff = valueAndGradients(tf, (input) => tf.relu(input), [x], 6);
    expect(handWritten.value).toEqual(autodiff.value);
    expect(handWritten.gradients[0]).toEqual(autodiff.gradients[0]);
    expect(handWritten.gradients[0].filter((_, i) => i % 7 === 3).every((value) => value === 0)).toBe(true);
    x.dispose();
  });

  it('a linear map with bias computes what tfjs ops compute, with tfjs\' gradients', async () => {
    const { tf } = await loadBackend(backend);
    const ops = createHandWrittenGradients(tf, EPSILON);
    const inputs = [normal(tf, [6, 5], 11), normal(tf, [5, 4], 12), normal(tf, [4], 13)];
    const handWritten = valueAndGradients(tf, (x, weights, bias) => ops.linear(x as Tensor2D, weights, bias), inputs, 14);
    const autodiff = valueAndGradients(tf, (x, weights, bias) => tf.add(tf.matMul(x as Tensor2D, weights as Tensor2D), bias), inputs, 14);
    expect(handWritten.value).toEqual(autodiff.value);
    handWritten.gradients.forEach((gradient, i) => expectClose(gradient, autodiff.gradients[i], 1e-6));
    tf.dispose(inputs);
  });

  it('a residual connection passes the gradient to both sides, also when both come from one tensor', async () => {
    const { tf } = await loadBackend(backend);
    const ops = createHandWrittenGradients(tf, EPSILON);
    const inputs = [normal(tf, [4, 5], 15), normal(tf, [5, 5], 16), normal(tf, [5], 17)];
    // x + relu(x·W + b), then again: the stream and the branch share x, as in a Transformer block.
    const block = (residual: (a: Tensor2D, b: Tensor2D) => Tensor2D) => (x: Tensor, weights: Tensor, bias: Tensor) => {
      const once = residual(x as Tensor2D, tf.relu(tf.add(tf.matMul(x as Tensor2D, weights as Tensor2D), bias)) as Tensor2D);
      return residual(once, tf.relu(tf.add(tf.matMul(once, weights as Tensor2D), bias)) as Tensor2D);
    };
    const handWritten = valueAndGradients(tf, block(ops.residual), inputs, 18);
    const autodiff = valueAndGradients(tf, block((a, b) => tf.add(a, b)), inputs, 18);
    expect(handWritten.value).toEqual(autodiff.value);
    handWritten.gradients.forEach((gradient, i) => expectClose(gradient, autodiff.gradients[i], 1e-6));
    tf.dispose(inputs);
  });

  it('attention computes what tfjs ops compute, with the gradients of tfjs autodiff, and none to its bias', async () => {
    const { tf } = await loadBackend(backend);
    const ops = createHandWrittenGradients(tf, EPSILON);
    // 2 rows, 3 heads, 4 queries over 5 keys of 6 channels; the bias hides key 4 from row 0 and key 0 from query 1.
    const bias = tf.tidy(() => {
      const structure = tf.tensor4d([0, 0, 0, 0, 0, -1e9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 4, 5]);
      return tf.add(tf.tensor4d([0, 0, 0, 0, -1e9, 0, 0, 0, 0, 0], [2, 1, 1, 5]), structure);
    });
    const scale = 1 / Math.sqrt(6);
    const plain = (q: Tensor, k: Tensor, v: Tensor) => tf.matMul(tf.softmax(tf.add(tf.mul(tf.matMul(q as Tensor4D, k as Tensor4D, false, true), scale), bias)), v as Tensor4D);
    const inputs = [normal(tf, [2, 3, 4, 6], 7), normal(tf, [2, 3, 5, 6], 8), normal(tf, [2, 3, 5, 6], 9)];
    const handWritten = valueAndGradients(tf, (q, k, v) => ops.attention(q as Tensor4D, k as Tensor4D, v as Tensor4D, bias, scale), inputs, 10);
    const autodiff = valueAndGradients(tf, plain, inputs, 10);
    expect(handWritten.value).toEqual(autodiff.value);
    handWritten.gradients.forEach((gradient, i) => expectClose(gradient, autodiff.gradients[i], 1e-5));
    // A hidden key's value gets no gradient from the rows it is hidden from: key 4 of row 0.
    const valueGradient = handWritten.gradients[2];
    for (let head = 0; head < 3; head++) {
      const key4 = valueGradient.slice(head * 30 + 24, head * 30 + 30);
      expect(key4.every((value) => value === 0)).toBe(true);
    }
    tf.dispose([...inputs, bias]);
  });
});
