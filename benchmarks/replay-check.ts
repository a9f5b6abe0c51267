/**
 * Replay against training: scores random recipes of the default space by replay on recorded fold curves and
 * trains the same recipes for real, and prints the largest |difference| of tokens and held-out EM over their folds
 * (the bar: 0, both).
 *
 *   npm run bench -- replay-check [--recipes 20] [--seed 1]
 *
 * The recorded curves are the curve bank's (benchmarks/search-cost/curve-bank.ts: rule `none` on the default task,
 * its folds, seed and budget, one run seed, a grid every 25 000 training tokens): the points the bank file holds
 * (the bank is built first when there is no file). Recipes are drawn from the default space with the hyperparameters of a random bank point and
 * `stopping.evalEvery` moved to the nearest multiple of the grid, as replayCandidates draws them; those whose rule
 * does not fire within the budget on some fold cannot be replayed (scoreRecipeOnFolds gives null) and are drawn
 * again, and their count is printed. The `median` rule's peers, per fold, are every bank point's curve at
 * evalEvery 100 000, passed alike to the replay and to the training. Each recipe is then trained with
 * evaluateRecipe, the bank's seed and run seed, in this thread, one fold after another.
 */
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng } from '../src/random/rng.js';
import { scoreRecipeOnFolds } from '../src/replay/index.js';
import { compileSpace } from '../src/space/index.js';
import type { Params, SpaceDefinition } from '../src/space/types.js';
import { isStoppingKey } from '../src/stopping/index.js';
import { evaluateRecipe } from '../src/trainer/cross-validate.js';
import { createTask } from '../src/trainer/tasks/index.js';
import { buildBank, readBank } from './search-cost/curve-bank.js';
import { bankPeers } from './search-cost/simulated-fold.js';

const DEFAULT_SPACE_FILE = fileURLToPath(new URL('../search-spaces/default.json', import.meta.url));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

export async function replayCheck(recipes: number, seed: number, log: (line: string) => void = console.log): Promise<number> {
  const bank = readBank() ?? (await buildBank(log));
  const definition = JSON.parse(readFileSync(DEFAULT_SPACE_FILE, 'utf8')) as SpaceDefinition;
  const space = compileSpace({ params: definition.params });
  const task = await createTask(bank.task, { baseDir: process.cwd(), source: 'replay check' });
  const peersByFold = bankPeers(bank);
  const rng = createRng(seed);
  const evalSpec = definition.params['stopping.evalEvery'];
  const drawn: { params: Params; point: (typeof bank.points)[number] }[] = [];
  let unscorable = 0;
  while (drawn.length < recipes) {
    const point = bank.points[rng.int(bank.points.length)];
    const decoded = space.decode(Array.from({ length: space.d }, () => rng.next()));
    const params: Params = { ...point.hyperparameters };
    for (const [key, value] of Object.entries(decoded)) if (isStoppingKey(key)) params[key] = value;
    if (evalSpec.type !== 'categorical') {
      const low = Math.ceil(evalSpec.low / bank.gridEvery) * bank.gridEvery;
      const high = Math.floor(evalSpec.high / bank.gridEvery) * bank.gridEvery;
      params['stopping.evalEvery'] = Math.min(high, Math.max(low, Math.round(Number(params['stopping.evalEvery']) / bank.gridEvery) * bank.gridEvery));
    }
    if (scoreRecipeOnFolds(params, point.folds, { budgetTokens: bank.budgetTokens, peersByFold }) === null) unscorable++;
    else drawn.push({ params, point });
  }
  log(`replay-check: ${recipes} recipes scored by replay (${unscorable} drawn recipes could not be: their rule does not fire within the budget on some fold)`);
  log(`${'#'.padEnd(4)}${'recipe'.padEnd(72)}${'tokens (replay)'.padStart(26)}${'EM (replay)'.padStart(22)}${'max|Δtok|'.padStart(11)}${'max|ΔEM|'.padStart(10)}`);
  let worstTokens = 0;
  let worstEm = 0;
  for (const [index, { params, point }] of drawn.entries()) {
    const replayed = scoreRecipeOnFolds(params, point.folds, { budgetTokens: bank.budgetTokens, peersByFold })!;
    const trained = await evaluateRecipe({
      task,
      folds: bank.folds,
      seed: bank.seed,
      runSeed: bank.runSeed,
      budgetTokens: bank.budgetTokens,
      params,
      peersByFold,
      parallel: 1,
      source: 'replay check',
    });
    const tokenDifference = Math.max(...trained.folds.map((fold, f) => Math.abs(fold.tokens - replayed.folds[f].tokens)));
    const emDifference = Math.max(...trained.folds.map((fold, f) => Math.abs(fold.em - replayed.folds[f].em)));
    worstTokens = Math.max(worstTokens, tokenDifference);
    worstEm = Math.max(worstEm, emDifference);
    const text = Object.entries(params)
      .map(([key, value]) => `${key.replace('stopping.', '')}=${typeof value === 'number' ? Number(value.toPrecision(3)) : value}`)
      .join(' ');
    log(
      `${String(index).padEnd(4)}${text.slice(0, 70).padEnd(72)}${replayed.folds.map((fold) => `${(fold.tokens / 1e6).toFixed(3)}M`).join(' ').padStart(26)}` +
        `${replayed.folds.map((fold) => fold.em.toFixed(4)).join(' ').padStart(22)}${String(tokenDifference).padStart(11)}${emDifference.toPrecision(2).padStart(10)}`,
    );
  }
  log(`replay-check: ${recipes} recipes × ${bank.folds} folds, max |Δtokens| ${worstTokens}, max |ΔEM| ${worstEm} (load ${loadavg()[0].toFixed(1)})`);
  return worstTokens === 0 && worstEm === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await replayCheck(option('recipes', 20), option('seed', 1));
}
