/**
 * Stopping-rule benchmark: how many tokens can a stopping rule save without losing exact match, measured the way
 * DESIGN.md (Methodology) asks: chosen on the search part, reported on a test part that did not choose it, over
 * several seeds, with paired standard errors.
 *
 *   npm run bench -- stopping [--seeds 1,2,3,4,5]      (or: node bin/run-ts.js benchmarks/stopping.ts)
 *
 * For each seed (it fixes the test part, the folds, the dev splits and the initial weights):
 * 1. Train the default recipe with rule `none` to its full budget on each of the k folds of the search part,
 *    evaluating densely; at every dev evaluation also measure EM on the fold's held-out examples and on the test
 *    part (measurements only: they never reach a stopping decision and cost no recipe tokens).
 * 2. Replay every rule over a grid of its parameters on the recorded dev curves, at no training cost. A replayed
 *    run ends at its stop (or the budget); its EM is that of the checkpoint it ends with (the best dev point with
 *    restoreBest, else the stop).
 * 3. Choose on the search part only: a configuration is eligible when its cross-validated EM, paired with `none`'s
 *    fold by fold, is at most 0.01 below and at most 2 paired SE below 0; each rule's eligible configuration with
 *    the largest saving is its pick, and the pick with the largest saving is the seed's choice.
 * 4. Report on the test part: the chosen configuration's token saving and its test EM minus `none`'s (the same
 *    fold-run, so paired by seed and fold).
 * The summary averages the per-seed figures; its SE is over seeds (each seed's test part is shared by its folds,
 * so folds of one seed are not independent). The bar: saving ≥ 50 % with a paired EM difference ≥ −0.01 and not
 * more than 2 SE below 0.
 *
 * How a replay is priced. Evaluating does not change training (it draws no random numbers and updates nothing),
 * so a run with evalEvery = m x the dense spacing sees every m-th dense point. Its tokens at its j-th evaluation
 * are the training tokens of that dense point plus j+1 dev reads; its points stop where that exceeds the budget.
 * The `median` rule needs peer curves: here the other folds' curves of the same recipe stand in for a study's other
 * trials, so it rarely fires. The baseline is `none` without restoreBest at the coarsest evaluation spacing (its
 * cheapest form).
 */
import { pathToFileURL } from 'node:url';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { defaultStoppingConfig, replay, RULES, type RuleName, type StoppingConfig } from '../src/stopping/index.js';
import type { CurvePoint } from '../src/stopping/types.js';
import type { Estimate } from '../src/storage/records.js';
import { evaluateRecipe, foldEstimate, foldJobs, encodedTaskOf } from '../src/trainer/cross-validate.js';
import { DEFAULT_BUDGET_TOKENS, DEFAULT_FOLDS, DEFAULT_TASK_SPEC, DEFAULT_TRAINING } from '../src/trainer/defaults.js';
import { tokensOf } from '../src/trainer/encoded-task.js';
import { createTask, type Task, type TaskSpec } from '../src/trainer/tasks/index.js';
import type { Params } from '../src/space/types.js';

export interface StoppingBenchmarkOptions {
  taskSpec?: TaskSpec;
  budgetTokens?: number;
  /** Training hyperparameters (default DEFAULT_TRAINING). */
  training?: Params;
  /** Training tokens between the dense evaluations that every replay subsamples (default 25 000). */
  denseEvalEvery?: number;
  folds?: number;
  /** Seeds to report on (default 1–5: seed 0 chose the default hyperparameters and budget). */
  seeds?: number[];
  log?: (line: string) => void;
}

/** The largest EM loss, against `none`, that still counts as not losing EM. */
export const EM_TOLERANCE = 0.01;
/** The most paired standard errors a difference may sit below 0. */
export const MAX_SE_BELOW_ZERO = 2;

/** Spacings of the replayed runs' evaluations, as multiples of the dense spacing. */
const SPACING_MULTIPLES = [1, 2, 4];

/** Each rule's parameter grid (rule parameters only; crossed with spacing and restoreBest). */
function ruleGrids(): Record<RuleName, Record<string, unknown>[]> {
  const modelParameter = RULES.extrapolate.parameters.find((p) => p.name === 'model');
  const models = modelParameter?.type === 'choice' ? modelParameter.choices : ['exp3'];
  return {
    none: [{}],
    patience: [2, 3, 5].flatMap((patience) =>
      [0.002, 0.01].flatMap((minDelta) => [
        { patience, minDelta, metric: 'devEm' },
        { patience, minDelta: minDelta / 2, metric: 'devLoss' },
      ]),
    ),
    threshold: [0.9, 0.93, 0.95, 0.97].map((target) => ({ target })),
    plateau: [3, 5].flatMap((window) => [0.02, 0.05, 0.1].map((tolerance) => ({ window, tolerance }))),
    median: [{ minPeers: 2 }],
    extrapolate: models.flatMap((model) => [0.005, 0.01, 0.02].map((margin) => ({ model, margin }))),
  };
}

