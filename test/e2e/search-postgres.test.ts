import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { openStorage } from '../../src/storage/index.js';
import { runCli, sleep, startCli, TINY_SPACE } from '../helpers/cli.js';
import { cliRuns, timeoutFor, tinySearchWork } from '../helpers/timeouts.js';
import {
  controlPostgres,
  describePostgres,
  FAULTS_POSTGRES_URL,
  freshPostgresUrl,
  itWithFaultsServer,
  rawPostgres,
  TEST_POSTGRES_URL,
} from '../helpers/postgres.js';

// Separate `search` processes on one PostgreSQL study, as on several machines: claims, kill -9, a server restart,
// copies to SQLite and back, and the one-line errors.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-pg-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TARGET = 12;

// Every test trains at most what three workers do to reach TARGET trials (each confirming its front at the end).
vi.setConfig({ testTimeout: timeoutFor(tinySearchWork(TARGET, { runs: 3 }), cliRuns(4)), hookTimeout: timeoutFor(tinySearchWork(TARGET, { runs: 3 })) });

interface Worker {
  child: ChildProcess;
  stderr: string;
  /** The exit code, or the signal's name when the process was killed. */
  exit: Promise<number | string>;
}

/**
 * A `search` process on the shared study. These tests are about claims, kills and reconnection, so the workers skip
 * the confirmation of the front on the test part (the storage contract tests cover confirmations and their copies).
 */
function startWorker(storage: string, env: NodeJS.ProcessEnv = {}): Worker {
  const args = ['search', TINY_SPACE, '--storage', storage, '--trials', String(TARGET), '--no-tui', '--seed', '5', '--no-confirm'];
  const child = startCli(args, { env });
  const worker: Worker = { child, stderr: '', exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))) };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (worker.stderr += chunk));
  child.stdout!.resume();
  return worker;
}

/** Lines a worker printed as errors (TensorFlow's start-up chatter on stderr is not one). */
const errorLines = (worker: Worker) =>
  worker.stderr.split('\n').filter((line) => line.startsWith('stopwise:') || /unhandled|uncaught/i.test(line));

/** What the workers printed on stderr, shown when their exits are not as expected. */
const stderrOf = (workers: Worker[]) => workers.map((worker, i) => `worker ${i} stderr:\n${worker.stderr.slice(-4000)}`).join('\n');

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

async function countTrials(storage: string, state: string, workerPid?: number): Promise<number> {
  try {
    const rows = await rawPostgres<{ n: number }>(
      storage,
      `SELECT count(*)::int AS n FROM stopwise_trials
       WHERE state = $1 AND ($2::text IS NULL OR (worker_id LIKE $2 AND params IS NOT NULL))`,
      [state, workerPid === undefined ? null : `%:${workerPid}`],
    );
    return rows[0].n;
  } catch {
    return 0; // the schema is not created yet
  }
}

async function showJson(storage: string): Promise<string> {
  const shown = await runCli(['show', '--study', 'tiny', '--storage', storage, '--json']);
  expect(shown.stderr).toBe('');
  expect(shown.status).toBe(0);
  return shown.stdout;
}

/** Exactly TARGET complete trials, numbered uniquely, none running, each with both folds, no recipe evaluated twice. */
async function expectExactlyTarget(storage: string): Promise<void> {
  const opened = await openStorage(storage);
  try {
    const study = (await opened.getStudy('tiny'))!;
    const trials = await opened.getTrials(study.id);
    const complete = trials.filter((t) => t.state === 'complete');
    expect(complete).toHaveLength(TARGET);
    expect(trials.filter((t) => t.state === 'running')).toHaveLength(0);
    expect(new Set(trials.map((t) => t.number)).size).toBe(trials.length);
    for (const trial of complete) expect(trial.result!.folds.map((f) => f.fold)).toEqual([0, 1]);
    // Running trials are pending for every worker's sampler: no two complete trials share a recipe.
    expect(new Set(complete.map((t) => JSON.stringify(t.params))).size).toBe(TARGET);
  } finally {
    await opened.close();
  }
}

