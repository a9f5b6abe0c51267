import type { Tensor2D } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadBackend } from '../../../src/trainer/backend.js';
import { createSlotModel, slotModelParameterCount } from '../../../src/trainer/models/slot.js';
import { trainingConfigFromParams } from '../../../src/trainer/training-config.js';
import { trainingBackends } from '../backends.js';

const backends = await trainingBackends();
const shape = { inputWidth: 5, targetWidth: 3, vocabularySize: 7 };

describe.each(backends)('slot model on %s', (backend) => {
  it('predicts every output slot at once and counts its parameters', async () => {
    const { tf } = await loadBackend(backend);
    const config = trainingConfigFromParams({ width: 12, depth: 2, embedding: 8, heads: 4, dropout: 0.5 });
    const model = createSlotModel(tf, shape, config, 1);
    const counted = model.variables.reduce((sum, variable) => sum + variable.size, 0);
    expect(model.paramCount).toBe(counted);
    expect(slotModelParameterCount(shape, config)).toBe(counted);
    const inputs = tf.tensor2d([[1, 2, 3, 4, 0], [6, 6, 0, 0, 0]], undefined, 'int32') as Tensor2D;
    const targets = tf.tensor2d([[1, 0, 2], [3, 3, 0]], undefined, 'int32') as Tensor2D;
    const otherTargets = tf.tensor2d([[5, 5, 5], [1, 2, 0]], undefined, 'int32') as Tensor2D;
    const evaluation = tf.tidy(() => Array.from(model.logits(inputs, targets).dataSync()));
    const again = tf.tidy(() => Array.from(model.logits(inputs, otherTargets).dataSync()));
    const training = tf.tidy(() => model.logits(inputs, targets, 99));
    expect(training.shape).toEqual([2, 3, 7]);
    expect(again).toEqual(evaluation); // dropout off without a seed, and the target is never read
    expect(Array.from(training.dataSync())).not.toEqual(evaluation); // on with one
    const predicted = tf.tidy(() => {
      const logits = model.logits(inputs, targets);
      return [Array.from(model.predict(inputs, logits).dataSync()), Array.from(tf.argMax(logits, -1).dataSync())];
    });
    expect(predicted[0]).toEqual(predicted[1]); // predictions are the logits' argmax
    expect(model.lossWeights(targets)).toBeNull(); // every slot counts
    tf.dispose([training, inputs, targets, otherTargets]);
    model.dispose();
  });

  it('draws the same initial weights for the same seed', async () => {
    const { tf } = await loadBackend(backend);
    const config = trainingConfigFromParams({ width: 8, depth: 1, embedding: 8, heads: 2 });
    const weights = (seed: number) => {
      const model = createSlotModel(tf, shape, config, seed);
      const values = model.variables.map((variable) => Array.from(variable.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(5)).toEqual(weights(5));
    expect(weights(5)).not.toEqual(weights(6));
  });
});

describe.each(backends)('plain-product gradients on %s', (backend) => {
  it('equal tfjs\' own gradients', async () => {
    const { tf } = await loadBackend(backend);
    const config = trainingConfigFromParams({ width: 12, depth: 2, embedding: 8, heads: 2 });
    const inputs = tf.tensor2d([[1, 2, 3, 4, 0], [6, 6, 0, 0, 5]], undefined, 'int32') as Tensor2D;
    const targets = tf.tensor2d([[1, 0, 2], [3, 3, 0]], undefined, 'int32');
    const gradients = (plainGradients: boolean) => {
      const model = createSlotModel(tf, shape, config, 4, { plainGradients });
      const values = tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => tf.losses.softmaxCrossEntropy(tf.oneHot(targets, 7), model.logits(inputs, targets as Tensor2D)) as never,
          model.variables as never,
        );
        return model.variables.map((variable) => Array.from(grads[variable.name].dataSync()));
      });
      model.dispose();
      return values.flat();
    };
    const plain = gradients(true);
    const builtIn = gradients(false);
    plain.forEach((value, i) => expect(value).toBeCloseTo(builtIn[i], 5));
    tf.dispose([inputs, targets]);
  });
});
