import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { loadBackend } from '../../src/trainer/backend.js';
import { encodedTaskOf, foldJobs } from '../../src/trainer/cross-validate.js';
import { createFoldPool, foldProcessCount, type FoldPool } from '../../src/trainer/fold-pool.js';
import { FoldRunner } from '../../src/trainer/fold-runner.js';
import type { FoldResult } from '../../src/trainer/results.js';
import { createTask } from '../../src/trainer/tasks/index.js';
import { trainingBackends } from './backends.js';

const [backend] = await trainingBackends();
const task = await createTask({ name: 'reverse', minLength: 3, maxLength: 4, alphabet: 'abcde', examples: 240, seed: 2 }, { baseDir: '.', source: 'test' });
const data = encodedTaskOf(task).data;
const params = { width: 32, batchSize: 32, 'stopping.rule': 'none', 'stopping.evalEvery': 1000 };
const [job] = foldJobs({ task, folds: 2, seed: 3, budgetTokens: 6000, params });

/** This process's fold processes (Linux /proc): children whose command line runs the fold worker. */
function foldProcessIds(): number[] {
  const ids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (Number(parent) === process.pid && command.includes('fold-worker')) ids.push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  return ids;
}

const withoutTime = ({ seconds, ...rest }: FoldResult): Omit<FoldResult, 'seconds'> => (void seconds, rest);

let pool: FoldPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

it('resolves the backend in a fold process and gives the same fold result as running it here', async () => {
  const lost: string[] = [];
  pool = createFoldPool(1, { onProcessLost: (message) => lost.push(message) });
  expect((await pool.loadBackend(backend)).backend).toBe(backend);
  const first = await pool.run(data, job, backend);
  const again = await pool.run(data, job, backend);
  expect(withoutTime(again)).toEqual(withoutTime(first));
  expect(lost).toEqual([]);
});

it('brings a fold\'s grid curve back from its fold process as the same run here records it', async () => {
  const [gridJob] = foldJobs({ task, folds: 2, seed: 3, budgetTokens: 6000, params, gridEvery: 500 });
  pool = createFoldPool(1);
  const there = await pool.run(data, gridJob, backend);
  const { tf } = await loadBackend(backend);
  const runner = new FoldRunner(tf, backend);
  const here = await runner.run(data, gridJob);
  runner.dispose();
  expect(there.grid!.trainingTokens.length).toBeGreaterThan(5);
  expect(withoutTime(there)).toEqual(withoutTime(here));
});

it('a fold process killed in the middle of a job: the job runs again on a fresh process, same result, and the loss is told', async () => {
  const lost: string[] = [];
  pool = createFoldPool(1, { onProcessLost: (message) => lost.push(message) });
  const clean = await pool.run(data, job, backend);
  let killed = false;
  const result = await pool.run(data, job, backend, () => {
    if (killed) return;
    killed = true;
    const [id] = foldProcessIds();
    process.kill(id, 'SIGSEGV');
  });
  expect(killed).toBe(true);
  expect(withoutTime(result)).toEqual(withoutTime(clean));
  expect(lost).toEqual(['a fold process ended by SIGSEGV; its job runs again on a fresh process']);
  // The replacement serves later jobs too.
  expect(withoutTime(await pool.run(data, job, backend))).toEqual(withoutTime(clean));
});

it('a job whose process is lost twice fails, naming both losses', async () => {
  pool = createFoldPool(1, { onProcessLost: () => undefined });
  let kills = 0;
  const run = pool.run(data, job, backend, () => {
    // One kill per process: the first evaluation of each attempt.
    const ids = foldProcessIds();
    if (kills < 2 && ids.length > 0) {
      kills++;
      for (const id of ids) process.kill(id, 'SIGKILL');
    }
  });
  await expect(run).rejects.toThrow(/fold process ended by SIGKILL.*; then fold process ended by SIGKILL/);
});

it('starts up to one fold process more than cores, and none on one core', () => {
  expect(foldProcessCount(3, 2)).toBe(3);
  expect(foldProcessCount(5, 2)).toBe(3);
  expect(foldProcessCount(2, 8)).toBe(2);
  expect(foldProcessCount(3, 1)).toBe(1);
});