/** One fold's dense record: per dense evaluation, training tokens, dev curve, held-out-fold EM, test-part EM. */
interface DenseFold {
  trainingTokens: number[];
  devEm: number[];
  devLoss: number[];
  heldOutEm: number[];
  testEm: number[];
  devTokens: number;
}

/** A replayed configuration on one seed: per fold, tokens and the EM of the checkpoint it ends with. */
interface ReplayOutcome {
  config: StoppingConfig;
  tokens: number[];
  cvEm: number[];
  testEm: number[];
}

/** One seed's result. */
export interface SeedRow {
  seed: number;
  chosen: StoppingConfig | null;
  /** 1 − tokens / `none`'s tokens (the tokens of a run do not depend on where its EM is measured). */
  saving: number;
  /** Chosen on the search part: the paired cross-validated EM difference against `none`. */
  cvEmDifference: Estimate;
  /** Reported on the test part. */
  testEm: number;
  noneTestEm: number;
  /** Mean over folds of (chosen − none) test EM, and its SE over folds. */
  testEmDifference: Estimate;
}

export interface StoppingBenchmarkResult {
  seeds: SeedRow[];
  saving: Estimate;
  emDifference: Estimate;
  summary: string;
  meetsBar: boolean;
}

/** The curve a run with evalEvery = multiple x dense spacing would have recorded, within the budget. */
function scheduledCurve(fold: DenseFold, multiple: number, budget: number): { curve: CurvePoint[]; denseIndex: number[] } {
  const curve: CurvePoint[] = [];
  const denseIndex: number[] = [];
  for (let i = multiple - 1; i < fold.trainingTokens.length; i += multiple) {
    const tokens = fold.trainingTokens[i] + (curve.length + 1) * fold.devTokens;
    if (tokens > budget) break;
    curve.push({ tokens, devEm: fold.devEm[i], devLoss: fold.devLoss[i] });
    denseIndex.push(i);
  }
  return { curve, denseIndex };
}

/** The rule and its parameters that differ from their defaults, e.g. `patience patience=2 minDelta=0.01 every=100k restore`. */
export function formatParameters(config: StoppingConfig): string {
  const { rule, evalEvery, warmup, restoreBest, startGain, ...own } = config;
  void warmup;
  void startGain;
  const defaults = defaultStoppingConfig(rule) as Record<string, unknown>;
  const ownText = Object.entries(own)
    .filter(([key, value]) => defaults[key] !== value)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return `${rule}${ownText ? ` ${ownText}` : ''} every=${Math.round(evalEvery / 1000)}k${restoreBest ? ' restore' : ''}`;
}

const percent = (value: number): string => `${(value * 100).toFixed(0)}%`;
const signed = (value: number, digits = 3): string => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
const estimateText = (estimate: Estimate, digits = 3): string => `${estimate.mean.toFixed(digits)}±${estimate.se.toFixed(digits)}`;

/** Mean and SE of paired differences a[i] − b[i]. */
function pairedDifference(a: readonly number[], b: readonly number[]): Estimate {
  return foldEstimate(a.map((value, i) => value - b[i]));
}

/** Eligible on the search part: paired CV EM difference ≥ −EM_TOLERANCE and ≥ −MAX_SE_BELOW_ZERO SE. */
function holdsEm(difference: Estimate): boolean {
  const se = Number.isFinite(difference.se) ? difference.se : 0;
  return difference.mean >= -EM_TOLERANCE && difference.mean >= -MAX_SE_BELOW_ZERO * se;
}

