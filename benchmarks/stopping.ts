/**
 * Stopping-rule benchmark (issue 3, "The bar": some rule saves ≥ 50 % of the tokens with EM within one standard
 * error of `none`). Trains the default task to its full budget on every fold with rule `none`, evaluating densely
 * and — for this benchmark only — also measuring held-out EM at every dev evaluation; then replays every rule over
 * a small grid of its parameters on the recorded dev curves, at no training cost, and reports for each the tokens
 * a live run would have used and the held-out EM of the model it would have ended with.
 *
 *   npm run bench -- stopping            (or: node bin/run-ts.js benchmarks/stopping.ts)
 *
 * How a replay is priced. Evaluating does not change training (it draws no random numbers and updates nothing),
 * so a run with evalEvery = m x the dense spacing sees every m-th dense point. Its tokens at its j-th evaluation
 * are the training tokens of that dense point plus j+1 dev reads; its points stop where that exceeds the budget.
 * The rule is replayed (src/stopping `replay`) on those points; the run's tokens are those at the stop (or the
 * budget when it never fires) and its EM is the held-out EM at the checkpoint it ends with: the best dev point
 * with restoreBest, else the stop (or the last point within the budget). The `median` rule needs peer curves:
 * here the other folds' curves of the same recipe stand in for a study's other trials, so it rarely fires.
 * The baseline is `none` without restoreBest at the coarsest evaluation spacing (its cheapest form).
 */
import { pathToFileURL } from 'node:url';
import { defaultStoppingConfig, replay, type RuleName, type StoppingConfig } from '../src/stopping/index.js';
import type { CurvePoint } from '../src/stopping/types.js';
import type { Estimate } from '../src/study/types.js';
import { encodedTaskOf, evaluateRecipe, foldEstimate, foldJobs } from '../src/trainer/cross-validate.js';
import { DEFAULT_BUDGET_TOKENS, DEFAULT_FOLDS, DEFAULT_SEED, DEFAULT_TASK_SPEC, DEFAULT_TRAINING } from '../src/trainer/defaults.js';
import { tokensOf } from '../src/trainer/encoded-task.js';
import { createTask, type TaskSpec } from '../src/trainer/tasks/index.js';
import type { Params } from '../src/space/types.js';

