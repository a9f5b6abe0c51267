import { describe, expect, it } from 'vitest';
import type { FoldResult } from '../../src/storage/records.js';
import { confirmationJobs, evaluateRecipe, foldEstimate, foldJobs, partitionOf } from '../../src/trainer/cross-validate.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import { timeoutFor } from '../helpers/timeouts.js';
import { trainingBackends } from './backends.js';

const backends = await trainingBackends();
const task = await createTask(
  { name: 'reverse', minLength: 3, maxLength: 4, alphabet: 'abcde', examples: 240, seed: 2 },
  { baseDir: '.', source: 'test' },
);
const params = {
  width: 32,
  embedding: 16,
  heads: 4,
  depth: 1,
  batchSize: 32,
  learningRate: 0.01,
  dropout: 0.1,
  'stopping.rule': 'patience',
  'stopping.patience': 2,
  'stopping.evalEvery': 3000,
};
const withoutTime = (folds: FoldResult[]) => folds.map(({ seconds, ...rest }) => (void seconds, rest));

describe('foldJobs', () => {
  it('gives every fold disjoint train/dev/held-out sets from the search part only, held-out sets partitioning it, and its own seed', () => {
    const jobs = foldJobs({ task, folds: 4, seed: 9, budgetTokens: 1000, params: {} });
    const partition = partitionOf(task, 9);
    const heldOut = jobs.flatMap((job) => Array.from(job.split.heldOutIdx)).sort((a, b) => a - b);
    expect(heldOut).toEqual(Array.from(partition.searchIdx));
    const test = new Set(partition.testIdx);
    expect(test.size).toBeGreaterThan(0);
    for (const { split } of jobs) {
      const all = [...split.trainIdx, ...split.devIdx, ...split.heldOutIdx];
      expect(new Set(all).size).toBe(partition.searchIdx.length);
      expect(all.some((i) => test.has(i))).toBe(false);
    }
    expect(new Set(jobs.map((job) => job.seed)).size).toBe(4);
    // Folds depend on the study seed only, not on the run seed.
    const reseeded = foldJobs({ task, folds: 4, seed: 9, runSeed: 1, budgetTokens: 1000, params: {} });
    expect(reseeded.map((job) => Array.from(job.split.heldOutIdx))).toEqual(jobs.map((job) => Array.from(job.split.heldOutIdx)));
    expect(reseeded[0].seed).not.toBe(jobs[0].seed);
  });

  it('rejects a bad recipe with the source and parameter named', () => {
    expect(() => foldJobs({ task, folds: 3, seed: 0, budgetTokens: 1, params: { width: -1 }, source: '--params' })).toThrow(
      /^--params: width: expected an integer/,
    );
    expect(() => foldJobs({ task, folds: 3, seed: 0, budgetTokens: 1, params: { 'stopping.rule': 'sometimes' } })).toThrow(
      /stopping\.rule: unknown stopping rule/,
    );
  });
});

describe('foldJobs with a curve grid', () => {
  it('gives every job the grid spacing when it divides the recipe\'s evalEvery, and refuses it otherwise', () => {
    const jobs = foldJobs({ task, folds: 3, seed: 0, budgetTokens: 1000, params, gridEvery: 1000 });
    expect(jobs.map((job) => job.gridEvery)).toEqual([1000, 1000, 1000]);
    expect(foldJobs({ task, folds: 3, seed: 0, budgetTokens: 1000, params })[0]).not.toHaveProperty('gridEvery');
    expect(() => foldJobs({ task, folds: 3, seed: 0, budgetTokens: 1000, params, gridEvery: 2000, source: 'trial 7' })).toThrow(
      /^trial 7: stopping\.evalEvery \(3000\) must be a multiple of the curve grid spacing \(2000 training tokens\)/,
    );
  });
});

