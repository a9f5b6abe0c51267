import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, TINY_SPACE } from '../helpers/cli.js';
import { cliRuns, timeoutFor } from '../helpers/timeouts.js';

/** One CLI run that refuses its input or serves a few lines: a start, no training. */
const ONE_RUN = cliRuns(1);


// The worst single bad inputs found so far, run through the real CLI: each must be refused (exit 2 for a file,
// one error reply per line for the protocol) within 300 MB and 10 threads, and without starting threads of its own.
const MAX_THREADS = 10;
const HOOK = fileURLToPath(new URL('../helpers/report-resources.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stopwise-resources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Usage {
  status: number | null;
  stderr: string;
  stdout: string;
  peakMiB: number;
  peakThreads: number;
}

function run(name: string, args: string[], input = ''): Promise<Usage> {
  const reportPath = join(dir, `${name}.usage.json`);
  return new Promise((resolve, reject) => {
    // The CLI as `npx stopwise` starts it: through its own shebang, which sizes libuv's thread pool.
    const child = spawn(CLI, args, {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${HOOK}`.trim(), STOPWISE_RESOURCE_REPORT: reportPath },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutFor(ONE_RUN));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const usage = JSON.parse(readFileSync(reportPath, 'utf8')) as { peakKiB: number; peakThreads: number };
      // SHOW_RESOURCES=1 prints the measured figures.
      if (process.env.SHOW_RESOURCES) console.log(name, { peakMiB: usage.peakKiB / 1024, peakThreads: usage.peakThreads });
      resolve({ status, stdout, stderr, peakMiB: usage.peakKiB / 1024, peakThreads: usage.peakThreads });
    });
    child.stdin.end(input);
  });
}

function spaceFile(name: string, change: (space: Record<string, any>) => void): string {
  const space = JSON.parse(readFileSync(TINY_SPACE, 'utf8')) as Record<string, any>;
  change(space);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(space));
  return path;
}

const manyParams: Record<string, unknown> = {};
for (let i = 0; i < 30_000; i++) manyParams[`p${i}`] = { type: 'float', low: 0, high: 1 };
writeFileSync(join(dir, 'two.jsonl'), '{"input":"a","target":"b"}\n{"input":"c","target":"d"}\n');

const SPACES: [string, (space: Record<string, any>) => void][] = [
  ['a billion folds', (space) => (space.folds = 1e9)],
  ['a two-line task in two folds', (space) => (space.task = { name: 'jsonl', path: 'two.jsonl' })],
  ['30,000 parameters', (space) => (space.params = manyParams)],
  ['an expression of 200,000 terms', (space) => (space.constraints = [Array(200_000).fill('learningRate').join(' + ') + ' > 0'])],
  ['a constraint no recipe satisfies', (space) => (space.constraints = ['learningRate > 1'])],
];

describe('resources used by the worst bad inputs', () => {
  it('the idle CLI: the baseline every other process is compared with', { timeout: timeoutFor(ONE_RUN, ONE_RUN) }, async () => {
    baseline = await run('idle', ['serve', '--stdio']);
    expect(baseline.status).toBe(0);
    expect(baseline.peakThreads).toBeLessThan(MAX_THREADS);
  });

  it.each(SPACES)('search refuses %s at load within 300 MB and no threads of its own', { timeout: timeoutFor(ONE_RUN, ONE_RUN) }, async (name, change) => {
    const path = spaceFile(name.replace(/\W+/g, '-'), change);
    const usage = await run(name.replace(/\W+/g, '-'), ['search', path, '--storage', `sqlite:${join(dir, 'never.db')}`, '--no-tui']);
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.peakMiB).toBeLessThan(300);
    expect(usage.peakThreads).toBeLessThanOrEqual(baseline!.peakThreads);
    expect(usage.peakThreads).toBeLessThan(MAX_THREADS);
  });

  it('serve answers a huge batch, deep nesting and an 8 MB line with one error each, within 300 MB', { timeout: timeoutFor(ONE_RUN, ONE_RUN) }, async () => {
    const create = JSON.stringify({
      op: 'create',
      space: { params: { x: { type: 'float', low: 0, high: 1 } } },
      objectives: [{ name: 'f1', direction: 'minimize' }, { name: 'f2', direction: 'minimize' }],
    });
    const lines = [create, '{"op":"ask","n":1000}', '['.repeat(1_000_000), `{"op":"front","x":"${'y'.repeat(8 * 1024 * 1024)}"}`, '{"op":"ask","n":64}'];
    const usage = await run('serve', ['serve', '--stdio'], lines.join('\n') + '\n');
    const replies = usage.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean });
    expect(replies.map((reply) => reply.ok)).toEqual([true, false, false, false, true]);
    expect(usage.peakMiB).toBeLessThan(300);
    expect(usage.peakThreads).toBeLessThanOrEqual(baseline!.peakThreads);
    expect(usage.peakThreads).toBeLessThan(MAX_THREADS);
  });
});

let baseline: Usage | undefined;
