import { describe, expect, it } from 'vitest';
import { bestCheckpointIndex, defaultStoppingConfig, replay } from '../../src/stopping/index.js';
import { loadBackend } from '../../src/trainer/backend.js';
import { encodeTask, tokensOf } from '../../src/trainer/encoded-task.js';
import { assignFolds, splitFold } from '../../src/trainer/folds.js';
import { partitionTask } from '../../src/trainer/partition.js';
import { createTaskTensors, taskDataOf } from '../../src/trainer/task-tensors.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import { trainRun, type RunOptions } from '../../src/trainer/train-run.js';
import { trainingConfigFromParams } from '../../src/trainer/training-config.js';
import { timeoutFor } from '../helpers/timeouts.js';
import { trainingBackends } from './backends.js';

const backends = await trainingBackends();
const examples = (
  await createTask({ name: 'reverse', minLength: 3, maxLength: 4, alphabet: 'abcde', examples: 300, seed: 1 }, { baseDir: '.', source: 'test' })
);
const task = encodeTask(examples);
const partition = partitionTask(examples.examples, 1);
const split = splitFold(assignFolds(partition, 3, 1), 0, 0.1, 1, partition.groupOf);
const small = { width: 32, embedding: 16, heads: 4, depth: 1, batchSize: 32, learningRate: 0.01 };

async function setUp(backend: (typeof backends)[number]) {
  const { tf } = await loadBackend(backend);
  const data = createTaskTensors(tf, taskDataOf(task));
  const base: RunOptions = {
    tf,
    data,
    fold: 0,
    split,
    training: trainingConfigFromParams(small),
    stopping: defaultStoppingConfig('none', { evalEvery: 5000, restoreBest: false }),
    budgetTokens: 20_000,
    seed: 3,
  };
  return { tf, data, base };
}

