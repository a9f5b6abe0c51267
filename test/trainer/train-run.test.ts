import { describe, expect, it } from 'vitest';
import { bestCheckpointIndex, defaultStoppingConfig, replay } from '../../src/stopping/index.js';
import { loadBackend } from '../../src/trainer/backend.js';
import { encodeTask, tokensOf } from '../../src/trainer/encoded-task.js';
import { assignFolds, splitFold } from '../../src/trainer/folds.js';
import { partitionTask } from '../../src/trainer/partition.js';
import { createTaskTensors, taskDataOf } from '../../src/trainer/task-tensors.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import { recipeCurveOnGrid } from '../../src/trainer/grid-curve.js';
import type { FoldResult } from '../../src/trainer/results.js';
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

interface Probe {
  /** Training tokens at each measurement (dev evaluation or grid point). */
  measuredAt: number[];
  /** The model's weights at the first measurement at or past the probe's tokens, copied out. */
  weights: { trainingTokens: number; values: Float32Array[] } | null;
}

function probeAt(tokens: number): { probe: Probe; onCheckpoint: NonNullable<RunOptions['onCheckpoint']> } {
  const probe: Probe = { measuredAt: [], weights: null };
  return {
    probe,
    onCheckpoint: ({ trainingTokens, variables }) => {
      probe.measuredAt.push(trainingTokens);
      if (probe.weights === null && trainingTokens >= tokens) {
        probe.weights = { trainingTokens, values: variables.map((variable) => Float32Array.from(variable.dataSync() as Float32Array)) };
      }
    },
  };
}

/** Weights (of all variables) whose bits differ between two copies of a model's variables. */
function differingWeights(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  if (a.length !== b.length) throw new Error(`${a.length} variables against ${b.length}`);
  let differing = 0;
  a.forEach((values, i) => {
    if (values.length !== b[i].length) throw new Error(`variable ${i}: ${values.length} values against ${b[i].length}`);
    values.forEach((value, j) => {
      if (!Object.is(value, b[i][j])) differing++;
    });
  });
  return differing;
}