export interface StoppingBenchmarkOptions {
  taskSpec?: TaskSpec;
  budgetTokens?: number;
  /** Training hyperparameters (default DEFAULT_TRAINING). */
  training?: Params;
  /** Training tokens between the dense evaluations that every replay subsamples (default 25 000). */
  denseEvalEvery?: number;
  folds?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** One rule configuration's replayed outcome over the folds. */
export interface ReplayRow {
  rule: RuleName;
  /** The rule's own parameters plus evalEvery and restoreBest, as text. */
  parameters: string;
  tokens: Estimate;
  em: Estimate;
  /** 1 − tokens / baseline tokens. */
  saving: number;
  /** EM mean ≥ baseline EM mean − baseline EM standard error. */
  withinOneSe: boolean;
}

export interface StoppingBenchmarkResult {
  baseline: ReplayRow;
  rows: ReplayRow[];
  best: ReplayRow | null;
  summary: string;
  /** Seconds spent training (all folds, wall clock). */
  trainingSeconds: number;
  backend: string;
}

/** Spacings of the replayed runs' evaluations, as multiples of the dense spacing. */
const SPACING_MULTIPLES = [1, 2, 4];

/** Each rule's parameter grid (rule parameters only; crossed with spacing and restoreBest). */
const RULE_GRIDS: Record<RuleName, Record<string, unknown>[]> = {
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
  extrapolate: [0.005, 0.01, 0.02].map((margin) => ({ margin })),
};

interface DenseFold {
  /** Training tokens at each dense evaluation. */
  trainingTokens: number[];
  devEm: number[];
  devLoss: number[];
  heldOutEm: number[];
  devTokens: number;
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

function formatParameters(config: StoppingConfig): string {
  const { rule, evalEvery, warmup, restoreBest, ...own } = config;
  void rule;
  void warmup;
  const ownText = Object.entries(own)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return `${ownText}${ownText ? ' ' : ''}every=${Math.round(evalEvery / 1000)}k${restoreBest ? ' restore' : ''}`;
}

const percent = (value: number): string => `${(value * 100).toFixed(0)}%`;
const estimateText = (estimate: Estimate, digits = 3): string =>
  `${estimate.mean.toFixed(digits)}±${estimate.se.toFixed(digits)}`;

export async function runStoppingBenchmark(options: StoppingBenchmarkOptions = {}): Promise<StoppingBenchmarkResult> {
  const log = options.log ?? console.log;
  const taskSpec = options.taskSpec ?? DEFAULT_TASK_SPEC;
  const budget = options.budgetTokens ?? DEFAULT_BUDGET_TOKENS;
  const dense = options.denseEvalEvery ?? 25_000;
  const folds = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_SEED;
  const task = await createTask(taskSpec, { baseDir: process.cwd(), source: 'stopping benchmark' });
  const { encoded } = encodedTaskOf(task);

  const params: Params = {
    ...(options.training ?? { ...DEFAULT_TRAINING }),
    'stopping.rule': 'none',
    'stopping.restoreBest': false,
    'stopping.evalEvery': dense,
  } as Params;
  const jobs = foldJobs({ task, folds, seed, budgetTokens: budget, params }, encoded.size);
  const devTokens = jobs.map((job) => tokensOf(encoded.exampleTokens, job.split.devIdx));
  // Enough budget that the dense run trains as far as the cheapest replayed schedule could.
  const denseBudget = budget + Math.ceil(budget / dense + 1) * Math.max(...devTokens);
  const record: DenseFold[] = devTokens.map((tokens) => ({
    trainingTokens: [],
    devEm: [],
    devLoss: [],
    heldOutEm: [],
    devTokens: tokens,
  }));

  log(`stopping benchmark: ${task.description}; budget ${budget} tokens; ${folds} folds; dense evaluation every ${dense} training tokens`);
  const trial = await evaluateRecipe({
    task,
    folds,
    seed,
    budgetTokens: denseBudget,
    params,
    probeHeldOut: true,
    onProgress: (progress) => {
      if (progress.type !== 'evaluation') return;
      const { fold, index, point, heldOutEm } = progress.event;
      const target = record[fold];
      target.trainingTokens[index] = point.tokens - (index + 1) * target.devTokens;
      target.devEm[index] = point.devEm;
      target.devLoss[index] = point.devLoss;
      target.heldOutEm[index] = heldOutEm ?? NaN;
    },
  });
  log(`trained on ${trial.backend} in ${trial.seconds.toFixed(1)} s (${trial.folds.map((f) => `${f.seconds.toFixed(1)} s`).join(', ')} per fold)`);
  for (const [fold, data] of record.entries()) {
    const marks = [0.1, 0.25, 0.5, 0.75, 1].map((share) => {
      const index = data.trainingTokens.findIndex((tokens) => tokens >= share * budget);
      const at = index < 0 ? data.trainingTokens.length - 1 : index;
      return `${percent(share)}: dev ${data.devEm[at].toFixed(3)} held-out ${data.heldOutEm[at].toFixed(3)}`;
    });
    log(`  fold ${fold} curve — ${marks.join(' | ')}`);
  }

  const evaluate = (config: StoppingConfig): { tokens: Estimate; em: Estimate } => {
    const multiple = Math.round(config.evalEvery / dense);
    const schedules = record.map((data) => scheduledCurve(data, multiple, budget));
    const tokens: number[] = [];
    const em: number[] = [];
    record.forEach((data, fold) => {
      const { curve, denseIndex } = schedules[fold];
      const peers = schedules.filter((_, other) => other !== fold).map((schedule) => schedule.curve);
      const outcome = replay(config, curve, { budgetTokens: budget, peers });
      const endIndex = outcome.restoreIndex ?? curve.length - 1;
      tokens.push(outcome.stopIndex === null ? budget : outcome.tokensAtStop);
      em.push(data.heldOutEm[denseIndex[endIndex]]);
    });
    return { tokens: foldEstimate(tokens), em: foldEstimate(em) };
  };

  const coarsest = dense * SPACING_MULTIPLES[SPACING_MULTIPLES.length - 1];
  const baselineConfig = defaultStoppingConfig('none', { evalEvery: coarsest, restoreBest: false });
  const baselineOutcome = evaluate(baselineConfig);
  const toRow = (config: StoppingConfig, outcome: { tokens: Estimate; em: Estimate }): ReplayRow => ({
    rule: config.rule,
    parameters: formatParameters(config),
    tokens: outcome.tokens,
    em: outcome.em,
    saving: 1 - outcome.tokens.mean / baselineOutcome.tokens.mean,
    withinOneSe: outcome.em.mean >= baselineOutcome.em.mean - baselineOutcome.em.se,
  });
  const baseline = toRow(baselineConfig, baselineOutcome);

  const rows: ReplayRow[] = [];
  for (const [rule, grid] of Object.entries(RULE_GRIDS) as [RuleName, Record<string, unknown>[]][]) {
    for (const own of grid) {
      for (const multiple of SPACING_MULTIPLES) {
        for (const restoreBest of [true, false]) {
          const config = defaultStoppingConfig(rule, { ...own, evalEvery: dense * multiple, restoreBest });
          rows.push(toRow(config, evaluate(config)));
        }
      }
    }
  }

  log('');
  log(`${'rule'.padEnd(12)}${'parameters'.padEnd(46)}${'tokens'.padStart(18)}${'saved'.padStart(7)}${'EM ± SE'.padStart(15)}  within 1 SE`);
  for (const row of [baseline, ...rows]) {
    log(
      `${row.rule.padEnd(12)}${row.parameters.padEnd(46)}${estimateText(row.tokens, 0).padStart(18)}${percent(row.saving).padStart(7)}${estimateText(row.em).padStart(15)}  ${row.withinOneSe ? 'yes' : ''}`,
    );
  }
  const eligible = rows.filter((row) => row.withinOneSe && row.rule !== 'none');
  const best = eligible.length ? eligible.reduce((a, b) => (b.saving > a.saving ? b : a)) : null;
  const summary = best
    ? `stopping: best saving within 1 SE: ${best.rule} saves ${percent(best.saving)} tokens, EM ${estimateText(best.em)} vs none ${estimateText(baseline.em)}`
    : `stopping: best saving within 1 SE: none found, EM of none ${estimateText(baseline.em)}`;
  if (best) {
    log('');
    log(`best within 1 SE of none: ${best.rule} ${best.parameters}`);
  }
  log('');
  log(summary);
  return { baseline, rows, best, summary, trainingSeconds: trial.seconds, backend: trial.backend };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStoppingBenchmark();
}