/** Trains one seed's folds densely with `none` and records dev, held-out and test EM at every evaluation. */
async function recordSeed(task: Task, seed: number, options: Required<Pick<StoppingBenchmarkOptions, 'budgetTokens' | 'denseEvalEvery' | 'folds' | 'training'>>, log: (line: string) => void): Promise<DenseFold[]> {
  const { budgetTokens: budget, denseEvalEvery: dense, folds } = options;
  const { encoded } = encodedTaskOf(task);
  const params: Params = { ...options.training, 'stopping.rule': 'none', 'stopping.restoreBest': false, 'stopping.evalEvery': dense };
  const jobs = foldJobs({ task, folds, seed, budgetTokens: budget, params });
  const devTokens = jobs.map((job) => tokensOf(encoded.exampleTokens, job.split.devIdx));
  // Enough budget that the dense run trains as far as the cheapest replayed schedule could.
  const denseBudget = budget + Math.ceil(budget / dense + 1) * Math.max(...devTokens);
  const record: DenseFold[] = devTokens.map((tokens) => ({ trainingTokens: [], devEm: [], devLoss: [], heldOutEm: [], testEm: [], devTokens: tokens }));
  const trial = await evaluateRecipe({
    task,
    folds,
    seed,
    budgetTokens: denseBudget,
    params,
    probeHeldOut: true,
    probeTest: true,
    onProgress: (progress) => {
      if (progress.type !== 'evaluation') return;
      const { fold, index, point, heldOutEm, testEm } = progress.event;
      const target = record[fold];
      target.trainingTokens[index] = point.tokens - (index + 1) * target.devTokens;
      target.devEm[index] = point.devEm;
      target.devLoss[index] = point.devLoss;
      target.heldOutEm[index] = heldOutEm ?? NaN;
      target.testEm[index] = testEm ?? NaN;
    },
  });
  log(`seed ${seed}: trained ${folds} folds on ${trial.backend} in ${trial.seconds.toFixed(0)} s`);
  for (const [fold, data] of record.entries()) {
    const marks = [0.1, 0.25, 0.5, 1].map((share) => {
      const index = data.trainingTokens.findIndex((tokens) => tokens >= share * budget);
      const at = index < 0 ? data.trainingTokens.length - 1 : index;
      return `${percent(share)}: dev ${data.devEm[at].toFixed(3)} test ${data.testEm[at].toFixed(3)}`;
    });
    log(`  fold ${fold} — ${marks.join(' | ')}`);
  }
  return record;
}

function replayOn(record: DenseFold[], config: StoppingConfig, budget: number, dense: number): ReplayOutcome {
  const multiple = Math.round(config.evalEvery / dense);
  const schedules = record.map((data) => scheduledCurve(data, multiple, budget));
  const outcome: ReplayOutcome = { config, tokens: [], cvEm: [], testEm: [] };
  record.forEach((data, fold) => {
    const { curve, denseIndex } = schedules[fold];
    const peers = schedules.filter((_, other) => other !== fold).map((schedule) => schedule.curve);
    const result = replay(config, curve, { budgetTokens: budget, peers });
    const end = denseIndex[result.restoreIndex ?? curve.length - 1];
    outcome.tokens.push(result.stopIndex === null ? budget : result.tokensAtStop);
    outcome.cvEm.push(data.heldOutEm[end]);
    outcome.testEm.push(data.testEm[end]);
  });
  return outcome;
}

/** Chooses on the search part (see the file comment, step 3) and reports the choice on the test part. */
export function chooseAndReport(seed: number, outcomes: readonly ReplayOutcome[], baseline: ReplayOutcome): SeedRow {
  // Tokens do not depend on where EM is measured: one saving serves both parts.
  const saving = (o: ReplayOutcome): number => 1 - mean(o.tokens) / mean(baseline.tokens);
  let chosen: ReplayOutcome | null = null;
  for (const outcome of outcomes) {
    if (outcome.config.rule === 'none') continue;
    if (!holdsEm(pairedDifference(outcome.cvEm, baseline.cvEm))) continue;
    if (chosen === null || saving(outcome) > saving(chosen)) chosen = outcome;
  }
  const picked = chosen ?? baseline;
  return {
    seed,
    chosen: chosen?.config ?? null,
    saving: saving(picked),
    cvEmDifference: pairedDifference(picked.cvEm, baseline.cvEm),
    testEm: mean(picked.testEm),
    noneTestEm: mean(baseline.testEm),
    testEmDifference: pairedDifference(picked.testEm, baseline.testEm),
  };
}

