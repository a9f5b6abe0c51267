/**
 * Learning benchmark: what the default recipe learns, per task and per model. For each task and each model it
 * trains the default recipe (rule `none`, the trainer's default hyperparameters for that model, the full budget)
 * over 3 folds of the task's search part, the folds in parallel fold processes as a search runs them, and prints
 * held-out EM (mean ± SE over folds), tokens per run and wall seconds.
 *
 *   npm run bench -- tasks [--tasks a,b] [--models slot,transformer] [--tokens N] [--examples N] [--seed S]
 *
 * Tasks: the built-in `addition` (the default task), `reverse` and `dates`, `dates-jsonl` (the same dates examples
 * written to a JSONL file and read back as a user's task), the shipped user task `times`
 * (search-spaces/data/times.jsonl), and four JSONL tasks this benchmark writes to a temporary folder
 * (benchmarks/tasks/; `--examples` each, default 6000, drawn from the seed) and reads back through the `jsonl`
 * task as a user's file would be read. Those four need content-based alignment — where a target character comes
 * from depends on what the input says, not on a fixed slot — which is what a user's own task usually needs.
 *
 * Models are values of the recipe parameter `model`. A model the trainer does not know is reported as not
 * available, and the benchmark goes on; a trainer whose recipes have no `model` parameter trains the slot model.
 * The seed (default 1: seed 0 chose the default hyperparameters) fixes the generated data, the test part, the folds
 * and the initial weights. Ends with one summary line per model:
 *   tasks: MODEL EM ≥ 0.9 on K of N content-alignment tasks (…), dates EM X, dates-jsonl EM Y
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../src/errors.js';
import { formatEm, formatTokens } from '../src/search/format.js';
import type { Params } from '../src/space/types.js';
import { DEFAULT_FOLDS, DEFAULT_TASK_SPEC } from '../src/trainer/defaults.js';
import { evaluateRecipe } from '../src/trainer/cross-validate.js';
import { createFoldPool, foldProcessCount } from '../src/trainer/fold-pool.js';
import type { TrialResult } from '../src/trainer/results.js';
import { deriveSeed } from '../src/trainer/seeds.js';
import { TRAINING_PARAM_NAMES, trainingConfigFromParams } from '../src/trainer/training-config.js';
import { createTask, type Task, type TaskSpec } from '../src/trainer/tasks/index.js';
import { GENERATED_TASKS } from './tasks/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Budget of one run unless `--tokens` says otherwise: the bar is set at 4M tokens. */
export const DEFAULT_TASK_BUDGET = 4_000_000;
/** Examples of each generated task (as many as the built-in `dates` task has). */
export const DEFAULT_GENERATED_EXAMPLES = 6000;
/** The EM a content-alignment task must reach to count as learned in the summary. */
export const LEARNED_EM = 0.9;
export const DEFAULT_MODELS: readonly string[] = ['slot', 'transformer'];
/** The model a trainer without a `model` recipe parameter trains. */
const SLOT_MODEL = 'slot';

/** A task the benchmark trains on: how to build it, and whether it needs content-based alignment. */
interface BenchmarkTask {
  name: string;
  contentAlignment: boolean;
  /** Builds the task; a generated one writes its JSONL file into `dir` first. */
  load(dir: string, seed: number, examples: number): Promise<Task>;
}

/** Writes `examples` as `dir/NAME.jsonl`, one `{"input", "target"}` object per line. */
function writeJsonl(dir: string, name: string, examples: readonly { input: string; target: string }[]): void {
  const lines = examples.map(({ input, target }) => JSON.stringify({ input, target }));
  writeFileSync(join(dir, `${name}.jsonl`), `${lines.join('\n')}\n`);
}

const fromSpec = (spec: TaskSpec, baseDir = ROOT) => (): Promise<Task> => createTask(spec, { baseDir, source: 'benchmark' });

