import { availableParallelism } from 'node:os';
import type { Params } from '../space/types.js';
import { stoppingConfigFromParams } from '../stopping/index.js';
import type { LearningCurve } from '../stopping/types.js';
import type { Confirmation, FoldResult, TrialResult } from './results.js';
import { foldEstimate } from './fold-estimate.js';
import { loadBackend, type BackendName } from './backend.js';
import { encodeTask, type EncodedTask } from './encoded-task.js';
import type { FoldJob } from './fold-job.js';
import { FoldRunner } from './fold-runner.js';
import { checkGridEvery } from './grid-curve.js';
import { createFoldPool, type FoldPool } from './fold-pool.js';
import { assignFolds, confirmationSplit, splitFold } from './folds.js';
import { DEFAULT_TEST_FRACTION, partitionTask, type TaskPartition } from './partition.js';
import { defaultModelForTask } from './defaults.js';
import { modelParameterCount } from './models/index.js';
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
  /**
   * Fixes the test part, the folds and the dev splits: keep it for every trial of a study so that trials are
   * comparable (and the test part stays the one the search never saw).
   */
  seed: number;
  /** Share of the task's distinct lines held out as the test part (default DEFAULT_TEST_FRACTION). */
  testFraction?: number;
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
   * Folds at once: a number of fold processes to start for this call (1 = in this thread, sequentially), or a
   * pool to reuse across calls (cheaper: each process loads tfjs once). Default: min(folds, cores).
   */
  parallel?: number | FoldPool;
  /** Backend preference, as loadBackend takes it (default 'auto'). */
  backend?: 'auto' | BackendName;
  onProgress?: (progress: RecipeProgress) => void;
  /** Benchmarks only: report held-out EM at every dev evaluation (see RunOptions.probeHeldOut). */
  probeHeldOut?: boolean;
  /** Benchmarks only: also report test-part EM at every dev evaluation (see FoldJob.probeTestIdx). */
  probeTest?: boolean;
  /**
   * Record each fold's dev and held-out measurements every this many training tokens (FoldResult.grid; see
   * FoldJob.gridEvery). The recipe's `stopping.evalEvery` must be a multiple of it (InputError otherwise).
   */
  gridEvery?: number;
  /**
   * Fold racing: asked after each fold ends while some fold has not started, with the folds ended so far (in the
   * order they ended); true skips the folds not yet started (running ones finish), and the result holds only the
   * folds that ran. With a race, at most k − 1 folds run at once, so that at least one waits for a verdict.
   */
  race?: (finished: readonly FoldResult[]) => boolean | Promise<boolean>;
}

const encodedTasks = new WeakMap<Task, { encoded: EncodedTask; data: TaskData }>();
const partitions = new WeakMap<Task, Map<string, TaskPartition>>();

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

/** The task's search/test partition for (seed, testFraction), computed once per Task object. */
export function partitionOf(task: Task, seed: number, testFraction = DEFAULT_TEST_FRACTION): TaskPartition {
  let byKey = partitions.get(task);
  if (!byKey) {
    byKey = new Map();
    partitions.set(task, byKey);
  }
  const key = `${seed}:${testFraction}`;
  let partition = byKey.get(key);
  if (!partition) {
    partition = partitionTask(task.examples, seed, testFraction);
    byKey.set(key, partition);
  }
  return partition;
}

export { foldEstimate } from './fold-estimate.js';

/**
 * The fold jobs of a recipe: the test part set aside and the search part's folds fixed by `seed` (the test part
 * never enters any job, except as a benchmark's probe), run seeds derived per fold. Throws InputError for a bad
 * recipe or a `gridEvery` that does not divide its evalEvery. Pure; cost O(n · k).
 */
export function foldJobs(options: EvaluateRecipeOptions): FoldJob[] {
  const source = options.source ?? 'params';
  const training = trainingConfigFromParams(options.params, source, defaultModelForTask(options.task.name));
  const stopping = stoppingConfigFromParams(options.params, source);
  if (options.gridEvery !== undefined) checkGridEvery(options.gridEvery, stopping.evalEvery, source);
  const partition = partitionOf(options.task, options.seed, options.testFraction);
  const assignment = assignFolds(partition, options.folds, options.seed);
  const runSeed = options.runSeed ?? options.seed;
  return Array.from({ length: options.folds }, (_, fold) => ({
    fold,
    split: splitFold(assignment, fold, options.devFraction ?? DEFAULT_DEV_FRACTION, options.seed, partition.groupOf),
    training,
    stopping,
    budgetTokens: options.budgetTokens,
    seed: deriveSeed(runSeed, 'run', fold),
    ...(options.peersByFold?.[fold] ? { peers: options.peersByFold[fold] } : {}),
    ...(options.probeHeldOut ? { probeHeldOut: true } : {}),
    ...(options.probeTest ? { probeTestIdx: partition.testIdx } : {}),
    ...(options.gridEvery !== undefined ? { gridEvery: options.gridEvery } : {}),
  }));
}

/**
 * Evaluates one recipe by k-fold cross-validation (DESIGN.md, Methodology): one training run per fold, EM on the
 * held-out fold, tokens and EM as mean ± standard error over folds. Folds run in parallel fold processes when
 * `parallel` allows; each fold's result depends only on its job, so parallel and sequential runs agree exactly for
 * the same seeds and backend. Throws InputError for a bad recipe. Cost: k runs, divided over the workers.
 */