const withoutTime = ({ seconds, ...rest }: FoldResult) => (void seconds, rest);

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

  it('trains the same weights whatever the evaluation spacing: evalEvery 25k and 100k, bit-identical at 100k training tokens', { timeout: timeoutFor({ trainings: 2, tokens: 102_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    // Dropout on, so that its masks would differ if evaluations moved the training random streams.
    const training = trainingConfigFromParams({ ...small, dropout: 0.1 });
    const runWith = async (evalEvery: number): Promise<Probe> => {
      const { probe, onCheckpoint } = probeAt(100_000);
      await trainRun({ ...base, training, stopping: defaultStoppingConfig('none', { evalEvery, restoreBest: false }), budgetTokens: 102_000, onCheckpoint });
      return probe;
    };
    const often = await runWith(25_000);
    const rarely = await runWith(100_000);
    expect(often.measuredAt).toHaveLength(4);
    expect(rarely.measuredAt).toEqual([often.measuredAt[3]]);
    expect(often.weights!.trainingTokens).toBe(rarely.weights!.trainingTokens);
    expect(differingWeights(often.weights!.values, rarely.weights!.values)).toBe(0);
    data.dispose();
  });

  it('trains the same weights whatever the evaluation spacing, the Transformer too: evalEvery 5k and 20k, bit-identical at 20k', { timeout: timeoutFor({ trainings: 2, tokens: 21_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const training = trainingConfigFromParams({ model: 'transformer', embedding: 16, heads: 2, depth: 1, feedForward: 32, batchSize: 32, learningRate: 0.01, warmupTokens: 1000, dropout: 0.1 });
    const runWith = async (evalEvery: number): Promise<Probe> => {
      const { probe, onCheckpoint } = probeAt(20_000);
      await trainRun({ ...base, training, stopping: defaultStoppingConfig('none', { evalEvery, restoreBest: false }), budgetTokens: 21_000, onCheckpoint });
      return probe;
    };
    const often = await runWith(5_000);
    const rarely = await runWith(20_000);
    expect(often.measuredAt).toHaveLength(4);
    expect(rarely.measuredAt).toEqual([often.measuredAt[3]]);
    expect(differingWeights(often.weights!.values, rarely.weights!.values)).toBe(0);
    data.dispose();
  });

  it('records dev and held-out measurements at every multiple of gridEvery without changing the run', { timeout: timeoutFor({ trainings: 2, tokens: 40_000, starts: 1 }) }, async () => {
    const { tf, data, base } = await setUp(backend);
    const devTokens = tokensOf(task.exampleTokens, split.devIdx);
    const heldOutTokens = tokensOf(task.exampleTokens, split.heldOutIdx);
    const longestBatch = small.batchSize * Math.max(...task.exampleTokens);
    const stopping = defaultStoppingConfig('patience', { evalEvery: 3000, patience: 2, minDelta: 0.05, restoreBest: false });
    const options = { ...base, stopping, budgetTokens: 40_000 };
    const before = tf.memory().numTensors;
    const plain = await trainRun(options);
    const recorded = await trainRun({ ...options, gridEvery: 1000 });
    expect(tf.memory().numTensors).toBe(before);

    const { grid, ...rest } = withoutTime(recorded);
    expect(rest).toEqual(withoutTime(plain));
    expect(grid).toBeDefined();
    const { every, trainingTokens, devEm, devLoss, heldOutEm, measurementTokens } = grid!;
    expect(every).toBe(1000);
    expect(grid!.devTokens).toBe(devTokens);
    expect(grid!.heldOutTokens).toBe(heldOutTokens);
    expect(trainingTokens.length).toBeGreaterThan(3 * plain.curve.length - 1);
    trainingTokens.forEach((tokens, k) => {
      expect(tokens).toBeGreaterThanOrEqual((k + 1) * every);
      expect(tokens).toBeLessThan((k + 1) * every + longestBatch);
    });
    for (const column of [devEm, devLoss, heldOutEm]) expect(column).toHaveLength(trainingTokens.length);
    // The rule saw exactly the grid's points at multiples of its evalEvery.
    const onGrid = recipeCurveOnGrid(grid!, stopping.evalEvery, options.budgetTokens);
    expect(onGrid.curve).toEqual(plain.curve);
    // Held-out reads everywhere, dev reads where the recipe did not evaluate: none of them in the run's tokens.
    expect(measurementTokens).toBe(trainingTokens.length * heldOutTokens + (trainingTokens.length - plain.curve.length) * devTokens);
    // The run ended at its last evaluation (a rule's stop), where the grid measured the same held-out EM.
    expect(plain.stopReason).toMatch(/^rule:patience/);
    expect(heldOutEm[onGrid.gridIndex[onGrid.gridIndex.length - 1]]).toBe(plain.em);
    data.dispose();
  });

  it('replays a recipe with a coarser evalEvery on a grid curve exactly as training it does', { timeout: timeoutFor({ trainings: 2, tokens: 60_000, starts: 1 }) }, async () => {
    const { data, base } = await setUp(backend);
    const stopping = defaultStoppingConfig('patience', { evalEvery: 3000, patience: 2, minDelta: 0.05, restoreBest: true });
    const budgetTokens = 60_000;
    const trained = await trainRun({ ...base, stopping, budgetTokens });
    expect(trained.stopReason).toMatch(/^rule:patience/);
    // A run of the same hyperparameters evaluating at every grid point, with the budget to train past that stop.
    const recorder = await trainRun({
      ...base,
      stopping: defaultStoppingConfig('none', { evalEvery: 1000, restoreBest: false }),
      budgetTokens: budgetTokens + 61 * tokensOf(task.exampleTokens, split.devIdx),
      gridEvery: 1000,
    });
    const { curve, gridIndex } = recipeCurveOnGrid(recorder.grid!, stopping.evalEvery, budgetTokens);
    const replayed = replay(stopping, curve, { budgetTokens });
    expect(replayed.stopIndex).toBe(trained.curve.length - 1);
    expect(curve.slice(0, trained.curve.length)).toEqual(trained.curve);
    expect(replayed.reason).toBe(trained.stopReason);
    expect(recorder.grid!.heldOutEm[gridIndex[replayed.restoreIndex!]]).toBe(trained.em);
    data.dispose();
  });
});
