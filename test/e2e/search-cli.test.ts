import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProductionConfig } from '../../src/export/index.js';
import { createStopper, replay } from '../../src/stopping/index.js';
import { openStorage } from '../../src/storage/index.js';
import { runCli, startCli, sleep, TINY_SPACE } from '../helpers/cli.js';
import { cliRuns, timeoutFor, tinySearchWork } from '../helpers/timeouts.js';

// End to end through the real CLI on a tiny task: search, resume after kill -9, workers, show/export/seed, bad input.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-e2e-'));
const db = join(dir, 'study.db');
const storage = `sqlite:${db}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Estimate = { mean: number; se: number };

interface ShowJson {
  study: { name: string; meta: Record<string, unknown> };
  trials: {
    number: number;
    state: string;
    params: Record<string, unknown>;
    values: { tokens: Estimate; em: Estimate } | null;
    onFront: boolean;
    confirmed: { tokens: Estimate; em: Estimate; runs: number } | null;
  }[];
}

async function show(study: string): Promise<ShowJson> {
  const result = await runCli(['show', '--study', study, '--storage', storage, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as ShowJson;
}

function integrity(path: string): string {
  const handle = new Database(path, { readonly: true });
  try {
    return (handle.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
  } finally {
    handle.close();
  }
}

function runningTrials(path: string): number {
  try {
    const handle = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (handle.prepare("SELECT count(*) AS n FROM trials WHERE state = 'running'").get() as { n: number }).n;
    } finally {
      handle.close();
    }
  } catch {
    return 0; // not created yet, or busy migrating
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

describe('stopwise search (real training, tiny task)', () => {
  let searchOutput = '';
  beforeAll(async () => {
    const result = await runCli(['search', TINY_SPACE, '--storage', storage, '--trials', '3', '--no-tui', '--json', '--seed', '5'], {
      timeoutMs: timeoutFor(tinySearchWork(3)),
    });
    expect(result.stderr.split('\n').filter((l) => l.startsWith('stopwise:'))).toEqual([]);
    expect(result.status).toBe(0);
    searchOutput = result.stdout;
  }, timeoutFor(tinySearchWork(3)));

  it('ends by confirming every front recipe on the test part, with 3 seeds, and stores both figures', { timeout: timeoutFor(cliRuns(3)) }, async () => {
    const shown = await show('tiny');
    expect(shown.study.meta.testFraction).toBe(0.2);
    const front = shown.trials.filter((t) => t.onFront);
    expect(front.length).toBeGreaterThan(0);
    for (const trial of front) {
      expect(trial.confirmed).not.toBeNull();
      expect(trial.confirmed!.runs).toBe(3);
      expect(trial.confirmed!.em.mean).toBeGreaterThanOrEqual(0);
      expect(trial.confirmed!.em.mean).toBeLessThanOrEqual(1);
      expect(trial.confirmed!.tokens.mean).toBeLessThanOrEqual(24_000);
    }
    const events = searchOutput.trim().split('\n').map((line) => JSON.parse(line) as { event: string; agreement?: { confirmed: number } });
    expect(events.filter((e) => e.event === 'confirmed')).toHaveLength(front.length);
    expect(events.at(-1)).toMatchObject({ event: 'confirm-done', agreement: { confirmed: front.length } });
    // Confirming again finds nothing to do and changes nothing.
    const again = await runCli(['confirm', '--study', 'tiny', '--storage', storage]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already confirmed/);
    expect(again.stdout).toMatch(/confirmed EM within 2 SE of the cross-validated EM for \d+ of \d+ front recipes/);
    expect((await show('tiny')).trials.map((t) => t.confirmed)).toEqual(shown.trials.map((t) => t.confirmed));
  });

  it('leaves a study with the requested number of complete trials, each with tokens and EM', { timeout: timeoutFor(cliRuns(1)) }, async () => {
    const shown = await show('tiny');
    const complete = shown.trials.filter((t) => t.state === 'complete');
    expect(complete).toHaveLength(3);
    for (const trial of complete) {
      expect(trial.values!.tokens.mean).toBeGreaterThan(0);
      expect(trial.values!.tokens.mean).toBeLessThanOrEqual(24_000);
      expect(trial.values!.em.mean).toBeGreaterThanOrEqual(0);
      expect(trial.values!.em.mean).toBeLessThanOrEqual(1);
    }
    expect(complete.some((t) => t.onFront)).toBe(true);
  });

  const resumeWork = tinySearchWork(1, { confirm: false });
  it('resumes the same study up to a larger target without redoing finished trials', { timeout: timeoutFor(resumeWork, cliRuns(3)) }, async () => {
    const before = (await show('tiny')).trials.map((t) => ({ number: t.number, params: t.params, values: t.values }));
    const result = await runCli(['search', TINY_SPACE, '--storage', storage, '--trials', '4', '--no-tui', '--seed', '5', '--no-confirm'], {
      timeoutMs: timeoutFor(resumeWork),
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/resumed, 3 complete/);
    expect(result.stdout).not.toMatch(/confirming/);
    // Line output ends with the front, exactly as `show` prints it.
    const shownText = (await runCli(['show', '--study', 'tiny', '--storage', storage])).stdout;
    const frontOf = (text: string) => text.slice(text.indexOf('front (')).trimEnd();
    expect(frontOf(result.stdout)).toMatch(/^front \([1-9]\d* recipes, cheapest first\)/);
    expect(frontOf(result.stdout)).toBe(frontOf(shownText));
    const after = (await show('tiny')).trials;
    expect(after.filter((t) => t.state === 'complete')).toHaveLength(4);
    expect(after.slice(0, before.length).map((t) => ({ number: t.number, params: t.params, values: t.values }))).toEqual(before);
  });

  it('exports JSON and CSV that parse, and a production config whose stopper replays the stored curves', { timeout: timeoutFor(cliRuns(4)) }, async () => {
    const json = await runCli(['export', '--study', 'tiny', '--storage', storage, '--format', 'json']);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as { front: unknown[]; trials: unknown[] };
    expect(report.trials).toHaveLength(4);
    expect(report.front.length).toBeGreaterThan(0);

    const csvPath = join(dir, 'tiny.csv');
    expect((await runCli(['export', '--study', 'tiny', '--storage', storage, '--format', 'csv', '-o', csvPath])).status).toBe(0);
    const rows = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/on_front/);

    const configPath = join(dir, 'production.json');
    const seeded = await runCli(['seed', '--study', 'tiny', '--storage', storage, '--policy', 'within-se', '-o', configPath]);
    expect(seeded.status).toBe(0);
    const config = await loadProductionConfig(configPath);
    const opened = await openStorage(storage);
    try {
      const study = (await opened.getStudy('tiny'))!;
      const trial = (await opened.getTrials(study.id)).find((t) => t.number === config.provenance.trialNumber)!;
      const folds = await opened.getFolds(trial.id);
      expect(folds).toHaveLength(2);
      for (const fold of folds) {
        // The production stopper, fed the stored curve, stops where the search's run stopped.
        const context = { budgetTokens: 24_000 };
        const stopper = createStopper(config.recipe.stopping, context);
        let stoppedAt: number | null = null;
        fold.curve.forEach((point, index) => {
          if (stoppedAt === null && stopper.observe(point).stop) stoppedAt = index;
        });
        const replayed = replay(config.recipe.stopping, fold.curve, context);
        expect(stoppedAt).toBe(replayed.stopIndex);
        if (fold.stopReason.startsWith('rule:')) expect(stoppedAt).toBe(fold.curve.length - 1);
        else expect(stoppedAt).toBeNull();
      }
    } finally {
      await opened.close();
    }
  });

  // Three killed runs (each may lose the trial it was training), then one that finishes 5 trials and confirms them.
  const killWork = [tinySearchWork(3, { runs: 3, confirm: false }), tinySearchWork(5), cliRuns(1)];
  it('a search killed with kill -9 at random moments and resumed ends with exactly N complete trials, no duplicate, integrity ok', { timeout: timeoutFor(...killWork) }, async () => {
    const killDb = join(dir, 'killed.db');
    const args = ['search', TINY_SPACE, '--storage', `sqlite:${killDb}`, '--trials', '5', '--no-tui', '--seed', '11'];
    for (let round = 0; round < 3; round++) {
      const child = startCli(args);
      // Wait until a trial is training, then kill at a random moment within it.
      await waitUntil(() => runningTrials(killDb) > 0, timeoutFor(cliRuns(1)));
      await sleep(Math.floor(Math.random() * 1500));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const finish = await runCli(args, { timeoutMs: timeoutFor(killWork[1]) });
    expect(finish.status).toBe(0);
    const shown = JSON.parse((await runCli(['show', '--study', 'tiny', '--storage', `sqlite:${killDb}`, '--json'])).stdout) as ShowJson;
    const complete = shown.trials.filter((t) => t.state === 'complete');
    expect(complete).toHaveLength(5);
    expect(new Set(complete.map((t) => t.number)).size).toBe(5);
    expect(shown.trials.filter((t) => t.state === 'running')).toHaveLength(0);
    // The kills did hit running trials: those became stale and their recipes were asked again.
    expect(shown.trials.filter((t) => t.state === 'stale').length).toBeGreaterThanOrEqual(1);
    expect(integrity(killDb)).toBe('ok');
  });

  it('--workers 4 finishes exactly N complete trials', { timeout: timeoutFor(tinySearchWork(6), cliRuns(1)) }, async () => {
    const workersDb = join(dir, 'workers.db');
    const result = await runCli(['search', TINY_SPACE, '--storage', `sqlite:${workersDb}`, '--trials', '6', '--workers', '4', '--no-tui', '--seed', '3'], {
      timeoutMs: timeoutFor(tinySearchWork(6)),
    });
    expect(result.status).toBe(0);
    const shown = JSON.parse((await runCli(['show', '--study', 'tiny', '--storage', `sqlite:${workersDb}`, '--json'])).stdout) as ShowJson;
    expect(shown.trials.filter((t) => t.state === 'complete')).toHaveLength(6);
    expect(shown.trials.filter((t) => t.state === 'running')).toHaveLength(0);
  });
});

describe('bad input: one line on stderr, exit 2, nothing stored lost', () => {
  it('a malformed space file names the file and the field', { timeout: timeoutFor(cliRuns(1)) }, async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', task: { name: 'addition' }, folds: 3, budget: { maxTokensPerRun: 1000 }, objectives: [{ name: 'tokens', direction: 'minimize' }, { name: 'em', direction: 'maximize' }], params: { learningRate: { type: 'float', low: 1, high: 0.1 } } }));
    const result = await runCli(['search', bad, '--storage', storage, '--no-tui']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/bad\.json: \$\.params\.learningRate\.(low|high)/);
  });

  it('an unknown study, an unknown policy, an unknown format, a test fraction out of (0, 0.5]', { timeout: timeoutFor(cliRuns(14)) }, async () => {
    for (const args of [
      ['show', '--study', 'nope', '--storage', storage],
      ['confirm', '--study', 'nope', '--storage', storage],
      ['search', TINY_SPACE, '--study', 'fresh', '--storage', storage, '--test-fraction', '0.7', '--no-tui'],
      ['search', TINY_SPACE, '--study', 'fresh', '--storage', storage, '--test-fraction', '0', '--no-tui'],
      ['search', TINY_SPACE, '--study', 'fresh', '--storage', storage, '--test-fraction', 'half', '--no-tui'],
      ['search', TINY_SPACE, '--storage', storage, '--test-fraction', '0.3', '--no-tui'],
      ['seed', '--study', 'tiny', '--storage', storage, '--policy', 'cheapest'],
      ['export', '--study', 'tiny', '--storage', storage, '--format', 'pdf'],
    ]) {
      const result = await runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await runCli(['show', '--study', 'nope', '--storage', storage])).stderr).toMatch(/no study named "nope".*studies: tiny/);
    expect((await runCli(['confirm', '--study', 'nope', '--storage', storage])).stderr).toMatch(/no study named "nope"/);
    expect((await runCli(['search', TINY_SPACE, '--study', 'fresh', '--storage', storage, '--test-fraction', '0.7'])).stderr).toMatch(/--test-fraction: must be a number in \(0, 0\.5\]/);
    // A study keeps the test part it was created with.
    expect((await runCli(['search', TINY_SPACE, '--storage', storage, '--test-fraction', '0.3'])).stderr).toMatch(/holds out 0\.2 as its test part/);
    expect((await runCli(['studies', '--storage', storage])).stdout).not.toMatch(/fresh/);
    expect((await runCli(['seed', '--study', 'tiny', '--storage', storage, '--policy', 'cheapest'])).stderr).toMatch(/--policy/);
  });

  it('a corrupt database file is refused and left byte for byte as it was', { timeout: timeoutFor(cliRuns(1)) }, async () => {
    const corrupt = join(dir, 'corrupt.db');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(3000, 7)]);
    writeFileSync(corrupt, bytes);
    const result = await runCli(['studies', '--storage', `sqlite:${corrupt}`]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/corrupt\.db/);
    expect(readFileSync(corrupt).equals(bytes)).toBe(true);
  });

  it('a search space that differs from the stored study is refused, and the study is intact', { timeout: timeoutFor(cliRuns(3)) }, async () => {
    const before = (await show('tiny')).trials.length;
    const changed = join(dir, 'changed.json');
    const space = JSON.parse(readFileSync(TINY_SPACE, 'utf8')) as { budget: { maxTokensPerRun: number } };
    space.budget.maxTokensPerRun = 30_000;
    writeFileSync(changed, JSON.stringify(space));
    const result = await runCli(['search', changed, '--storage', storage, '--no-tui']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/different search space/);
    expect((await show('tiny')).trials.length).toBe(before);
  });
});
