/**
 * Search-cost benchmark: how many training tokens a search spends to find a good front, with and without scoring
 * stopping rules by replay and racing folds, simulated against a bank of recorded curves (no training).
 *
 *   npm run bench -- search-cost [--seeds 100-109] [--trials 40] [--cap 8] [--margin 2] [--samples 64] [--svg FILE]
 *                                [--arms hp-only,recipe,replay,random] [--best HV] [--bank FILE]
 *
 * The bank (search-cost/curve-bank.ts, built on first use and kept in search-cost/curve-bank.json.gz): rule `none`
 * runs of the default task (its 3 folds, seed and 3M-token budget, one run seed), dev EM, dev loss and held-out EM
 * every 25 000 training tokens, for 8 learning rates log-spaced over the default space's range × widths 64 and 128
 * (the points the file holds; the table's header lists them). A trial's learning rate is moved to the nearest bank
 * learning rate (log scale) when it is scored; the samplers still search the space's continuous range. A trial's
 * fold is scored as search-cost/simulated-fold.ts describes: exactly by replay when its rule fires within the
 * budget, else priced as a budget stop.
 *
 * Four arms, each a whole search per seed through the library's ask/tell (createStudy), the folds of a trial one
 * after another:
 *   (a) hp-only   gp-ehvi over learning rate and width, rule `none` evaluating every 200 000 tokens (one
 *                 optimizer's user: the hyperparameters alone, trained to the budget);
 *   (b) recipe    gp-ehvi over the default space (hyperparameters and stopping rules), no replay, no racing;
 *   (c) replay    as (b), and after each trained trial that was not raced, replayCandidates (`--samples` draws,
 *                 `--cap` kept) on the grids its folds recorded up to their stops, told to the study as extra
 *                 complete trials that cost nothing; after each fold, raceVerdict (`--margin`) against the study's
 *                 complete trials, a raced trial paying only its finished folds and told with their means;
 *   (d) random    random recipes of the default space.
 * The median rule's peers are the curves of the search's trained trials on the same fold.
 *
 * Cost of a trial: the tokens its trained folds used (training plus the recipe's own dev reads). A replay trains
 * nothing. Arm (c)'s grid measurements (held-out EM at every grid point, dev EM where the recipe did not evaluate)
 * are reads a live search would pay in evaluation time; they are reported apart, not in the cost. A search ends
 * after `--trials` trained trials.
 *
 * Quality: hypervolume of the search's front (complete, not raced, trials: trained and replayed) in (tokens /
 * budget, EM), both of a run's held-out folds' means, against the fixed reference point (1.1 × budget, EM 0). The
 * best-known front is the front of everything scored on the bank: an exhaustive replay (every bank point × rule
 * `none` at every evalEvery, restoreBest or not, and × `--exhaustive` random stopping configurations of the
 * default space per point; the median rule's peers there: every bank point's curve at evalEvery 100 000) together
 * with every recipe any of the searches found (random draws miss corners a search finds). Reported per arm over
 * the seeds:
 * training tokens spent until the front's hypervolume first reaches 95 % of the best-known one (median and IQR;
 * a seed that never reaches it counts as infinitely many tokens, and the count of such seeds is shown), the same
 * to 99 % (a stricter target: a front close to 95 % of that hypervolume is found early by any arm that trains a
 * good learning rate with a rule that stops), and the final hypervolume. A ratio whose numerator arm did not
 * reach the target is printed as a lower bound (its unreached seeds counted at their whole spend). The SVG shows
 * each arm's median hypervolume against tokens spent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hypervolume2d } from '../src/multiobjective/index.js';
import { createRng } from '../src/random/rng.js';
import { raceVerdict, replayCandidates } from '../src/replay/index.js';
import { recipeKey } from '../src/samplers/space-domain.js';
import { compileSpace } from '../src/space/index.js';
import type { CompiledSpace, ObjectiveSpec, Params, SpaceDefinition } from '../src/space/types.js';
import { isStoppingKey } from '../src/stopping/index.js';
import type { LearningCurve } from '../src/stopping/types.js';
import { createStudy, type Study } from '../src/study/index.js';
import { foldEstimate } from '../src/trainer/fold-estimate.js';
import type { Estimate, FoldResult } from '../src/trainer/results.js';
import { buildBank, readBank, type CurveBank } from './search-cost/curve-bank.js';
import { bankPeers, bankPointOf, recordedUpTo, simulateFold, type SimulatedFold } from './search-cost/simulated-fold.js';

const DEFAULT_SPACE_FILE = fileURLToPath(new URL('../search-spaces/default.json', import.meta.url));
const DEFAULT_SVG = fileURLToPath(new URL('./search-cost/hypervolume-vs-cost.svg', import.meta.url));
const OBJECTIVES: ObjectiveSpec[] = [
  { name: 'tokens', direction: 'minimize' },
  { name: 'em', direction: 'maximize' },
];
/** The reference point's tokens, as a multiple of the budget (its EM is 0). */
const REFERENCE_TOKENS = 1.1;
const HP_ONLY_STOPPING: Params = { 'stopping.rule': 'none', 'stopping.evalEvery': 200_000, 'stopping.restoreBest': false };
const TARGET_SHARE = 0.95;
/** A stricter target, reported beside the 95 % one. */
const STRICT_SHARE = 0.99;