describe('confirmationJobs', () => {
  it('trains on the search part less its dev split and measures on the test part, the same splits for every recipe', () => {
    const partition = partitionOf(task, 9);
    const jobs = confirmationJobs({ task, seed: 9, budgetTokens: 1000, params: {}, repeats: 3 });
    expect(jobs).toHaveLength(3);
    for (const { split } of jobs) {
      expect(Array.from(split.heldOutIdx)).toEqual(Array.from(partition.testIdx));
      expect([...split.trainIdx, ...split.devIdx].sort((a, b) => a - b)).toEqual(Array.from(partition.searchIdx));
    }
    expect(new Set(jobs.map((job) => job.seed)).size).toBe(3);
    expect(Array.from(jobs[0].split.devIdx)).not.toEqual(Array.from(jobs[1].split.devIdx));
    const other = confirmationJobs({ task, seed: 9, budgetTokens: 1000, params: { learningRate: 0.1 }, repeats: 3 });
    expect(other.map((job) => [job.seed, Array.from(job.split.devIdx)])).toEqual(jobs.map((job) => [job.seed, Array.from(job.split.devIdx)]));
  });
});

describe('foldEstimate', () => {
  it('is the mean and the standard error of the mean', () => {
    const estimate = foldEstimate([0.9, 0.8, 1.0]);
    expect(estimate.mean).toBeCloseTo(0.9, 12);
    expect(estimate.se).toBeCloseTo(0.1 / Math.sqrt(3), 12);
  });
});

describe.each(backends)('evaluateRecipe on %s', (backend) => {
  // Three folds one after another, then the same three in two fold processes (each loads TensorFlow).
  const work = { trainings: 6, tokens: 15_000, starts: 3 };
  it('gives the same result with folds in parallel fold processes as one after another', { timeout: timeoutFor(work) }, async () => {
    const options = { task, folds: 3, seed: 5, budgetTokens: work.tokens, params, backend };
    const progress: string[] = [];
    const sequential = await evaluateRecipe({ ...options, parallel: 1, onProgress: (p) => progress.push(p.type) });
    const parallel = await evaluateRecipe({ ...options, parallel: 2 });
    expect(withoutTime(parallel.folds)).toEqual(withoutTime(sequential.folds));
    expect(parallel.em).toEqual(sequential.em);
    expect(parallel.tokens).toEqual(sequential.tokens);
    expect(sequential.backend).toBe(backend);
    expect(sequential.folds.map((fold) => fold.fold)).toEqual([0, 1, 2]);
    expect(sequential.tokens.mean).toBeCloseTo(sequential.folds.reduce((sum, fold) => sum + fold.tokens, 0) / 3, 6);
    expect(sequential.paramCount).toBeGreaterThan(0);
    expect(progress.filter((type) => type === 'fold')).toHaveLength(3);
    expect(progress.filter((type) => type === 'evaluation').length).toBe(sequential.folds.reduce((n, fold) => n + fold.curve.length, 0));
  });
});

describe.each(backends)('evaluateRecipe with fold racing on %s', (backend) => {
  // Three folds one after another, up to the race's stop; then the same in three fold processes, two at a time.
  const work = { trainings: 5, tokens: 15_000, starts: 3 };
  it('skips the folds not yet started once the race says so, and keeps the ones that ran', { timeout: timeoutFor(work) }, async () => {
    const options = { task, folds: 3, seed: 5, budgetTokens: work.tokens, params, backend };
    const asked: number[][] = [];
    const race = (finished: readonly FoldResult[]) => {
      asked.push(finished.map((fold) => fold.fold));
      return true;
    };
    const sequential = await evaluateRecipe({ ...options, parallel: 1, race });
    expect(asked).toEqual([[0]]);
    expect(sequential.folds.map((fold) => fold.fold)).toEqual([0]);
    expect(sequential.em).toEqual(foldEstimate([sequential.folds[0].em]));

    // In fold processes at most two folds run at once: the third waits for the verdict and is skipped; the one
    // running beside the first fold to end finishes and counts.
    asked.length = 0;
    const parallel = await evaluateRecipe({ ...options, parallel: 3, race });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toHaveLength(1);
    expect(parallel.folds.map((fold) => fold.fold)).toEqual([0, 1]);
    expect(withoutTime(parallel.folds.slice(0, 1))).toEqual(withoutTime(sequential.folds));

    // A race that never stops asks after each fold while one is left to start, and changes nothing.
    asked.length = 0;
    const full = await evaluateRecipe({ ...options, parallel: 1, race: (finished) => (asked.push(finished.map((fold) => fold.fold)), false) });
    expect(asked).toEqual([[0], [0, 1]]);
    expect(full.folds.map((fold) => fold.fold)).toEqual([0, 1, 2]);
  });
});