describe.each(backends)('trainRun on %s', (backend) => {
  it('counts every trained and dev-read character, padding excluded, and never exceeds the budget', { timeout: timeoutFor({ trainings: 1, tokens: 20_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    // One batch = the whole training split, so every step reads each training example exactly once.
    const epochTokens = tokensOf(task.exampleTokens, split.trainIdx);
    const devTokens = tokensOf(task.exampleTokens, split.devIdx);
    const result = await trainRun({
      ...base,
      training: trainingConfigFromParams({ ...small, batchSize: split.trainIdx.length }),
      stopping: defaultStoppingConfig('none', { evalEvery: epochTokens, restoreBest: false }),
      budgetTokens: 2 * epochTokens + 2 * devTokens + epochTokens - 1,
    });
    expect(result.curve.map((point) => point.tokens)).toEqual([epochTokens + devTokens, 2 * (epochTokens + devTokens)]);
    expect(result.tokens).toBe(2 * (epochTokens + devTokens));
    expect(result.stopReason).toBe('budget');
    expect(result.heldOutSize).toBe(split.heldOutIdx.length);
    data.dispose();
  });

  it('evaluates at the first batch boundary at or past each multiple of evalEvery training tokens', { timeout: timeoutFor({ trainings: 1, tokens: 20_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const devTokens = tokensOf(task.exampleTokens, split.devIdx);
    const longestBatch = small.batchSize * Math.max(...task.exampleTokens);
    const evalEvery = 1500;
    const result = await trainRun({ ...base, stopping: defaultStoppingConfig('none', { evalEvery, restoreBest: false }) });
    expect(result.curve.length).toBeGreaterThan(5);
    result.curve.forEach((point, i) => {
      const trainingTokens = point.tokens - (i + 1) * devTokens;
      expect(trainingTokens).toBeGreaterThanOrEqual((i + 1) * evalEvery);
      expect(trainingTokens).toBeLessThan((i + 1) * evalEvery + longestBatch);
    });
    data.dispose();
  });

  it('learns: held-out EM ends high and above the first dev evaluation', { timeout: timeoutFor({ trainings: 1, tokens: 60_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const result = await trainRun({ ...base, budgetTokens: 60_000 });
    expect(result.diverged).toBe(false);
    expect(result.curve[0].devEm).toBeLessThan(0.5);
    expect(result.em).toBeGreaterThan(0.8);
    data.dispose();
  });

  it('ends a diverging run at once with its tokens, EM 0 and the reason', { timeout: timeoutFor({ trainings: 1, tokens: 20_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const result = await trainRun({ ...base, training: trainingConfigFromParams({ ...small, learningRate: 1e6 }), budgetTokens: 200_000 });
    expect(result.diverged).toBe(true);
    expect(result.em).toBe(0);
    expect(result.tokens).toBeGreaterThan(0);
    expect(result.tokens).toBeLessThan(20_000);
    expect(result.stopReason).toMatch(/^diverged: (NaN loss|infinite loss|loss exploded|dev loss)/);
    data.dispose();
  });

  it('frees every tensor it makes, over several runs, configurations and models', { timeout: timeoutFor({ trainings: 5, tokens: 20_000, starts: 1 }) }, async () => {
    const { tf, data, base } = await setUp(backend);
    const before = tf.memory().numTensors;
    await trainRun({ ...base, budgetTokens: 8000 });
    const afterOne = tf.memory().numTensors;
    await trainRun({
      ...base,
      training: trainingConfigFromParams({ ...small, dropout: 0.2, optimizer: 'adamw', weightDecay: 0.1 }),
      stopping: defaultStoppingConfig('patience', { evalEvery: 2000, patience: 1, restoreBest: true }),
    });
    await trainRun({ ...base, training: trainingConfigFromParams({ ...small, optimizer: 'sgd-momentum', weightDecay: 0.01 }), budgetTokens: 8000 });
    await trainRun({ ...base, training: trainingConfigFromParams({ ...small, learningRate: 1e6 }) });
    await trainRun({
      ...base,
      training: trainingConfigFromParams({ ...small, model: 'transformer', feedForward: 32, dropout: 0.1 }),
      stopping: defaultStoppingConfig('none', { evalEvery: 2000, restoreBest: true }),
      budgetTokens: 8000,
    });
    expect(afterOne).toBe(before);
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
  });

  it('trains the Transformer when the recipe names it: it learns the reversals, deterministic for a seed', { timeout: timeoutFor({ trainings: 2, tokens: 40_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const training = trainingConfigFromParams({ model: 'transformer', embedding: 32, heads: 4, depth: 2, feedForward: 64, batchSize: 32, learningRate: 0.01, warmupTokens: 2000 });
    const strip = ({ seconds, ...rest }: { seconds: number }) => (void seconds, rest);
    const first = await trainRun({ ...base, training, budgetTokens: 40_000 });
    const again = await trainRun({ ...base, training, budgetTokens: 40_000 });
    expect(first.diverged).toBe(false);
    expect(first.em).toBeGreaterThan(0.8);
    expect(strip(again)).toEqual(strip(first));
    data.dispose();
  });

  it('is deterministic for a seed, and the seed matters', { timeout: timeoutFor({ trainings: 3, tokens: 20_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const strip = ({ seconds, ...rest }: { seconds: number }) => (void seconds, rest);
    const first = await trainRun({ ...base, training: trainingConfigFromParams({ ...small, dropout: 0.1 }) });
    const again = await trainRun({ ...base, training: trainingConfigFromParams({ ...small, dropout: 0.1 }) });
    const other = await trainRun({ ...base, training: trainingConfigFromParams({ ...small, dropout: 0.1 }), seed: 4 });
    expect(strip(again)).toEqual(strip(first));
    expect(other.curve).not.toEqual(first.curve);
    data.dispose();
  });

  it('stops where replay of its curve stops, and restores the best dev checkpoint', { timeout: timeoutFor({ trainings: 1, tokens: 100_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const stopping = defaultStoppingConfig('patience', { evalEvery: 1500, patience: 2, minDelta: 0.05, restoreBest: true });
    const result = await trainRun({ ...base, stopping, budgetTokens: 100_000 });
    expect(result.stopReason).toMatch(/^rule:patience/);
    const replayed = replay(stopping, result.curve, { budgetTokens: 100_000 });
    expect(replayed.stopIndex).toBe(result.curve.length - 1);
    expect(replayed.reason).toBe(result.stopReason);
    const best = bestCheckpointIndex(result.curve)!;
    expect(result.restoredFromTokens).toBe(result.curve[best].tokens);
    data.dispose();
  });
});
