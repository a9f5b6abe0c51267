import type { Tensor2D } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/random/rng.js';
import { loadBackend, type TfModule } from '../../../src/trainer/backend.js';
import { encodeTask } from '../../../src/trainer/encoded-task.js';
import { evaluateSplit } from '../../../src/trainer/evaluate-split.js';
import { createModel, modelParameterCount } from '../../../src/trainer/models/index.js';
import { createTransformerModel, transformerParameterCount, type TransformerModel } from '../../../src/trainer/models/transformer.js';
import { createOptimizer } from '../../../src/trainer/optimizer.js';
import { createTaskTensors, taskDataOf } from '../../../src/trainer/task-tensors.js';
import type { Example } from '../../../src/trainer/tasks/types.js';
import { trainingConfigFromParams } from '../../../src/trainer/training-config.js';
import { trainingStep } from '../../../src/trainer/training-step.js';
import { timeoutFor } from '../../helpers/timeouts.js';
import { trainingBackends } from '../backends.js';

const backends = await trainingBackends();
const shape = { inputWidth: 5, targetWidth: 4, vocabularySize: 7 };
const small = trainingConfigFromParams({ model: 'transformer', embedding: 16, heads: 4, depth: 2, feedForward: 32 });

const ids = (tf: TfModule, rows: number[][]): Tensor2D => tf.tensor2d(rows, undefined, 'int32') as Tensor2D;
const values = (tensor: { dataSync(): ArrayLike<number> }): number[] => Array.from(tensor.dataSync());

/** 32 distinct strings of 3–5 letters and their reversals: a task that needs content, not slots, to align. */
function reversals(): Example[] {
  const rng = createRng(1);
  const seen = new Set<string>();
  const examples: Example[] = [];
  while (examples.length < 32) {
    let text = '';
    for (let length = 3 + rng.int(3); text.length < length; ) text += 'abcdef'[rng.int(6)];
    if (seen.has(text)) continue;
    seen.add(text);
    examples.push({ input: text, target: [...text].reverse().join('') });
  }
  return examples;
}

/** A Transformer trained on `reversals()` until every example is exact (at most `maxSteps` full-batch steps). */
function overfitReversals(tf: TfModule, maxSteps: number) {
  const task = encodeTask({ name: 'reversals', description: '', examples: reversals(), layout: { input: 'left', target: 'left' } });
  const data = createTaskTensors(tf, taskDataOf(task));
  const config = trainingConfigFromParams({ model: 'transformer', embedding: 32, heads: 4, depth: 2, feedForward: 64, learningRate: 0.01, warmupTokens: 0 });
  const model = createTransformerModel(tf, data.shape, config, 3);
  const optimizer = createOptimizer(tf, config, model.variables, model.decayed);
  const rows = Int32Array.from({ length: task.size }, (_, i) => i);
  const batch = tf.tensor1d(rows, 'int32');
  let em = 0;
  let steps = 0;
  while (steps < maxSteps && em < 1) {
    for (let i = 0; i < 10; i++, steps++) trainingStep(tf, model, optimizer, data, batch, steps).dispose();
    em = evaluateSplit(tf, model, data.inputs, data.targets, rows, data.shape.vocabularySize).em;
  }
  const dispose = () => {
    batch.dispose();
    optimizer.dispose();
    model.dispose();
    data.dispose();
  };
  return { em, steps, model, data, dispose };
}

