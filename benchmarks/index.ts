/**
 * `npm run bench -- NAME [ARGS…]`: runs one benchmark (each prints a table and ends with a summary line).
 *   optimizer  gp-ehvi vs random vs sobol on ZDT1-3, DTLZ2, BraninCurrin, EarlyStopping, TokenBudget, EarlyStopping6, CurveReplay;
 *              ask latency (--quick: short run)
 *   dtlz2-deficit  gp-ehvi's DTLZ2 hypervolume deficit split into distance, placement and count   (--seed-from S --seeds N)
 *   trainer    tokens/s of the default models (JSONL Transformer, slot) on each tfjs backend and in PyTorch, equal threads
 *   tasks      held-out EM of the default recipe per task and model   (--tasks a,b --models slot,… --tokens N)
 *   stopping   rules chosen on the search part and reported on the test part, over 5 seeds (--seeds 1,2,…)
 *   gp-fit     GP fit + predict times (cold and warm start)
 *   shared-study  1 vs 3 workers on one stored study (SQLite or PostgreSQL), sleep-bound objective
 *   startup    CPU time of `stopwise --help` and of `serve --stdio` up to its first answer   (--runs N)
 *   json-text  space-file reading time as the file grows (linear in the text)
 *   replay-check  replayed vs really trained outcomes of random recipes of the default space (max |Δ| must be 0)
 *   search-cost   whole searches simulated on a curve bank: tokens to 95 % of the best-known front, with and
 *                 without replay and racing (builds the bank on first use: real training)
 *   live-replay   the real default search with and without replay, the same minutes each, fronts confirmed on
 *                 the test part (--seeds 1,2 --minutes 3; about 20 minutes)
 *   all        every one of them, in that order
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHMARKS: Record<string, string> = {
  optimizer: 'optimizer.ts',
  'dtlz2-deficit': 'dtlz2-deficit.ts',
  trainer: 'trainer-throughput.ts',
  tasks: 'task-learning.ts',
  stopping: 'stopping.ts',
  'gp-fit': 'gp-fit.ts',
  'shared-study': 'shared-study.ts',
  startup: 'startup.ts',
  'json-text': 'json-text.ts',
  'replay-check': 'replay-check.ts',
  'search-cost': 'search-cost.ts',
  'live-replay': 'live-replay.ts',
};

const [name, ...args] = process.argv.slice(2);
const names = name === 'all' ? Object.keys(BENCHMARKS) : [name];
if (!name || names.some((n) => !BENCHMARKS[n])) {
  console.error(`usage: npm run bench -- ${[...Object.keys(BENCHMARKS), 'all'].join('|')} [ARGS…]`);
  process.exit(2);
}
const runner = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
let worst = 0;
for (const benchmark of names) {
  const file = fileURLToPath(new URL(BENCHMARKS[benchmark], import.meta.url));
  const result = spawnSync(process.execPath, [runner, file, ...(name === 'all' ? [] : args)], { stdio: 'inherit' });
  worst = Math.max(worst, result.status ?? 1);
}
process.exit(worst);