type ArmName = 'hp-only' | 'recipe' | 'replay' | 'random';
const ARMS: readonly { name: ArmName; label: string }[] = [
  { name: 'hp-only', label: '(a) hyperparameters only, rule none' },
  { name: 'recipe', label: '(b) recipe search, no replay' },
  { name: 'replay', label: '(c) recipe search, replay + racing' },
  { name: 'random', label: '(d) random recipes' },
];

interface Settings {
  seeds: number[];
  trials: number;
  cap: number;
  margin: number;
  samples: number;
  exhaustive: number;
  svg: string;
  /** A bank file other than the committed one (it must exist). */
  bank?: string;
  /** The arms to run (default all four). */
  arms: ArmName[];
  /** A best-known hypervolume from an earlier run on the same bank, used when it is larger than this run's. */
  best?: number;
}

/** One search's record: after each trained trial, the tokens spent so far and the front's hypervolume. */
interface SearchTrace {
  cost: number[];
  /** The cost plus the grid measurement reads so far (arm (c) only; equal to `cost` elsewhere). */
  costWithReads: number[];
  hypervolume: number[];
  trained: number;
  replayed: number;
  raced: number;
  /** Folds not trained because their trial was raced. */
  racedFolds: number;
  measurementTokens: number;
  inexactFolds: number;
  folds: number;
  /** Every complete, not raced, outcome the search found (its front's material). */
  found: Outcome[];
}

interface Outcome {
  tokens: Estimate;
  em: Estimate;
}

function parseSettings(argv: readonly string[]): Settings {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const seedsText = value('seeds') ?? '100-109';
  const seeds = seedsText.includes('-')
    ? (([low, high]) => Array.from({ length: high - low + 1 }, (_, i) => low + i))(seedsText.split('-').map(Number))
    : seedsText.split(',').map(Number);
  return {
    seeds,
    trials: Number(value('trials') ?? 40),
    cap: Number(value('cap') ?? 8),
    margin: Number(value('margin') ?? 2),
    samples: Number(value('samples') ?? 64),
    exhaustive: Number(value('exhaustive') ?? 400),
    svg: value('svg') ?? DEFAULT_SVG,
    ...(value('bank') ? { bank: value('bank') } : {}),
    arms: (value('arms')?.split(',') ?? ARMS.map((arm) => arm.name)) as ArmName[],
    ...(value('best') ? { best: Number(value('best')) } : {}),
  };
}

/** Hypervolume of outcomes in (tokens / budget, −EM) against (REFERENCE_TOKENS, 0). */
function hypervolumeOf(outcomes: readonly Outcome[], budget: number): number {
  const points = new Float64Array(outcomes.length * 2);
  outcomes.forEach((outcome, i) => {
    points[2 * i] = outcome.tokens.mean / budget;
    points[2 * i + 1] = -outcome.em.mean;
  });
  return hypervolume2d(points, outcomes.length, [REFERENCE_TOKENS, 0]);
}