export async function evaluateRecipe(options: EvaluateRecipeOptions): Promise<TrialResult> {
  const started = performance.now();
  const { encoded } = encodedTaskOf(options.task);
  const jobs = foldJobs(options);
  const { folds, backend } = await runJobs(jobs, options);
  return {
    tokens: foldEstimate(folds.map((fold) => fold.tokens)),
    em: foldEstimate(folds.map((fold) => fold.em)),
    folds,
    paramCount: modelParameterCount(
      { inputWidth: encoded.inputWidth, targetWidth: encoded.targetWidth, vocabularySize: encoded.tokenizer.size },
      jobs[0].training,
    ),
    backend,
    seconds: (performance.now() - started) / 1000,
    diverged: folds.some((fold) => fold.diverged),
  };
}

/** Default number of confirmation runs (seeds) per recipe. */
export const DEFAULT_CONFIRM_REPEATS = 3;

export interface ConfirmRecipeOptions
  extends Pick<EvaluateRecipeOptions, 'task' | 'seed' | 'testFraction' | 'budgetTokens' | 'params' | 'source' | 'devFraction' | 'parallel' | 'backend' | 'onProgress'> {
  /** Runs, each with its own seed (weights, batch order, dev split); default DEFAULT_CONFIRM_REPEATS. */
  repeats?: number;
  /** Curves the `median` rule compares against (the study's recorded dev curves). */
  peers?: readonly LearningCurve[];
}

/**
 * The confirmation runs of a recipe: each trains on the whole search part with the recipe's own stopping rule on a
 * dev split carved from it, and measures EM on the test part that the search never saw. Run r is seeded by
 * (seed, r) alone, so every recipe of a study is confirmed on the same splits and seeds (paired comparisons).
 * Cost: `repeats` runs, divided over the workers.
 */
export function confirmationJobs(options: ConfirmRecipeOptions): FoldJob[] {
  const source = options.source ?? 'params';
  const training = trainingConfigFromParams(options.params, source, defaultModelForTask(options.task.name));
  const stopping = stoppingConfigFromParams(options.params, source);
  const partition = partitionOf(options.task, options.seed, options.testFraction);
  const repeats = options.repeats ?? DEFAULT_CONFIRM_REPEATS;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats must be a positive integer, got ${repeats}`);
  return Array.from({ length: repeats }, (_, repeat) => ({
    fold: repeat,
    split: confirmationSplit(partition, options.devFraction ?? DEFAULT_DEV_FRACTION, deriveSeed(options.seed, 'confirm', repeat)),
    training,
    stopping,
    budgetTokens: options.budgetTokens,
    seed: deriveSeed(options.seed, 'confirm-run', repeat),
    ...(options.peers ? { peers: options.peers } : {}),
  }));
}

/** Retrains a recipe as `confirmationJobs` describes; tokens and test-part EM as mean ± SE over the runs. */
export async function confirmRecipe(options: ConfirmRecipeOptions): Promise<Confirmation> {
  const started = performance.now();
  const jobs = confirmationJobs(options);
  const { folds: runs, backend } = await runJobs(jobs, options);
  return {
    tokens: foldEstimate(runs.map((run) => run.tokens)),
    em: foldEstimate(runs.map((run) => run.em)),
    runs,
    testFraction: options.testFraction ?? DEFAULT_TEST_FRACTION,
    backend,
    seconds: (performance.now() - started) / 1000,
    diverged: runs.some((run) => run.diverged),
  };
}

/**
 * Runs fold jobs in this thread or in fold processes (see `parallel`), reporting progress as they go; with a `race`,
 * stops starting jobs once it says so. Results are in job order. With fold processes, TensorFlow is loaded only in
 * them, never in this process as well.
 */
async function runJobs(
  jobs: FoldJob[],
  options: Pick<EvaluateRecipeOptions, 'task' | 'parallel' | 'backend' | 'onProgress' | 'race'>,
): Promise<{ folds: FoldResult[]; backend: BackendName }> {
  const { data } = encodedTaskOf(options.task);
  const report = (progress: RecipeProgress): void => options.onProgress?.(progress);
  const onEvaluation = (event: EvaluationEvent): void => report({ type: 'evaluation', event });
  const results: (FoldResult | undefined)[] = new Array(jobs.length);
  const finished: FoldResult[] = [];
  let next = 0;
  let raced = false;
  /** Records a job's result; true while more jobs should start. */
  const ended = async (index: number, result: FoldResult): Promise<boolean> => {
    report({ type: 'fold', result });
    results[index] = result;
    finished.push(result);
    if (!raced && options.race && next < jobs.length && (await options.race([...finished]))) raced = true;
    return !raced;
  };
  const ran = (): FoldResult[] => results.filter((result): result is FoldResult => result !== undefined);

  const parallel = options.parallel ?? Math.min(jobs.length, availableParallelism());
  if (typeof parallel === 'number' && parallel <= 1) {
    const { tf, backend } = await loadBackend(options.backend ?? 'auto');
    const runner = new FoldRunner(tf, backend);
    try {
      while (next < jobs.length) {
        const index = next++;
        if (!(await ended(index, await runner.run(data, jobs[index], onEvaluation)))) break;
      }
    } finally {
      runner.dispose();
    }
    return { folds: ran(), backend };
  }
  const pool = typeof parallel === 'number' ? createFoldPool(Math.min(parallel, jobs.length)) : parallel;
  try {
    const preference = options.backend ?? 'auto';
    const backend = preference === 'auto' ? (await pool.loadBackend('auto')).backend : preference;
    const lanes = options.race ? Math.max(1, jobs.length - 1) : jobs.length;
    const lane = async (): Promise<void> => {
      while (!raced && next < jobs.length) {
        const index = next++;
        if (!(await ended(index, await pool.run(data, jobs[index], backend, onEvaluation)))) return;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return { folds: ran(), backend };
  } finally {
    if (typeof parallel === 'number') await pool.close();
  }
}
