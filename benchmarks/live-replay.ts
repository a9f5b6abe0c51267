/**
 * Live replay benchmark: the real `search` command on a space (default: search-spaces/default.json), once with
 * replay and fold racing (the space's `replay` block) and once without (`--no-replay`: today's recipe search), each
 * given the same wall-clock budget for its trials (`--time-limit`), then each front confirmed on the test part
 * the search never saw (`confirm`'s runs, DESIGN.md Methodology). Scored by the hypervolume of the confirmed
 * points — tokens per run (minimized) against test EM (maximized) — inside the fixed box [0, budget] × [0, 1],
 * reported as a fraction of that box.
 *
 * Only the confirmed figures count: a front's cross-validated values are what the search chose by, so they are
 * optimistic; confirmation retrains each front recipe over `--confirm-seeds` seeds and measures EM on the test
 * part. The two arms of one seed share the study seed (the same folds, test part and first trials); they run one
 * after the other, in alternating order from seed to seed, so that a change in the machine's load does not always
 * favour the same arm.
 *
 *   npm run bench -- live-replay [--space FILE] [--seeds 1,2] [--minutes 3] [--confirm-seeds 3]
 *
 * Cost: per seed and arm, `--minutes` of search plus the front's confirmation (about 2 minutes for 8 recipes on
 * the default task); the defaults take about 20 minutes on 2 quiet cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hypervolume2d } from '../src/multiobjective/index.js';

interface ConfirmedPoint {
  number: number;
  tokens: number;
  em: number;
}

interface ArmRun {
  seed: number;
  arm: 'replay' | 'no replay';
  searchSeconds: number;
  trained: number;
  replayed: number;
  pruned: number;
  front: number;
  confirmed: ConfirmedPoint[];
  /** Hypervolume of the confirmed points as a fraction of the box [0, budget] × [0, 1]. */
  testHypervolume: number;
}

const { values } = parseArgs({
  options: {
    space: { type: 'string', default: fileURLToPath(new URL('../search-spaces/default.json', import.meta.url)) },
    seeds: { type: 'string', default: '1,2' },
    minutes: { type: 'string', default: '3' },
    'confirm-seeds': { type: 'string', default: '3' },
  },
});
const seeds = values.seeds.split(',').map(Number);
const minutes = Number(values.minutes);
const confirmSeeds = Number(values['confirm-seeds']);
const spaceFile = JSON.parse(readFileSync(values.space, 'utf8')) as { budget: { maxTokensPerRun: number } };
const budget = spaceFile.budget.maxTokensPerRun;
const cli = fileURLToPath(new URL('../bin/stopwise.js', import.meta.url));

function stopwise(args: string[]): string {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`stopwise ${args.join(' ')} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  }
  return result.stdout;
}

/** Hypervolume of (tokens, EM) points in the box [0, budget] × [0, 1], as a fraction of the box. */
function boxHypervolume(points: readonly ConfirmedPoint[]): number {
  const inside = points.filter((p) => p.tokens < budget && p.em > 0);
  const minimized = new Float64Array(inside.length * 2);
  inside.forEach((p, i) => {
    minimized[2 * i] = p.tokens / budget;
    minimized[2 * i + 1] = -p.em;
  });
  return hypervolume2d(minimized, inside.length, [1, 0]);
}

function runArm(seed: number, arm: ArmRun['arm'], scratch: string): ArmRun {
  const storage = `sqlite:${join(scratch, `s${seed}-${arm === 'replay' ? 'replay' : 'plain'}.db`)}`;
  const study = `live-${arm === 'replay' ? 'replay' : 'plain'}-${seed}`;
  const args = ['search', values.space, '--study', study, '--storage', storage, '--seed', String(seed), '--trials', '100000'];
  args.push('--time-limit', String(minutes), '--confirm-seeds', String(confirmSeeds), '--no-tui');
  if (arm === 'no replay') args.push('--no-replay');
  const started = performance.now();
  stopwise(args);
  const searchSeconds = (performance.now() - started) / 1000;
  const report = JSON.parse(stopwise(['export', '--study', study, '--storage', storage, '--format', 'json'])) as {
    trials: { number: number; state: string; replayedFrom?: number | null; onFront: boolean; confirmed: { tokens: { mean: number }; em: { mean: number } } | null }[];
  };
  const trials = report.trials;
  const confirmed = trials
    .filter((t) => t.confirmed !== null)
    .map((t) => ({ number: t.number, tokens: t.confirmed!.tokens.mean, em: t.confirmed!.em.mean }));
  return {
    seed,
    arm,
    searchSeconds,
    trained: trials.filter((t) => t.state === 'complete' && (t.replayedFrom ?? null) === null).length,
    replayed: trials.filter((t) => (t.replayedFrom ?? null) !== null).length,
    pruned: trials.filter((t) => t.state === 'pruned').length,
    front: trials.filter((t) => t.onFront).length,
    confirmed,
    testHypervolume: boxHypervolume(confirmed),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const scratch = mkdtempSync(join(tmpdir(), 'stopwise-bench-live-'));
const runs: ArmRun[] = [];
try {
  seeds.forEach((seed, i) => {
    const order: ArmRun['arm'][] = i % 2 === 0 ? ['replay', 'no replay'] : ['no replay', 'replay'];
    for (const arm of order) {
      const run = runArm(seed, arm, scratch);
      runs.push(run);
      console.log(
        `seed ${seed} ${arm.padEnd(9)}  ${run.searchSeconds.toFixed(0)} s with confirmation, trained ${run.trained}, ` +
          `replayed ${run.replayed}, pruned ${run.pruned}, front ${run.front}, confirmed ${run.confirmed.length}, ` +
          `test HV ${run.testHypervolume.toFixed(4)}`,
      );
    }
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('');
console.log('| seed | test HV with replay | test HV without | difference |');
console.log('|---|---|---|---|');
const differences: number[] = [];
for (const seed of seeds) {
  const withReplay = runs.find((r) => r.seed === seed && r.arm === 'replay')!;
  const without = runs.find((r) => r.seed === seed && r.arm === 'no replay')!;
  const difference = withReplay.testHypervolume - without.testHypervolume;
  differences.push(difference);
  console.log(`| ${seed} | ${withReplay.testHypervolume.toFixed(4)} | ${without.testHypervolume.toFixed(4)} | ${difference >= 0 ? '+' : ''}${difference.toFixed(4)} |`);
}
const better = differences.filter((d) => d > 0).length;
console.log('');
console.log(
  `live replay: ${minutes} min of search per arm, ${seeds.length} seeds; median test hypervolume with replay ` +
    `${median(runs.filter((r) => r.arm === 'replay').map((r) => r.testHypervolume)).toFixed(4)}, without ` +
    `${median(runs.filter((r) => r.arm === 'no replay').map((r) => r.testHypervolume)).toFixed(4)}; replay higher on ${better} of ${seeds.length} seeds`,
);