/** A stopping configuration of `space` drawn uniformly, with evalEvery moved to the nearest multiple of the grid. */
function drawStopping(space: CompiledSpace, definition: SpaceDefinition, gridEvery: number, rng: ReturnType<typeof createRng>): Params {
  const decoded = space.decode(Array.from({ length: space.d }, () => rng.next()));
  const stopping = Object.fromEntries(Object.entries(decoded).filter(([key]) => isStoppingKey(key)));
  const spec = definition.params['stopping.evalEvery'];
  if (spec && spec.type !== 'categorical') {
    const low = Math.ceil(spec.low / gridEvery) * gridEvery;
    const high = Math.floor(spec.high / gridEvery) * gridEvery;
    stopping['stopping.evalEvery'] = Math.min(high, Math.max(low, Math.round(Number(stopping['stopping.evalEvery']) / gridEvery) * gridEvery));
  }
  return stopping;
}

/** The bank's exhaustive replay (see the module comment): one outcome per scored recipe. */
function exhaustiveOutcomes(bank: CurveBank, space: CompiledSpace, definition: SpaceDefinition, perPoint: number): Outcome[] {
  const peers = bankPeers(bank);
  const rng = createRng(7);
  const outcomes: Outcome[] = [];
  const evalSpec = definition.params['stopping.evalEvery'];
  const spacings = evalSpec && evalSpec.type !== 'categorical'
    ? Array.from({ length: Math.floor(evalSpec.high / bank.gridEvery) - Math.ceil(evalSpec.low / bank.gridEvery) + 1 }, (_, i) => (Math.ceil(evalSpec.low / bank.gridEvery) + i) * bank.gridEvery)
    : [bank.gridEvery];
  for (const point of bank.points) {
    const configs: Params[] = spacings.flatMap((evalEvery) =>
      [false, true].map((restoreBest) => ({ 'stopping.rule': 'none', 'stopping.evalEvery': evalEvery, 'stopping.restoreBest': restoreBest })),
    );
    for (let i = 0; i < perPoint; i++) configs.push(drawStopping(space, definition, bank.gridEvery, rng));
    for (const stopping of configs) {
      const params = { ...point.hyperparameters, ...stopping };
      const folds = point.folds.map((fold) => simulateFold(params, fold, bank.budgetTokens, peers[fold.fold]));
      outcomes.push({ tokens: foldEstimate(folds.map((f) => f.tokens)), em: foldEstimate(folds.map((f) => f.em)) });
    }
  }
  return outcomes;
}

/** Tells `study` complete trials it did not ask for (replayed recipes), as a storage-level addition of finished trials. */
async function tellExtra(study: Study, entries: readonly { params: Params; outcome: Outcome }[]): Promise<void> {
  for (const { params, outcome } of entries) {
    const trial = await study.storage.reserveTrial(study.record.id, { workerId: 'replay' });
    if (!trial) throw new Error('the study refused a replayed trial');
    await study.storage.setTrialParams(trial.id, params);
    await study.storage.finishTrial(trial.id, {
      state: 'complete',
      values: [outcome.tokens.mean, outcome.em.mean],
      stderr: [outcome.tokens.se, outcome.em.se],
    });
  }
}

const asFoldResult = (fold: SimulatedFold): FoldResult => ({
  fold: fold.fold,
  tokens: fold.tokens,
  em: fold.em,
  heldOutSize: 0,
  stopReason: 'simulated',
  diverged: false,
  curve: fold.curve,
  seconds: 0,
});

