import { describe, expect, it } from 'vitest';
import { loadBackend } from '../../src/trainer/backend.js';
import { createOptimizer } from '../../src/trainer/optimizer.js';
import type { TrainingConfig } from '../../src/trainer/hyperparameters.js';
import { trainingBackends } from './backends.js';

const backends = await trainingBackends();

/** Runs `steps` updates with fixed gradients on two variables (the first decayed) and returns their values. */
async function optimize(
  backend: (typeof backends)[number],
  config: Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'weightDecay'>,
  gradients: [number[], number[]],
  steps: number,
): Promise<[number[], number[]]> {
  const { tf } = await loadBackend(backend);
  const before = tf.memory().numTensors;
  const decayedVariable = tf.variable(tf.tensor1d([1, -2]));
  const plainVariable = tf.variable(tf.tensor2d([[3]]));
  const optimizer = createOptimizer(tf, config, [decayedVariable, plainVariable], [decayedVariable]);
  const grads = [tf.tensor1d(gradients[0]), tf.tensor2d([gradients[1]])];
  for (let i = 0; i < steps; i++) optimizer.step(grads);
  const values: [number[], number[]] = [Array.from(decayedVariable.dataSync()), Array.from(plainVariable.dataSync())];
  optimizer.dispose();
  tf.dispose([decayedVariable, plainVariable, ...grads]);
  // tf.variable's initial tensors are the test's, not the optimizer's: everything the optimizer made is gone.
  expect(tf.memory().numTensors - before).toBe(2);
  return values;
}

function expectClose(actual: number[], expected: number[]): void {
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
}

describe.each(backends)('flat optimizer on %s', (backend) => {
  it('adam moves each weight by learningRate x sign(gradient) while the gradient is constant (bias-corrected)', async () => {
    const [w, u] = await optimize(backend, { optimizer: 'adam', learningRate: 0.1, weightDecay: 0 }, [[0.5, -3], [2]], 2);
    expectClose(w, [0.8, -1.8]);
    expectClose(u, [2.8]);
  });

  it('adamw shrinks only decayed weights by (1 − lr·wd) before the adam step', async () => {
    const [w, u] = await optimize(backend, { optimizer: 'adamw', learningRate: 0.1, weightDecay: 0.5 }, [[0.5, -3], [2]], 1);
    expectClose(w, [1 * 0.95 - 0.1, -2 * 0.95 + 0.1]);
    expectClose(u, [2.9]);
  });

  it('sgd-momentum accumulates velocity v ← 0.9v + g, with the L2 gradient wd·w on decayed weights', async () => {
    const [w, u] = await optimize(backend, { optimizer: 'sgd-momentum', learningRate: 0.1, weightDecay: 0 }, [[1, -1], [2]], 2);
    expectClose(w, [1 - 0.1 - 0.19, -2 + 0.1 + 0.19]);
    expectClose(u, [3 - 0.2 - 0.38]);
    const [decayed] = await optimize(backend, { optimizer: 'sgd-momentum', learningRate: 0.1, weightDecay: 0.5 }, [[1, -1], [2]], 1);
    expectClose(decayed, [1 - 0.1 * (1 + 0.5 * 1), -2 - 0.1 * (-1 + 0.5 * -2)]);
  });

  it('rmsprop divides by the root of the running mean square', async () => {
    const [w] = await optimize(backend, { optimizer: 'rmsprop', learningRate: 0.01, weightDecay: 0 }, [[2, -4], [1]], 1);
    expectClose(w, [1 - (0.01 * 2) / Math.sqrt(0.1 * 4 + 1e-7), -2 + (0.01 * 4) / Math.sqrt(0.1 * 16 + 1e-7)]);
  });
});