describe.each(backends)('transformer on %s', (backend) => {
  it('gives teacher-forced logits per target slot, counts its parameters and uses dropout only with a seed', async () => {
    const { tf } = await loadBackend(backend);
    const model = createTransformerModel(tf, shape, { ...small, dropout: 0.3 }, 1);
    const counted = model.variables.reduce((sum, variable) => sum + variable.size, 0);
    expect(model.paramCount).toBe(counted);
    expect(transformerParameterCount(shape, small)).toBe(counted);
    expect(modelParameterCount(shape, small)).toBe(counted);
    const inputs = ids(tf, [[1, 2, 3, 4, 0], [6, 6, 0, 0, 0]]);
    const targets = ids(tf, [[4, 3, 2, 1], [6, 6, 0, 0]]);
    const evaluation = tf.tidy(() => values(model.logits(inputs, targets)));
    const training = tf.tidy(() => model.logits(inputs, targets, 99));
    expect(training.shape).toEqual([2, 4, 7]);
    expect(tf.tidy(() => values(model.logits(inputs, targets)))).toEqual(evaluation);
    expect(values(training)).not.toEqual(evaluation);
    const predicted = tf.tidy(() => model.predict(inputs, model.logits(inputs, targets)));
    expect(predicted.shape).toEqual([2, 4]);
    expect(predicted.dtype).toBe('int32');
    tf.dispose([inputs, targets, training, predicted]);
    model.dispose();
  });

  it('counts a target up to its end-of-sequence PAD in the loss, leading PADs of a right-aligned one included', async () => {
    const { tf } = await loadBackend(backend);
    const model = createTransformerModel(tf, shape, small, 1);
    const targets = ids(tf, [[4, 3, 0, 0], [4, 3, 2, 1], [0, 0, 5, 1], [0, 0, 0, 0]]);
    const weights = tf.tidy(() => model.lossWeights(targets)!.arraySync());
    expect(weights).toEqual([[1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0]]);
    targets.dispose();
    model.dispose();
  });

  it('does not let slots after the end of a target change the logits of the slots the loss counts', async () => {
    const { tf } = await loadBackend(backend);
    const model = createTransformerModel(tf, shape, small, 2);
    const inputs = ids(tf, [[1, 2, 0, 0, 0]]);
    // "2" then its end-of-sequence PAD: slots 2 and 3 are beyond the target, whatever they hold.
    const padded = ids(tf, [[2, 0, 0, 0]]);
    const changed = ids(tf, [[2, 0, 4, 0]]);
    const logitsOf = (targets: Tensor2D) => tf.tidy(() => values(model.logits(inputs, targets)));
    const before = logitsOf(padded);
    const after = logitsOf(changed);
    const countedSlots = 2 * 7;
    after.slice(0, countedSlots).forEach((value, i) => expect(value).toBeCloseTo(before[i], 5));
    // A later slot does see the change: the comparison above is not vacuous.
    expect(after.slice(3 * 7)).not.toEqual(before.slice(3 * 7));
    tf.dispose([inputs, padded, changed]);
    model.dispose();
  });

  it('masks the input padding in attention: trailing PAD columns do not change the logits', async () => {
    const { tf } = await loadBackend(backend);
    const model = createTransformerModel(tf, shape, small, 3);
    const targets = ids(tf, [[3, 2, 1, 0], [5, 5, 0, 0]]);
    const wide = ids(tf, [[1, 2, 3, 0, 0], [5, 5, 0, 0, 0]]);
    const narrow = ids(tf, [[1, 2, 3], [5, 5, 0]]);
    const full = tf.tidy(() => values(model.logits(wide, targets)));
    const trimmed = tf.tidy(() => values(model.logits(narrow, targets)));
    trimmed.forEach((value, i) => expect(value).toBeCloseTo(full[i], 4));
    // A character where the padding was does change them.
    const filled = ids(tf, [[1, 2, 3, 4, 0], [5, 5, 0, 0, 0]]);
    expect(tf.tidy(() => values(model.logits(filled, targets))).slice(0, 28)).not.toEqual(full.slice(0, 28));
    tf.dispose([targets, wide, narrow, filled]);
    model.dispose();
  });

  it('draws the same initial weights for the same seed', async () => {
    const { tf } = await loadBackend(backend);
    const weights = (seed: number) => {
      const model = createModel(tf, shape, small, seed);
      const drawn = model.variables.map((variable) => values(variable));
      model.dispose();
      return drawn;
    };
    expect(weights(5)).toEqual(weights(5));
    expect(weights(5)).not.toEqual(weights(6));
  });

  it('decodes alike from its key/value cache and by recomputing the prefix', async () => {
    const { tf } = await loadBackend(backend);
    const model = createTransformerModel(tf, shape, small, 4);
    const inputs = ids(tf, [[1, 2, 3, 4, 0], [6, 6, 0, 0, 0], [2, 0, 0, 0, 0]]);
    const [cached, recomputed] = tf.tidy(() => [values(model.predict(inputs, null as never)), values(model.predictRecomputing(inputs))]);
    expect(cached).toEqual(recomputed);
    inputs.dispose();
    model.dispose();
  });

  it('overfits 32 string reversals to EM 1.0, and greedy decoding then agrees with teacher forcing', { timeout: timeoutFor({ trainings: 1, tokens: 60_000 }) }, async () => {
    const { tf } = await loadBackend(backend);
    const trained = overfitReversals(tf, 300);
    expect(trained.em).toBe(1);
    const { model, data } = trained;
    const [greedy, teacherForced] = tf.tidy(() => {
      const logits = model.logits(data.inputs, data.targets);
      return [values(model.predict(data.inputs, logits)), values(tf.argMax(logits, -1))];
    });
    // Teacher-forced argmax is exact on every slot the loss counts; greedy decoding reproduces the targets, so
    // both agree on those slots (slots after the end are PAD in the decoded rows, unconstrained in the other).
    const weights = tf.tidy(() => values(model.lossWeights(data.targets)!));
    const targets = values(data.targets);
    weights.forEach((counted, i) => {
      if (counted) expect(teacherForced[i]).toBe(greedy[i]);
    });
    expect(greedy).toEqual(targets);
    trained.dispose();
  });
});

describe('the model a recipe trains', () => {
  it('is the slot model unless the recipe or the task says otherwise', () => {
    expect(trainingConfigFromParams({}).model).toBe('slot');
    expect(trainingConfigFromParams({}, 'params', 'transformer').model).toBe('transformer');
    expect(trainingConfigFromParams({ model: 'slot' }, 'params', 'transformer').model).toBe('slot');
    expect(() => trainingConfigFromParams({ model: 'lstm' })).toThrow(/params: model: expected one of "slot", "transformer"/);
  });
});
