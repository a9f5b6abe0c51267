import { InputError } from '../errors.js';
import { dirname } from 'node:path';
import type { SpaceFile } from '../space/index.js';
import type { Params } from '../space/types.js';
import { loadBackend, type BackendName } from '../trainer/backend.js';
import { confirmRecipe, DEFAULT_DEV_FRACTION, evaluateRecipe, partitionOf } from '../trainer/cross-validate.js';
import { createFoldPool, foldProcessCount, type FoldPool } from '../trainer/fold-pool.js';
import { foldSplitProblem } from '../trainer/folds.js';
import { trialSeed } from '../trainer/seeds.js';
import { createTask, type Task } from '../trainer/tasks/index.js';
import type { Confirmation, FoldResult } from '../storage/records.js';
import type { LearningCurve } from '../stopping/types.js';
import { DEFAULT_TEST_FRACTION, type TaskPartition } from '../trainer/partition.js';
import type { RecipeEvaluator } from './run-search.js';

/** Retrains a recipe on the search part over `repeats` seeds and measures it on the test part. */
export type RecipeConfirmer = (request: {
  params: Params;
  repeats: number;
  peers: readonly LearningCurve[];
  onRunFinished?: (run: FoldResult) => void;
}) => Promise<Confirmation>;

export interface TrainerEvaluator {
  backend: BackendName;
  notes: string[];
  /** What the data holds, for the user: lines the task left out, distinct lines, duplicates removed, test part size. */
  dataNotes: string[];
  evaluate: RecipeEvaluator;
  confirm: RecipeConfirmer;
  close(): Promise<void>;
}

/**
 * The `search` command's objective: a recipe → k-fold training on the space's task. Folds of one trial share the
 * study seed (the same splits for every trial, so recipes are compared on equal terms); weights and batch order
 * are seeded per trial. Recipes arrive whole (derived values included: the search applies them when it asks).
 */
export async function createTrainerEvaluator(options: {
  spaceFile: SpaceFile;
  spacePath: string;
  seed: number;
  /** Share of the task held out as the test part (default DEFAULT_TEST_FRACTION). */
  testFraction?: number;
  backend: string;
  parallelFolds: boolean;
  /** The task from `loadSearchTask`, if the caller loaded it already. */
  task?: Task;
}): Promise<TrainerEvaluator> {
  const { spaceFile, spacePath, seed } = options;
  const testFraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
  const backendPreference = parseBackend(options.backend);
  const task = options.task ?? (await createTask(spaceFile.task, { baseDir: dirname(spacePath), source: spacePath }));
  const partition = checkSearchTask(task, spaceFile, spacePath, seed, testFraction);
  const dataNotes = [
    ...(task.warnings ?? []),
    `${task.examples.length - partition.duplicatesRemoved} distinct lines` +
      (partition.duplicatesRemoved > 0 ? ` (${partition.duplicatesRemoved} duplicate lines removed)` : '') +
      `; test part ${partition.testIdx.length} (${Math.round(testFraction * 100)} %) kept for confirmation, search part ${partition.searchIdx.length}`,
  ];
  const workers = options.parallelFolds ? foldProcessCount(spaceFile.folds) : 1;
  const pool: FoldPool | null = workers > 1 ? createFoldPool(workers) : null;
  // With a pool, TensorFlow runs only in the fold processes: this process does not load it at all.
  let loaded: { backend: BackendName; notes: string[] };
  try {
    loaded = pool ? await pool.loadBackend(backendPreference) : await loadBackend(backendPreference);
  } catch (error) {
    await pool?.close();
    throw error;
  }

  const evaluate: RecipeEvaluator = async (request) => {
    const saves: Promise<void>[] = [];
    const result = await evaluateRecipe({
      task,
      folds: spaceFile.folds,
      seed,
      testFraction,
      runSeed: trialSeed(seed, request.trialNumber),
      budgetTokens: spaceFile.budget.maxTokensPerRun,
      params: request.params,
      source: `trial #${request.trialNumber}`,
      peersByFold: request.peersByFold,
      ...(request.gridEvery !== undefined ? { gridEvery: request.gridEvery } : {}),
      ...(request.race !== undefined ? { race: request.race } : {}),
      parallel: pool ?? 1,
      backend: loaded.backend,
      onProgress: (progress) => {
        if (progress.type === 'evaluation') request.onEvaluation(progress.event.fold, progress.event.point);
        else saves.push(request.onFoldFinished(progress.result as FoldResult));
      },
    });
    await Promise.all(saves);
    return result;
  };

  const confirm: RecipeConfirmer = (request) =>
    confirmRecipe({
      task,
      seed,
      testFraction,
      budgetTokens: spaceFile.budget.maxTokensPerRun,
      params: request.params,
      repeats: request.repeats,
      peers: request.peers,
      parallel: pool ?? 1,
      backend: loaded.backend,
      onProgress: (progress) => {
        if (progress.type === 'fold') request.onRunFinished?.(progress.result);
      },
    });

  return {
    backend: loaded.backend,
    notes: loaded.notes,
    dataNotes,
    evaluate,
    confirm,
    close: async () => {
      await pool?.close();
    },
  };
}

/**
 * The space's task, checked to split into its test part and search part (by the study's seed and test fraction)
 * and the search part into the space's folds, each with held-out, training and dev examples, so that a task too
 * small for its folds is refused at load instead of failing every trial.
 */
export async function loadSearchTask(spaceFile: SpaceFile, spacePath: string, seed: number, testFraction = DEFAULT_TEST_FRACTION): Promise<Task> {
  const task = await createTask(spaceFile.task, { baseDir: dirname(spacePath), source: spacePath });
  checkSearchTask(task, spaceFile, spacePath, seed, testFraction);
  return task;
}

/** The task's partition, after checking it as `loadSearchTask` says (InputError naming the file and field). */
function checkSearchTask(task: Task, spaceFile: SpaceFile, spacePath: string, seed: number, testFraction: number): TaskPartition {
  let partition: TaskPartition;
  try {
    partition = partitionOf(task, seed, testFraction);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new InputError(`${spacePath}: $.task: ${error.message}`);
  }
  const problem = foldSplitProblem(partition, spaceFile.folds, DEFAULT_DEV_FRACTION, seed);
  if (problem !== undefined) {
    throw new InputError(
      `${spacePath}: $.folds: ${spaceFile.folds} folds do not fit the search part's ${partition.searchIdx.length} examples (${problem})`,
    );
  }
  return partition;
}

const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

function parseBackend(value: string): 'auto' | BackendName {
  if ((BACKENDS as readonly string[]).includes(value)) return value as 'auto' | BackendName;
  throw new InputError(`--backend: unknown backend "${value}" (expected tensorflow, wasm or cpu)`);
}
