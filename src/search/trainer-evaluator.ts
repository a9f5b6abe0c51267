import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { dirname } from 'node:path';
import type { CompiledSpace, SpaceFile } from '../space/index.js';
import type { Params } from '../space/types.js';
import { loadBackend, type BackendName } from '../trainer/backend.js';
import { DEFAULT_DEV_FRACTION, evaluateRecipe } from '../trainer/cross-validate.js';
import { createFoldPool, type FoldPool } from '../trainer/fold-pool.js';
import { trialSeed } from '../trainer/seeds.js';
import { createTask, type Task } from '../trainer/tasks/index.js';
import { foldSplitProblem } from '../trainer/folds.js';
import type { FoldResult } from '../study/types.js';
import type { RecipeEvaluator } from './run-search.js';

export interface TrainerEvaluator {
  backend: BackendName;
  notes: string[];
  evaluate: RecipeEvaluator;
  close(): Promise<void>;
}

/**
 * The `search` command's objective: a recipe → k-fold training on the space's task. Folds of one trial share the
 * study seed (the same splits for every trial, so recipes are compared on equal terms); weights and batch order
 * are seeded per trial. Derived values of the space file join the recipe before training.
 */
export async function createTrainerEvaluator(options: {
  spaceFile: SpaceFile;
  spacePath: string;
  space: CompiledSpace;
  seed: number;
  backend: string;
  parallelFolds: boolean;
  /** The task from `loadSearchTask`, if the caller loaded it already. */
  task?: Task;
}): Promise<TrainerEvaluator> {
  const { spaceFile, spacePath, space, seed } = options;
  const backendPreference = parseBackend(options.backend);
  const task = options.task ?? (await loadSearchTask(spaceFile, spacePath));
  const loaded = await loadBackend(backendPreference);
  // Up to one thread more than cores: 3 folds on 2 cores finish in 1.5 fold-times instead of 2 rounds (each fold
  // trains on one TensorFlow thread); more threads than that only add memory.
  const cores = availableParallelism();
  const workers = options.parallelFolds && cores > 1 ? Math.min(spaceFile.folds, cores + 1) : 1;
  const pool: FoldPool | null = workers > 1 ? createFoldPool(workers) : null;

  const evaluate: RecipeEvaluator = async (request) => {
    const saves: Promise<void>[] = [];
    const params: Params = { ...request.params, ...(space.derive(request.params) as Params) };
    const result = await evaluateRecipe({
      task,
      folds: spaceFile.folds,
      seed,
      runSeed: trialSeed(seed, request.trialNumber),
      budgetTokens: spaceFile.budget.maxTokensPerRun,
      params,
      source: `trial ${request.trialNumber}`,
      peersByFold: request.peersByFold,
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

  return {
    backend: loaded.backend,
    notes: loaded.notes,
    evaluate,
    close: async () => {
      await pool?.close();
    },
  };
}

/**
 * The space's task, checked to split into the space's folds (each with held-out, training and dev examples), so
 * that a task too small for its folds is refused at load instead of failing every trial.
 */
export async function loadSearchTask(spaceFile: SpaceFile, spacePath: string): Promise<Task> {
  const task = await createTask(spaceFile.task, { baseDir: dirname(spacePath), source: spacePath });
  const problem = foldSplitProblem(task.examples.length, spaceFile.folds, DEFAULT_DEV_FRACTION);
  if (problem !== undefined) {
    throw new InputError(`${spacePath}: $.folds: ${spaceFile.folds} folds do not fit the task's ${task.examples.length} examples (${problem})`);
  }
  return task;
}

const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

function parseBackend(value: string): 'auto' | BackendName {
  if ((BACKENDS as readonly string[]).includes(value)) return value as 'auto' | BackendName;
  throw new InputError(`--backend: unknown backend "${value}" (expected tensorflow, wasm or cpu)`);
}