describePostgres('stopwise search on PostgreSQL: separate processes on one study', () => {
  const killedStudy = freshPostgresUrlOrNull('killed');

  it('3 processes finish exactly 12 trials with one of them killed by kill -9 mid-trial; its recipe is asked again', async () => {
    const storage = killedStudy!;
    const workers = [startWorker(storage), startWorker(storage), startWorker(storage)];
    const victim = workers[0];
    // Kill the first worker while it trains a trial with a recipe (a moment into it, so that a fold may be saved).
    await waitFor(async () => (await countTrials(storage, 'running', victim.child.pid)) > 0, timeoutFor(cliRuns(1)));
    await sleep(Math.floor(Math.random() * 500));
    victim.child.kill('SIGKILL');
    expect(await victim.exit).toBe('SIGKILL');
    const codes = await Promise.all(workers.slice(1).map((worker) => worker.exit));
    expect(codes, stderrOf(workers.slice(1))).toEqual([0, 0]);
    for (const worker of workers.slice(1)) expect(errorLines(worker)).toEqual([]);
    await expectExactlyTarget(storage);

    const opened = await openStorage(storage);
    try {
      const study = (await opened.getStudy('tiny'))!;
      const trials = await opened.getTrials(study.id);
      const killed = trials.filter((t) => t.workerId?.endsWith(`:${victim.child.pid}`) && t.state === 'stale');
      expect(killed).toHaveLength(1);
      const retry = trials.find((t) => t.retryOf === killed[0].id)!;
      expect(retry.params).toEqual(killed[0].params);
      expect(retry.state).toBe('complete');
    } finally {
      await opened.close();
    }
  });

  it('studies copy PostgreSQL → SQLite → PostgreSQL → SQLite keeps show --json identical', async () => {
    const storage = killedStudy!;
    const original = await showJson(storage);
    const firstSqlite = `sqlite:${join(dir, 'copy-1.db')}`;
    const backToPostgres = freshPostgresUrl('copy');
    const secondSqlite = `sqlite:${join(dir, 'copy-2.db')}`;
    for (const [from, to] of [
      [storage, firstSqlite],
      [firstSqlite, backToPostgres],
      [backToPostgres, secondSqlite],
    ]) {
      const copied = await runCli(['studies', 'copy', '--from', from, '--to', to, '--study', 'tiny']);
      expect(copied.stderr).toBe('');
      expect(copied.status).toBe(0);
      expect(copied.stdout).toMatch(/^copied study tiny \(\d+ trials\) from /);
    }
    expect(await showJson(firstSqlite)).toBe(original);
    expect(await showJson(backToPostgres)).toBe(original);
    expect(await showJson(secondSqlite)).toBe(original);

    const again = await runCli(['studies', 'copy', '--from', firstSqlite, '--to', secondSqlite]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^stopwise: --to: a study named "tiny" already exists in sqlite:.*copy-2\.db\n$/);
  });

  itWithFaultsServer('PostgreSQL restarted during a search: the workers reconnect and finish exactly 12 trials', async () => {
    const storage = freshPostgresUrl('restart', FAULTS_POSTGRES_URL);
    const workers = [startWorker(storage), startWorker(storage), startWorker(storage)];
    await waitFor(async () => (await countTrials(storage, 'complete')) >= 3, timeoutFor(tinySearchWork(3, { confirm: false })));
    const foldsBefore = await rawPostgres<{ trial_id: number; fold: number }>(storage, 'SELECT trial_id, fold FROM stopwise_folds');
    controlPostgres('restart');
    expect(await Promise.all(workers.map((worker) => worker.exit)), stderrOf(workers)).toEqual([0, 0, 0]);
    for (const worker of workers) expect(errorLines(worker)).toEqual([]);
    await expectExactlyTarget(storage);
    // No fold finished before the restart was lost.
    const foldsAfter = await rawPostgres<{ trial_id: number; fold: number }>(storage, 'SELECT trial_id, fold FROM stopwise_folds');
    const after = new Set(foldsAfter.map((f) => `${f.trial_id}/${f.fold}`));
    expect(foldsBefore.every((f) => after.has(`${f.trial_id}/${f.fold}`))).toBe(true);
  });

  itWithFaultsServer('a server gone past the reconnect deadline: the worker exits 1 with one line, and nothing finished is lost', async () => {
    const storage = freshPostgresUrl('deadline', FAULTS_POSTGRES_URL);
    const worker = startWorker(storage, { STOPWISE_RECONNECT_SECONDS: '2' });
    await waitFor(async () => (await countTrials(storage, 'complete')) >= 1, timeoutFor(tinySearchWork(1, { confirm: false })));
    const completeBefore = await countTrials(storage, 'complete');
    controlPostgres('stop');
    try {
      expect(await worker.exit).toBe(1);
    } finally {
      controlPostgres('start');
    }
    const lines = worker.stderr.split('\n').filter((line) => line.startsWith('stopwise:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^stopwise: lost PostgreSQL at .* could not reconnect within 2 s/);
    expect(await countTrials(storage, 'complete')).toBeGreaterThanOrEqual(completeBefore);
  });

  it('search --workers 2: the password reaches the workers in their environment, never on their command lines', { timeout: timeoutFor(tinySearchWork(2, { confirm: false }), cliRuns(2)) }, async () => {
    const storage = freshPostgresUrl('pool');
    const password = decodeURIComponent(new URL(storage).password);
    expect(password).not.toBe('');
    const pool = startCli(['search', TINY_SPACE, '--storage', storage, '--trials', '2', '--workers', '2', '--no-tui', '--seed', '5', '--no-confirm']);
    let stderr = '';
    pool.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    pool.stdout!.resume();
    const exit = new Promise<number | string>((resolve) => pool.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    // The worker processes, while they run: their command lines as any user of the machine can read them.
    let commandLines: string[] = [];
    await waitFor(async () => {
      commandLines = childCommandLines(pool.pid!);
      return commandLines.length === 2;
    }, timeoutFor(cliRuns(1)));
    for (const line of commandLines) {
      expect(line).toContain('--workers 1');
      expect(line).not.toContain(password);
    }
    expect(await exit, stderr).toBe(0);
    expect(await countTrials(storage, 'complete')).toBe(2);
  });

  it('a bad URL, an unreachable host, a wrong password and an unknown study: one line each, exit 2', async () => {
    const base = new URL(TEST_POSTGRES_URL!);
    const wrongPassword = new URL(base);
    wrongPassword.password = 'not-the-password';
    const closedPort = new URL(base);
    closedPort.port = '1';
    const cases: [string[], RegExp][] = [
      [['studies', '--storage', 'postgresql://user@/x'], /--storage: ".*": (not a valid URL|names no host)/],
      [['studies', '--storage', closedPort.toString()], /cannot connect to PostgreSQL at .*:1, database .*connection refused/],
      [['studies', '--storage', wrongPassword.toString()], /cannot connect to PostgreSQL at .*: (password authentication failed|authentication refused)/],
      [['show', '--study', 'no-such-study', '--storage', killedStudy!], /--study: no study named "no-such-study" in postgresql:\/\//],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('not-the-password');
    }
  });
});

/** Command lines of the direct children of `pid` (from /proc), arguments joined by spaces. */
function childCommandLines(pid: number): string[] {
  let children: string[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
  return children.flatMap((child) => {
    try {
      return [readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim()];
    } catch {
      return []; // it has just ended
    }
  });
}

function freshPostgresUrlOrNull(label: string): string | null {
  return TEST_POSTGRES_URL === null ? null : freshPostgresUrl(label);
}
