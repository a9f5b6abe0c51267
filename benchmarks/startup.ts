/**
 * CPU time (user + system) of starting the compiled CLI, against the project's bars: `stopwise --help` ≤ 0.4 s,
 * and `serve --stdio` up to its answer to the first `create` ≤ 0.6 s. Each command runs as its own process, with
 * `--import` of a small module that writes the process's CPU time (`process.cpuUsage()`, every thread since
 * the process started) when it exits; `serve` exits once its stdin (just the `create` line) is read and answered.
 * CPU time rather than wall-clock time, since it is less disturbed by other processes on a shared machine.
 * `serve` is measured with a space without expressions and with one that has a condition and a constraint
 * (which loads mathjs's parser). Builds dist/ first if it is stale.
 *
 *   npm run bench -- startup [--runs N]        (default 5 runs per command; the table shows medians)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// @ts-expect-error: a plain JavaScript script without declarations
import buildDistIfStale from '../scripts/build-if-stale.mjs';

const CLI = fileURLToPath(new URL('../bin/stopwise.js', import.meta.url));

const PLAIN_CREATE = {
  op: 'create',
  space: { params: { x: { type: 'float', low: 0, high: 1 }, n: { type: 'int', low: 1, high: 8 } } },
  objectives: [{ name: 'cost', direction: 'minimize' }, { name: 'gain', direction: 'maximize' }],
};
const EXPRESSION_CREATE = {
  ...PLAIN_CREATE,
  space: {
    params: { ...PLAIN_CREATE.space.params, y: { type: 'float', low: 0, high: 1, when: 'n > 2' } },
    constraints: ['x * n < 6'],
  },
};

interface Case {
  name: string;
  args: string[];
  input?: string;
  /** The bar in seconds of CPU, if the project sets one. */
  bar?: number;
}

const CASES: Case[] = [
  { name: 'stopwise --help', args: ['--help'], bar: 0.4 },
  { name: 'serve: first create', args: ['serve', '--stdio'], input: `${JSON.stringify(PLAIN_CREATE)}\n`, bar: 0.6 },
  { name: 'serve: create with expressions', args: ['serve', '--stdio'], input: `${JSON.stringify(EXPRESSION_CREATE)}\n` },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs the CLI once; returns its CPU seconds. Throws if it fails or does not answer `create` with ok. */
function measureOnce(testCase: Case, reporter: string, report: string): number {
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(reporter).href, CLI, ...testCase.args], {
    input: testCase.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, STOPWISE_CPU_REPORT: report },
  });
  if (result.status !== 0) throw new Error(`${testCase.name}: exit ${result.status}: ${result.stderr}`);
  if (testCase.input !== undefined && !result.stdout.startsWith('{"ok":true}')) {
    throw new Error(`${testCase.name}: answered ${result.stdout}`);
  }
  const { user, system } = JSON.parse(readFileSync(report, 'utf8')) as { user: number; system: number };
  return (user + system) / 1e6;
}

export function runStartupBenchmark(runs: number): boolean {
  buildDistIfStale();
  const folder = mkdtempSync(join(tmpdir(), 'stopwise-startup-'));
  try {
    const reporter = join(folder, 'report-cpu.mjs');
    writeFileSync(
      reporter,
      "import { writeFileSync } from 'node:fs';\n" +
        "process.on('exit', () => writeFileSync(process.env.STOPWISE_CPU_REPORT, JSON.stringify(process.cpuUsage())));\n",
    );
    const report = join(folder, 'cpu.json');
    console.log(`startup CPU time of the compiled CLI (seconds, user + system; ${runs} runs each)`);
    console.log(`${'command'.padEnd(32)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}${'bar'.padStart(8)}`);
    let withinBars = true;
    for (const testCase of CASES) {
      const times = Array.from({ length: runs }, () => measureOnce(testCase, reporter, report));
      const middle = median(times);
      if (testCase.bar !== undefined && middle > testCase.bar) withinBars = false;
      const fmt = (value: number) => value.toFixed(2).padStart(8);
      console.log(
        `${testCase.name.padEnd(32)}${fmt(middle)}${fmt(Math.min(...times))}${fmt(Math.max(...times))}` +
          `${(testCase.bar === undefined ? '–' : testCase.bar.toFixed(2)).padStart(8)}`,
      );
    }
    console.log(withinBars ? 'startup: every median within its bar' : 'startup: a median is over its bar');
    return withinBars;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runsIndex = process.argv.indexOf('--runs');
  const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('usage: npm run bench -- startup [--runs N]');
    process.exit(2);
  }
  process.exitCode = runStartupBenchmark(runs) ? 0 : 1;
}