/** One whole search of one arm with one seed. */
async function runSearch(arm: ArmName, seed: number, bank: CurveBank, definition: SpaceDefinition, settings: Settings): Promise<SearchTrace> {
  const hpOnly: SpaceDefinition = { params: { learningRate: definition.params.learningRate, width: definition.params.width } };
  const space = compileSpace(arm === 'hp-only' ? hpOnly : { params: definition.params });
  const study = await createStudy({ space, objectives: OBJECTIVES, sampler: arm === 'random' ? 'random' : 'gp-ehvi', seed });
  const replayRng = createRng(seed * 7919 + 13);
  const budget = bank.budgetTokens;
  const peersByFold: LearningCurve[][] = Array.from({ length: bank.folds }, () => []);
  const front: Outcome[] = [];
  const trace: SearchTrace = { cost: [], costWithReads: [], hypervolume: [], trained: 0, replayed: 0, raced: 0, racedFolds: 0, measurementTokens: 0, inexactFolds: 0, folds: 0, found: front };
  let cost = 0;
  for (let t = 0; t < settings.trials; t++) {
    const trial = await study.ask();
    const params = arm === 'hp-only' ? { ...trial.params, ...HP_ONLY_STOPPING } : trial.params;
    const point = bankPointOf(bank, params);
    const folds: SimulatedFold[] = [];
    let raced = false;
    for (const source of point.folds) {
      const fold = simulateFold(params, source, budget, peersByFold[source.fold]);
      folds.push(fold);
      cost += fold.tokens;
      trace.folds++;
      if (!fold.exact) trace.inexactFolds++;
      if (arm === 'replay') trace.measurementTokens += fold.measurementTokens;
      if (arm === 'replay' && folds.length < bank.folds && raceVerdict(folds.map(asFoldResult), bank.folds, front, { margin: settings.margin }).raced) {
        raced = true;
        break;
      }
    }
    const outcome = { tokens: foldEstimate(folds.map((f) => f.tokens)), em: foldEstimate(folds.map((f) => f.em)) };
    const stderr = [outcome.tokens.se, outcome.em.se].every(Number.isFinite) ? { stderr: [outcome.tokens.se, outcome.em.se] } : {};
    await study.tell(trial.id, [outcome.tokens.mean, outcome.em.mean], stderr);
    trace.trained++;
    if (raced) {
      trace.raced++;
      trace.racedFolds += bank.folds - folds.length;
    } else {
      front.push(outcome);
      for (const fold of folds) peersByFold[fold.fold].push(fold.curve);
      if (arm === 'replay') {
        const recorded = folds.map((fold) => recordedUpTo(point.folds[fold.fold], fold.lastGridIndex));
        const exclude = new Set<string>();
        for (const each of await study.trials()) {
          const key = each.params ? recipeKey(space, space.sampledPart(each.params)) : null;
          if (key) exclude.add(key);
        }
        const candidates = replayCandidates(space, { params: trial.params, folds: recorded }, {
          budgetTokens: budget,
          peersByFold,
          cap: settings.cap,
          samples: settings.samples,
          rng: replayRng,
          exclude,
        });
        const told = candidates.map(({ params: replayedParams, result }) => ({ params: replayedParams, outcome: { tokens: result.tokens, em: result.em } }));
        await tellExtra(study, told);
        for (const { outcome: replayed } of told) front.push(replayed);
        trace.replayed += told.length;
      }
    }
    trace.cost.push(cost);
    trace.costWithReads.push(cost + trace.measurementTokens);
    trace.hypervolume.push(hypervolumeOf(front, budget));
  }
  return trace;
}

/** Tokens spent when the trace's hypervolume first reaches `target`, or Infinity (`withReads`: grid reads counted). */
function costToReach(trace: SearchTrace, target: number, withReads = false): number {
  const index = trace.hypervolume.findIndex((hv) => hv >= target);
  return index < 0 ? Infinity : (withReads ? trace.costWithReads : trace.cost)[index];
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  if (low === high) return sorted[low];
  if (!Number.isFinite(sorted[low]) || !Number.isFinite(sorted[high])) return sorted[high];
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const millions = (tokens: number): string => (Number.isFinite(tokens) ? `${(tokens / 1e6).toFixed(0)}M` : 'not reached');

/** The hypervolume a trace holds once `spent` tokens are spent (0 before its first trial ends). */
function hypervolumeAt(trace: SearchTrace, spent: number): number {
  let value = 0;
  for (let i = 0; i < trace.cost.length && trace.cost[i] <= spent; i++) value = trace.hypervolume[i];
  return value;
}

async function writeSvg(file: string, traces: Map<ArmName, SearchTrace[]>, target: number, best: number): Promise<void> {
  const maxCost = Math.max(...[...traces.values()].flat().map((trace) => trace.cost.at(-1) ?? 0));
  const steps = 120;
  const rows: { arm: string; tokens: number; hypervolume: number }[] = [];
  for (const { name, label } of ARMS) {
    const armTraces = traces.get(name) ?? [];
    if (armTraces.length === 0) continue;
    const armEnd = quantile([...armTraces.map((trace) => trace.cost.at(-1) ?? 0)].sort((a, b) => a - b), 0.5);
    for (let s = 0; s <= steps; s++) {
      const spent = (maxCost * s) / steps;
      if (spent > armEnd) break;
      const values = armTraces.map((trace) => hypervolumeAt(trace, spent)).sort((a, b) => a - b);
      rows.push({ arm: label, tokens: spent / 1e6, hypervolume: quantile(values, 0.5) });
    }
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Search cost: median front hypervolume against training tokens spent', subtitle: `over ${[...traces.values()][0]?.length ?? 0} seeds; dashed: 95 % of the best-known front (${best.toFixed(3)})`, anchor: 'start' },
    width: 640,
    height: 360,
    background: 'white',
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'tokens', type: 'quantitative', title: 'training tokens spent by the search (millions)' },
          y: { field: 'hypervolume', type: 'quantitative', title: 'hypervolume of the front (tokens / budget × EM)', scale: { zero: true } },
          color: { field: 'arm', type: 'nominal', title: null, legend: { orient: 'bottom-right' } },
        },
      },
      { data: { values: [{ y: target }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#555' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
    ],
  };
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const logger = vega.logger(vega.Error);
  const compiled = vegaLite.compile(spec as never, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    writeFileSync(file, await view.toSVG());
  } finally {
    view.finalize();
  }
}

