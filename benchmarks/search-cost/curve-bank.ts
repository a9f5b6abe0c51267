/**
 * The curve bank of the search-cost benchmark: fine-grid curves of a grid of hyperparameter points × the folds of
 * the default task, trained once with rule `none` to the default budget and kept in a committed file, so that whole
 * searches can be simulated against it without training (in the manner of LCBench, Zimmer et al. 2021, and Syne
 * Tune's blackbox repository).
 *
 * Each point is trained like a trial of the default space (its task, folds, seed 0 and budget), with one run seed
 * for every point, `stopping.evalEvery` equal to the budget (so the run itself never reads the dev split and trains
 * to the budget) and `gridEvery` GRID_EVERY: every 25 000 training tokens it records dev EM, dev loss and held-out
 * EM (FoldResult.grid). Any recipe with those hyperparameters and an evalEvery that is a multiple of GRID_EVERY can
 * then be scored on the record (src/replay).
 *
 *   node bin/run-ts.js benchmarks/search-cost/curve-bank.ts [--points N]   builds (or completes) the bank file
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import type { Params } from '../../src/space/types.js';
import { evaluateRecipe } from '../../src/trainer/cross-validate.js';
import type { FoldResult } from '../../src/trainer/results.js';
import { createTask, type Task, type TaskSpec } from '../../src/trainer/tasks/index.js';

export const BANK_FILE = fileURLToPath(new URL('./curve-bank.json.gz', import.meta.url));
const DEFAULT_SPACE_FILE = fileURLToPath(new URL('../../search-spaces/default.json', import.meta.url));

/** Training tokens between grid points. */
export const GRID_EVERY = 25_000;
/** Learning rates: 8 points log-spaced over the default space's range [0.002, 0.05]. */
export const BANK_LEARNING_RATES: readonly number[] = Array.from({ length: 8 }, (_, i) => Number((0.002 * 25 ** (i / 7)).toPrecision(4)));
/** The default space's widths. */
export const BANK_WIDTHS: readonly number[] = [64, 128];
/** The run seed of every bank point (weights, batch order): one seed, so replays of a point share its runs. */
export const BANK_RUN_SEED = 0;

/** One hyperparameter point's runs: one per fold, each with its grid. */
export interface BankPoint {
  hyperparameters: Params;
  folds: FoldResult[];
  backend: string;
  seconds: number;
}

export interface CurveBank {
  task: TaskSpec;
  folds: number;
  seed: number;
  runSeed: number;
  budgetTokens: number;
  gridEvery: number;
  points: BankPoint[];
}

interface DefaultSpace {
  task: TaskSpec;
  folds: number;
  seed: number;
  budget: { maxTokensPerRun: number };
}

function defaultSpace(): DefaultSpace {
  return JSON.parse(readFileSync(DEFAULT_SPACE_FILE, 'utf8')) as DefaultSpace;
}

/**
 * The order the bank's learning rates are trained in (indices into BANK_LEARNING_RATES): coarse to fine, so that a
 * bank whose build was cut short is still spread over the whole range.
 */
const BUILD_ORDER = [3, 5, 7, 1, 6, 4, 2, 0];

/** Every hyperparameter point of the bank, in build order: each learning rate with every width. */
export function bankHyperparameters(): Params[] {
  return BUILD_ORDER.flatMap((index) => [...BANK_WIDTHS].reverse().map((width) => ({ learningRate: BANK_LEARNING_RATES[index], width })));
}

export function readBank(file = BANK_FILE): CurveBank | null {
  if (!existsSync(file)) return null;
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as CurveBank;
}

function writeBank(bank: CurveBank, file = BANK_FILE): void {
  writeFileSync(file, gzipSync(JSON.stringify(bank)));
}

const sameParams = (a: Params, b: Params): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Reads the bank file, training (one fold after another, in this thread) every point it does not hold yet and
 * writing the file after each point, so an interrupted build resumes where it stopped. Cost: 3 training runs of
 * the full budget per missing point.
 */
export async function buildBank(log: (line: string) => void = console.log, limit = Infinity): Promise<CurveBank> {
  const space = defaultSpace();
  const bank: CurveBank = readBank() ?? {
    task: space.task,
    folds: space.folds,
    seed: space.seed,
    runSeed: BANK_RUN_SEED,
    budgetTokens: space.budget.maxTokensPerRun,
    gridEvery: GRID_EVERY,
    points: [],
  };
  let task: Task | null = null;
  let built = 0;
  for (const hyperparameters of bankHyperparameters()) {
    if (built >= limit) break;
    if (bank.points.some((point) => sameParams(point.hyperparameters, hyperparameters))) continue;
    task ??= await createTask(bank.task, { baseDir: process.cwd(), source: 'curve bank' });
    const params: Params = {
      ...hyperparameters,
      'stopping.rule': 'none',
      'stopping.evalEvery': bank.budgetTokens,
      'stopping.restoreBest': false,
    };
    const result = await evaluateRecipe({
      task,
      folds: bank.folds,
      seed: bank.seed,
      runSeed: bank.runSeed,
      budgetTokens: bank.budgetTokens,
      params,
      gridEvery: bank.gridEvery,
      parallel: 1,
      source: 'curve bank',
    });
    const folds = result.folds;
    bank.points.push({ hyperparameters, folds, backend: result.backend, seconds: result.seconds });
    writeBank(bank);
    built++;
    log(
      `bank: lr ${hyperparameters.learningRate} width ${hyperparameters.width}: final held-out EM ${folds.map((f) => f.em.toFixed(3)).join(' ')}, ` +
        `${folds[0].grid?.trainingTokens.length} grid points, ${result.seconds.toFixed(0)} s on ${result.backend} (load ${loadavg()[0].toFixed(1)})`,
    );
  }
  return bank;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--points');
  const limit = at >= 0 ? Number(process.argv[at + 1]) : Infinity;
  const bank = await buildBank(console.log, limit);
  console.log(`bank: ${bank.points.length} points × ${bank.folds} folds in ${BANK_FILE}`);
}
