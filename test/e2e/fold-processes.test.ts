import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sleep, startCli, TINY_SPACE } from '../helpers/cli.js';
import { cliRuns, timeoutFor, tinySearchWork } from '../helpers/timeouts.js';

// A search trains its folds in fold processes and keeps TensorFlow out of its own process, so a native crash in
// training cannot take the search (and its terminal UI) down; and fold processes never outlive their search.

const dir = mkdtempSync(join(tmpdir(), 'stopwise-fold-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process has ended
  }
}

const childrenOf = (pid: number): number[] => (read(`/proc/${pid}/task/${pid}/children`) ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
const mapsTensorFlow = (pid: number): boolean => (read(`/proc/${pid}/maps`) ?? '').includes('libtensorflow');
const alive = (pid: number): boolean => read(`/proc/${pid}/status`)?.match(/^State:\s+Z/m) === null;

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(50);
  }
}

// With one core a search trains its folds in its own process, one after another: nothing to check here.
it.runIf(availableParallelism() > 1)(
  'the search process holds no TensorFlow itself, and its fold processes end when it is killed with kill -9',
  { timeout: timeoutFor(tinySearchWork(1), cliRuns(1)) },
  async () => {
    const search = startCli(['search', TINY_SPACE, '--storage', `sqlite:${join(dir, 'study.db')}`, '--trials', '50', '--no-tui', '--no-confirm']);
    let stderr = '';
    search.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    search.stdout!.resume();
    const exited = new Promise<void>((resolve) => search.once('exit', () => resolve()));
    const pid = search.pid!;
    let folds: number[] = [];
    // Training has begun once every fold process has TensorFlow loaded (tiny.json: 2 folds, 2 processes on 2+ cores).
    await waitFor(() => {
      folds = childrenOf(pid);
      return folds.length > 0 && folds.every(mapsTensorFlow);
    }, timeoutFor(cliRuns(1)));
    expect(folds.length, stderr).toBeGreaterThan(0);
    expect(mapsTensorFlow(pid), 'the search process maps libtensorflow').toBe(false);

    search.kill('SIGKILL');
    await exited;
    // Orphaned, each sees its channel to the search close and exits rather than training on for nobody.
    await waitFor(() => folds.every((fold) => !alive(fold)), timeoutFor(cliRuns(1)));
  },
);