export const BENCHMARK_TASKS: readonly BenchmarkTask[] = [
  { name: 'addition', contentAlignment: false, load: fromSpec(DEFAULT_TASK_SPEC) },
  { name: 'reverse', contentAlignment: false, load: fromSpec({ name: 'reverse' }) },
  { name: 'dates', contentAlignment: false, load: fromSpec({ name: 'dates' }) },
  {
    // The built-in dates examples as a user would bring them: a JSONL file, read by the `jsonl` task, so that its
    // layout (padding, alignment) is a JSONL task's rather than the built-in task's.
    name: 'dates-jsonl',
    contentAlignment: false,
    async load(dir: string): Promise<Task> {
      const builtIn = await createTask({ name: 'dates' }, { baseDir: ROOT, source: 'benchmark' });
      writeJsonl(dir, 'dates-jsonl', builtIn.examples);
      return createTask({ name: 'jsonl', path: 'dates-jsonl.jsonl' }, { baseDir: dir, source: 'benchmark' });
    },
  },
  { name: 'times', contentAlignment: false, load: fromSpec({ name: 'jsonl', path: 'search-spaces/data/times.jsonl' }) },
  ...GENERATED_TASKS.map((generated) => ({
    name: generated.name,
    contentAlignment: true,
    async load(dir: string, seed: number, examples: number): Promise<Task> {
      writeJsonl(dir, generated.name, generated.examples(examples, deriveSeed(seed, 'task', generated.name)));
      return createTask({ name: 'jsonl', path: `${generated.name}.jsonl` }, { baseDir: dir, source: 'benchmark' });
    },
  })),
];

export interface TaskLearningOptions {
  /** Names from BENCHMARK_TASKS (default: all). */
  tasks?: string[];
  /** Values of the recipe parameter `model` (default DEFAULT_MODELS). */
  models?: string[];
  budgetTokens?: number;
  examples?: number;
  seed?: number;
  log?: (line: string) => void;
}

/**
 * The default recipe for `model`: rule `none` and the model, every other parameter at the trainer's default; the
 * recipe without `model` for the slot model when recipes have no `model` parameter. A string says why the model
 * is not available (the trainer's own message).
 */