export async function searchCostBenchmark(settings: Settings, log: (line: string) => void = console.log): Promise<void> {
  const started = performance.now();
  const bank = settings.bank ? readBank(settings.bank) : (readBank() ?? (await buildBank(log)));
  if (!bank) throw new Error(`no curve bank at ${settings.bank}`);
  const definition = JSON.parse(readFileSync(DEFAULT_SPACE_FILE, 'utf8')) as SpaceDefinition;
  const space = compileSpace({ params: definition.params });
  const points = bank.points.map((point) => `${point.hyperparameters.learningRate}/${point.hyperparameters.width}`).sort();
  log(`search-cost: bank of ${bank.points.length} points (learning rate/width: ${points.join(', ')}) × ${bank.folds} folds, grid ${bank.gridEvery}, budget ${bank.budgetTokens}`);
  const exhaustive = exhaustiveOutcomes(bank, space, definition, settings.exhaustive);
  const exhaustiveHypervolume = hypervolumeOf(exhaustive, bank.budgetTokens);
  log(`exhaustive replay: hypervolume ${exhaustiveHypervolume.toFixed(4)} over ${exhaustive.length} recipes (reference point: ${REFERENCE_TOKENS} × budget tokens, EM 0)`);
  log(`settings: seeds ${settings.seeds.join(',')}, ${settings.trials} trained trials per search, replay cap ${settings.cap}, ${settings.samples} draws per replay, racing margin ${settings.margin}`);

  const traces = new Map<ArmName, SearchTrace[]>();
  const arms = ARMS.filter((arm) => settings.arms.includes(arm.name));
  for (const { name } of arms) traces.set(name, []);
  for (const seed of settings.seeds) {
    for (const { name } of arms) {
      const trace = await runSearch(name, seed, bank, definition, settings);
      traces.get(name)!.push(trace);
      log(`  seed ${seed} ${name.padEnd(8)} final HV ${trace.hypervolume.at(-1)!.toFixed(4)}  spent ${millions(trace.cost.at(-1)!)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  // The best-known front: the exhaustive replay and every recipe any search found, all scored on the same bank.
  const allFound = [...exhaustive, ...[...traces.values()].flat().flatMap((trace) => trace.found)];
  const best = Math.max(hypervolumeOf(allFound, bank.budgetTokens), settings.best ?? 0);
  const target = TARGET_SHARE * best;
  const strict = STRICT_SHARE * best;
  log(`best-known front (exhaustive replay ∪ every search's recipes): hypervolume ${best.toFixed(4)}; 95 %: ${target.toFixed(4)}, 99 %: ${strict.toFixed(4)}`);

  /** Per seed, tokens to reach `level`; a seed that never does counts as Infinity (`bounded`: as its whole spend). */
  const reachCosts = (name: ArmName, level: number, bounded = false): number[] =>
    traces
      .get(name)!
      .map((trace) => (bounded && !Number.isFinite(costToReach(trace, level)) ? trace.cost.at(-1)! : costToReach(trace, level)))
      .sort((a, b) => a - b);
  log('');
  log(
    `${'arm'.padEnd(40)}${'to 95 % (median)'.padStart(18)}${'IQR'.padStart(30)}${'not reached'.padStart(13)}${'to 99 % (median)'.padStart(18)}${'not reached'.padStart(13)}` +
      `${'final HV (median)'.padStart(19)}${'spent'.padStart(8)}${'replayed'.padStart(10)}${'raced'.padStart(7)}${'inexact folds'.padStart(15)}`,
  );
  for (const { name, label } of arms) {
    const armTraces = traces.get(name)!;
    const costs = reachCosts(name, target);
    const strictCosts = reachCosts(name, strict);
    const finals = armTraces.map((trace) => trace.hypervolume.at(-1)!).sort((a, b) => a - b);
    const spent = armTraces.map((trace) => trace.cost.at(-1)!).sort((a, b) => a - b);
    const sum = (select: (trace: SearchTrace) => number) => armTraces.reduce((total, trace) => total + select(trace), 0);
    const unreached = (values: number[]) => `${values.filter((c) => !Number.isFinite(c)).length}/${values.length}`;
    log(
      `${label.padEnd(40)}${millions(quantile(costs, 0.5)).padStart(18)}${`${millions(quantile(costs, 0.25))} – ${millions(quantile(costs, 0.75))}`.padStart(30)}` +
        `${unreached(costs).padStart(13)}${millions(quantile(strictCosts, 0.5)).padStart(18)}${unreached(strictCosts).padStart(13)}` +
        `${quantile(finals, 0.5).toFixed(4).padStart(19)}${millions(quantile(spent, 0.5)).padStart(8)}` +
        `${String(sum((t) => t.replayed)).padStart(10)}${String(sum((t) => t.raced)).padStart(7)}${`${sum((t) => t.inexactFolds)}/${sum((t) => t.folds)}`.padStart(15)}`,
    );
  }
  const replay = traces.get('replay');
  if (!replay) {
    await writeSvg(settings.svg, traces, target, best);
    log(`wrote ${settings.svg}`);
    return;
  }
  const measurement = quantile(replay.map((trace) => trace.measurementTokens).sort((a, b) => a - b), 0.5);
  const racedFolds = replay.reduce((total, trace) => total + trace.racedFolds, 0);
  const withReads = replay.map((trace) => costToReach(trace, target, true)).sort((a, b) => a - b);
  log(`(c) grid measurement reads (not in the cost): median ${millions(measurement)} tokens per search; counted as tokens, (c) reaches 95 % at a median ${millions(quantile(withReads, 0.5))} (IQR ${millions(quantile(withReads, 0.25))} – ${millions(quantile(withReads, 0.75))})`);
  log(`(c) folds skipped by racing: ${racedFolds} over ${replay.length} searches`);
  // A median that is not reached is bounded below by the median with each unreached seed counted at its spend.
  const ratio = (a: ArmName, level: number): string => {
    const y = quantile(reachCosts('replay', level), 0.5);
    if (!traces.has(a)) return 'n/a (arm not run)';
    const x = quantile(reachCosts(a, level), 0.5);
    if (!Number.isFinite(y)) return 'n/a ((c) did not reach it)';
    if (!Number.isFinite(x)) return `≥ ${(quantile(reachCosts(a, level, true), 0.5) / y).toFixed(1)} (not reached by ${a} in ${settings.trials} trials)`;
    return (x / y).toFixed(1);
  };
  log(`search-cost: tokens to 95 % of the best-known hypervolume, median over ${settings.seeds.length} seeds: (b)/(c) ${ratio('recipe', target)}, (a)/(c) ${ratio('hp-only', target)} (bars: ≥ 3 and ≥ 5); ` +
    `to 99 %: (b)/(c) ${ratio('recipe', strict)}, (a)/(c) ${ratio('hp-only', strict)}; ${((performance.now() - started) / 1000).toFixed(0)} s, load ${loadavg()[0].toFixed(1)}`);
  await writeSvg(settings.svg, traces, target, best);
  log(`wrote ${settings.svg}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await searchCostBenchmark(parseSettings(process.argv.slice(2)));
}
