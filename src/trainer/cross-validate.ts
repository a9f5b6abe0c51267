import { availableParallelism } from 'node:os';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Params } from '../space/types.js';
import { stoppingConfigFromParams } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import type { Estimate, FoldResult, TrialResult } from '../study/types.js';
import { loadBackend, type BackendName } from './backend.js';
import { encodeTask, type EncodedTask } from './encoded-task.js';
import { FoldRunner, type FoldJob } from './fold-job.js';
import { createFoldPool, type FoldPool } from './fold-pool.js';
import { assignFolds, splitFold } from './folds.js';
import { slotModelParameterCount } from './model.js';
import { deriveSeed } from './seeds.js';
import { taskDataOf, type TaskData } from './task-tensors.js';
import type { Task } from './tasks/types.js';
import type { EvaluationEvent } from './train-run.js';
import { trainingConfigFromParams } from './training-config.js';

/** Default share of each fold's training part set aside as the dev split (DESIGN.md, Methodology). */
export const DEFAULT_DEV_FRACTION = 0.1;

export type RecipeProgress = { type: 'evaluation'; event: EvaluationEvent } | { type: 'fold'; result: FoldResult };

export interface EvaluateRecipeOptions {
  task: Task;
  /** k of k-fold cross-validation (≥ 2). */
  folds: number;
  /** Fixes the folds and dev splits: keep it for every trial of a study so that trials are comparable. */
  seed: number;
  /** Seeds weights, batch order and dropout (default: `seed`); e.g. `trialSeed(studySeed, trialNumber)`. */
  runSeed?: number;
  budgetTokens: number;
  /** The recipe: `stopping.*` parameters and training hyperparameters (missing ones take their defaults). */
  params: Params;
  /** Names the recipe's origin in error messages (default `params`). */
  source?: string;
  devFraction?: number;
  /** `peersByFold[f]`: other trials' curves on fold f, for the `median` rule. */
  peersByFold?: readonly (readonly LearningCurve[])[];
  /**
   * Folds at once: a number of worker threads to start for this call (1 = in this thread, sequentially), or a
   * pool to reuse across calls (cheaper: each worker loads tfjs once). Default: min(folds, cores).
   */
  parallel?: number | FoldPool;
  /** Backend preference, as loadBackend takes it (default 'auto'). */
  backend?: 'auto' | BackendName;
  onProgress?: (progress: RecipeProgress) => void;
  /** Benchmarks only: report held-out EM at every dev evaluation (see RunOptions.probeHeldOut). */
  probeHeldOut?: boolean;
}

const encodedTasks = new WeakMap<Task, { encoded: EncodedTask; data: TaskData }>();

/** Encodes a task once per Task object (trials of a study share it). */
export function encodedTaskOf(task: Task): { encoded: EncodedTask; data: TaskData } {
  let entry = encodedTasks.get(task);
  if (!entry) {
    const encoded = encodeTask(task);
    entry = { encoded, data: taskDataOf(encoded) };
    encodedTasks.set(task, entry);
  }
  return entry;
}

/** Mean and standard error (sample standard deviation / √k) of per-fold values. */
export function foldEstimate(values: readonly number[]): Estimate {
  if (values.length === 0) return { mean: NaN, se: NaN };
  if (values.length === 1) return { mean: values[0], se: NaN };
  return { mean: mean([...values]), se: sampleStandardDeviation([...values]) / Math.sqrt(values.length) };
}

/** The fold jobs of a recipe: splits fixed by `seed`, run seeds derived per fold. Pure; cost O(n · k). */
export function foldJobs(options: EvaluateRecipeOptions, size: number): FoldJob[] {
  const source = options.source ?? 'params';
  const training = trainingConfigFromParams(options.params, source);
  const stopping = stoppingConfigFromParams(options.params, source);
  const assignment = assignFolds(size, options.folds, options.seed);
  const runSeed = options.runSeed ?? options.seed;
  return Array.from({ length: options.folds }, (_, fold) => ({
    fold,
    split: splitFold(assignment, fold, options.devFraction ?? DEFAULT_DEV_FRACTION, options.seed),
    training,
    stopping,
    budgetTokens: options.budgetTokens,
    seed: deriveSeed(runSeed, 'run', fold),
    ...(options.peersByFold?.[fold] ? { peers: options.peersByFold[fold] } : {}),
    ...(options.probeHeldOut ? { probeHeldOut: true } : {}),
  }));
}

/**
 * Evaluates one recipe by k-fold cross-validation (DESIGN.md, Methodology): one training run per fold, EM on the
 * held-out fold, tokens and EM as mean ± standard error over folds. Folds run in parallel worker threads when
 * `parallel` allows; each fold's result depends only on its job, so parallel and sequential runs agree exactly for
 * the same seeds and backend. Throws InputError for a bad recipe. Cost: k runs, divided over the workers.
 */
export async function evaluateRecipe(options: EvaluateRecipeOptions): Promise<TrialResult> {
  const started = performance.now();
  const { encoded, data } = encodedTaskOf(options.task);
  const jobs = foldJobs(options, encoded.size);
  const { tf, backend } = await loadBackend(options.backend ?? 'auto');
  const report = (progress: RecipeProgress): void => options.onProgress?.(progress);
  const onEvaluation = (event: EvaluationEvent): void => report({ type: 'evaluation', event });

  let folds: FoldResult[];
  const parallel = options.parallel ?? Math.min(options.folds, availableParallelism());
  if (typeof parallel === 'number' && parallel <= 1) {
    const runner = new FoldRunner(tf, backend);
    folds = [];
    try {
      for (const job of jobs) {
        const result = await runner.run(data, job, onEvaluation);
        report({ type: 'fold', result });
        folds.push(result);
      }
    } finally {
      runner.dispose();
    }
  } else {
    const pool = typeof parallel === 'number' ? createFoldPool(Math.min(parallel, jobs.length)) : parallel;
    try {
      folds = await Promise.all(
        jobs.map(async (job) => {
          const result = await pool.run(data, job, backend, onEvaluation);
          report({ type: 'fold', result });
          return result;
        }),
      );
    } finally {
      if (typeof parallel === 'number') await pool.close();
    }
  }

  return {
    tokens: foldEstimate(folds.map((fold) => fold.tokens)),
    em: foldEstimate(folds.map((fold) => fold.em)),
    folds,
    paramCount: slotModelParameterCount(
      { inputWidth: encoded.inputWidth, targetWidth: encoded.targetWidth, vocabularySize: encoded.tokenizer.size },
      jobs[0].training,
    ),
    backend,
    seconds: (performance.now() - started) / 1000,
    diverged: folds.some((fold) => fold.diverged),
  };
}