export function defaultRecipeFor(model: string): Params | string {
  const recipe: Params = { 'stopping.rule': 'none', model };
  if (!TRAINING_PARAM_NAMES.includes('model')) return model === SLOT_MODEL ? { 'stopping.rule': 'none' } : 'the trainer has no `model` parameter';
  try {
    trainingConfigFromParams(recipe, 'model');
    return recipe;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

/** One row of the table: a result, or why there is none. */
export interface TaskLearningRow {
  task: string;
  model: string;
  result?: TrialResult;
  /** "not available: …" or "failed: …" when there is no result. */
  problem?: string;
}

const COLUMNS = ['task', 'model', 'held-out EM', 'tokens/run', 'wall s', 'parameters'];
const WIDTHS = [16, 12, 16, 11, 7, 10];

function tableLine(cells: readonly string[]): string {
  return cells.map((cell, i) => cell.padEnd(WIDTHS[i])).join(' ').trimEnd();
}

/** A row as the table prints it. */
export function formatRow(row: TaskLearningRow): string {
  if (!row.result) return tableLine([row.task, row.model, row.problem ?? '']);
  const { em, tokens, seconds } = row.result;
  return tableLine([row.task, row.model, `${formatEm(em.mean)} ± ${formatEm(em.se)}`, formatTokens(tokens.mean), seconds.toFixed(0), String(row.result.paramCount)]);
}

/** The summary line of one model: content-alignment tasks learned to LEARNED_EM, and `dates` EM, of those run. */
export function summaryLine(model: string, rows: readonly TaskLearningRow[]): string {
  const mine = rows.filter((row) => row.model === model);
  const content = mine.filter((row) => BENCHMARK_TASKS.find((task) => task.name === row.task)?.contentAlignment);
  const trained = content.filter((row) => row.result);
  if (mine.every((row) => !row.result)) return `tasks: ${model} ${mine[0]?.problem ?? 'not run'}`;
  const learned = trained.filter((row) => row.result!.em.mean >= LEARNED_EM);
  const figures = trained.map((row) => `${row.task} ${formatEm(row.result!.em.mean)}`).join(', ');
  const dates = ['dates', 'dates-jsonl'].flatMap((name) => mine.filter((row) => row.task === name && row.result));
  const parts = [
    ...(trained.length > 0 ? [`EM ≥ ${LEARNED_EM} on ${learned.length} of ${trained.length} content-alignment tasks (${figures})`] : []),
    ...dates.map((row) => `${row.task} EM ${formatEm(row.result!.em.mean)}`),
  ];
  return `tasks: ${model} ${parts.join(', ')}`;
}

/** Runs the benchmark; resolves with every row. Cost: tasks x models x 3 runs of `budgetTokens` tokens. */
export async function runTaskLearningBenchmark(options: TaskLearningOptions = {}): Promise<TaskLearningRow[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const names = options.tasks ?? BENCHMARK_TASKS.map((task) => task.name);
  const unknown = names.filter((name) => !BENCHMARK_TASKS.some((task) => task.name === name));
  if (unknown.length > 0) throw new Error(`--tasks: unknown ${unknown.join(', ')} (known: ${BENCHMARK_TASKS.map((task) => task.name).join(', ')})`);
  const models = options.models ?? [...DEFAULT_MODELS];
  const budgetTokens = options.budgetTokens ?? DEFAULT_TASK_BUDGET;
  const seed = options.seed ?? 1;
  const examples = options.examples ?? DEFAULT_GENERATED_EXAMPLES;
  const recipes = new Map(models.map((model) => [model, defaultRecipeFor(model)]));

  const dir = mkdtempSync(join(tmpdir(), 'stopwise-tasks-'));
  const pool = createFoldPool(foldProcessCount(DEFAULT_FOLDS));
  const rows: TaskLearningRow[] = [];
  try {
    const { backend } = await pool.loadBackend('auto');
    log(`tasks: default recipe (rule none), ${DEFAULT_FOLDS} folds, ${formatTokens(budgetTokens)} tokens/run, seed ${seed}, backend ${backend}, ${pool.size} fold processes, load ${loadavg()[0].toFixed(1)}`);
    log(tableLine(COLUMNS));
    for (const name of names) {
      const task = await BENCHMARK_TASKS.find((candidate) => candidate.name === name)!.load(dir, seed, examples);
      for (const warning of task.warnings ?? []) log(`  ${warning}`);
      for (const model of models) {
        const recipe = recipes.get(model)!;
        let row: TaskLearningRow;
        if (typeof recipe === 'string') {
          row = { task: name, model, problem: `not available: ${recipe}` };
        } else {
          try {
            const result = await evaluateRecipe({ task, folds: DEFAULT_FOLDS, seed, budgetTokens, params: recipe, source: `model ${model}`, parallel: pool, backend });
            row = { task: name, model, result };
          } catch (error) {
            // A model the trainer refuses only when it trains (not in its recipe check) is not available either.
            const message = (error as Error).message;
            row = { task: name, model, problem: error instanceof InputError ? `not available: ${message}` : `failed: ${message}` };
          }
        }
        rows.push(row);
        log(formatRow(row));
      }
    }
    for (const model of models) log(summaryLine(model, rows));
    return rows;
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The command line's options; throws on an unknown flag or a number out of range. */
export function parseTaskLearningArguments(argv: readonly string[]): TaskLearningOptions {
  const options: TaskLearningOptions = {};
  const integer = (flag: string, value: string | undefined, min: number): number => {
    const number = Number(value);
    if (value === undefined || !Number.isSafeInteger(number) || number < min) throw new Error(`${flag}: expected an integer ≥ ${min}, got ${value ?? 'nothing'}`);
    return number;
  };
  const list = (flag: string, value: string | undefined): string[] => {
    const items = (value ?? '').split(',').filter(Boolean);
    if (items.length === 0) throw new Error(`${flag}: expected a comma-separated list`);
    return items;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--tasks') options.tasks = list(flag, argv[++i]);
    else if (flag === '--models') options.models = list(flag, argv[++i]);
    else if (flag === '--tokens') options.budgetTokens = integer(flag, argv[++i], 1000);
    else if (flag === '--examples') options.examples = integer(flag, argv[++i], 100);
    else if (flag === '--seed') options.seed = integer(flag, argv[++i], 0);
    else throw new Error(`unknown option ${flag} (expected --tasks LIST, --models LIST, --tokens N, --examples N, --seed S)`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runTaskLearningBenchmark(parseTaskLearningArguments(process.argv.slice(2)));
  process.exitCode = rows.some((row) => row.problem?.startsWith('failed')) ? 1 : 0;
}