export async function runStoppingBenchmark(options: StoppingBenchmarkOptions = {}): Promise<StoppingBenchmarkResult> {
  const log = options.log ?? console.log;
  const settings = {
    budgetTokens: options.budgetTokens ?? DEFAULT_BUDGET_TOKENS,
    denseEvalEvery: options.denseEvalEvery ?? 25_000,
    folds: options.folds ?? DEFAULT_FOLDS,
    training: options.training ?? ({ ...DEFAULT_TRAINING } as unknown as Params),
  };
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  const task = await createTask(options.taskSpec ?? DEFAULT_TASK_SPEC, { baseDir: process.cwd(), source: 'stopping benchmark' });
  const grids = ruleGrids();
  const configs: StoppingConfig[] = [];
  for (const [rule, grid] of Object.entries(grids) as [RuleName, Record<string, unknown>[]][]) {
    for (const own of grid) {
      for (const multiple of SPACING_MULTIPLES) {
        for (const restoreBest of [true, false]) {
          configs.push(defaultStoppingConfig(rule, { ...own, evalEvery: settings.denseEvalEvery * multiple, restoreBest }));
        }
      }
    }
  }
  log(
    `stopping benchmark: ${task.description}; budget ${settings.budgetTokens} tokens; ${settings.folds} folds of the search part; ` +
      `seeds ${seeds.join(', ')}; ${configs.length} rule configurations replayed; dense evaluation every ${settings.denseEvalEvery} training tokens`,
  );

  const rows: SeedRow[] = [];
  for (const seed of seeds) {
    const record = await recordSeed(task, seed, settings, log);
    const coarsest = settings.denseEvalEvery * SPACING_MULTIPLES[SPACING_MULTIPLES.length - 1];
    const baseline = replayOn(record, defaultStoppingConfig('none', { evalEvery: coarsest, restoreBest: false }), settings.budgetTokens, settings.denseEvalEvery);
    const outcomes = configs.map((config) => replayOn(record, config, settings.budgetTokens, settings.denseEvalEvery));
    const row = chooseAndReport(seed, outcomes, baseline);
    rows.push(row);
    log(`  chosen on the search part: ${row.chosen ? formatParameters(row.chosen) : 'none (no rule kept EM)'}`);
  }

  log('');
  log(`${'seed'.padEnd(6)}${'chosen on the search part'.padEnd(50)}${'saved'.padStart(7)}${'CV ΔEM'.padStart(16)}${'test EM'.padStart(9)}${'none'.padStart(7)}${'test ΔEM (±SE folds)'.padStart(22)}`);
  for (const row of rows) {
    log(
      `${String(row.seed).padEnd(6)}${(row.chosen ? formatParameters(row.chosen) : 'none').padEnd(50)}${percent(row.saving).padStart(7)}${`${signed(row.cvEmDifference.mean)}±${row.cvEmDifference.se.toFixed(3)}`.padStart(16)}` +
        `${row.testEm.toFixed(3).padStart(9)}${row.noneTestEm.toFixed(3).padStart(7)}${`${signed(row.testEmDifference.mean)}±${row.testEmDifference.se.toFixed(3)}`.padStart(22)}`,
    );
  }
  const saving = overSeeds(rows.map((row) => row.saving));
  const emDifference = overSeeds(rows.map((row) => row.testEmDifference.mean));
  const chosenEm = overSeeds(rows.map((row) => row.testEm));
  const noneEm = overSeeds(rows.map((row) => row.noneTestEm));
  const meetsBar = saving.mean >= 0.5 && holdsEm(emDifference);
  const rules = [...new Set(rows.map((row) => row.chosen?.rule ?? 'none'))];
  log('');
  log(
    `over ${rows.length} seeds on the test part: saving ${percent(saving.mean)} ± ${percent(saving.se)}; EM difference (chosen − none, paired by seed) ` +
      `${signed(emDifference.mean)} ± ${emDifference.se.toFixed(3)} (SE over seeds); bar (saving ≥ 50 %, ΔEM ≥ −${EM_TOLERANCE} and ≥ −${MAX_SE_BELOW_ZERO} SE): ${meetsBar ? 'met' : 'NOT met'}`,
  );
  const summary = `stopping: best saving within 1 SE: ${rules.join('+')} saves ${percent(saving.mean)} tokens, EM ${estimateText(chosenEm)} vs none ${estimateText(noneEm)}`;
  log(summary);
  return { seeds: rows, saving, emDifference, summary, meetsBar };
}

/** Mean and SE over seeds. */
function overSeeds(values: readonly number[]): Estimate {
  return { mean: mean([...values]), se: values.length > 1 ? sampleStandardDeviation([...values]) / Math.sqrt(values.length) : NaN };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv.indexOf('--seeds');
  const seeds = flag >= 0 ? process.argv[flag + 1].split(',').map(Number) : undefined;
  await runStoppingBenchmark({ seeds });
}
