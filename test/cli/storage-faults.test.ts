import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openStorage } from '../../src/storage/index.js';
import { STOPWISE_APPLICATION_ID } from '../../src/storage/sqlite/schema.js';
import type { TrialResult } from '../../src/storage/records.js';
import { runCli, ROOT, TINY_SPACE } from '../helpers/cli.js';
import { fakeIo } from '../helpers/fake-io.js';

vi.setConfig({ testTimeout: 120_000 });

// Storage faults a user meets: a database they may only read, a damaged row, a device given as the file, a database
// another program keeps locked. Each gets one line, and whatever can still be read is shown.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-storage-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(tokens: number, em: number, diverged = false): TrialResult {
  return { tokens: { mean: tokens, se: 0 }, em: { mean: em, se: 0.01 }, folds: [], paramCount: 10, backend: 'cpu', seconds: 1, diverged };
}

/** A study `s` of four complete trials, #0 diverged (the cheapest), each with one fold. */
async function makeDatabase(path: string): Promise<void> {
  const storage = await openStorage(`sqlite:${path}`);
  const objectives = [{ name: 'tokens', direction: 'minimize' as const }, { name: 'em', direction: 'maximize' as const }];
  const study = await storage.createStudy({ name: 's', space: {}, spaceHash: 'h', objectives, sampler: 'random', seed: 0, refPoint: null, meta: {} });
  const outcomes: [number, number, boolean][] = [[1_000, 0.4, true], [5_000, 0.6, false], [9_000, 0.8, false], [20_000, 0.7, false]];
  for (const [tokens, em, diverged] of outcomes) {
    const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
    await storage.setTrialParams(trial.id, { learningRate: tokens / 1e6, 'stopping.rule': 'none' });
    await storage.saveFold(trial.id, { fold: 0, tokens, em, heldOutSize: 10, stopReason: diverged ? 'diverged' : 'budget', diverged, curve: [{ tokens, devEm: em, devLoss: 1 }], seconds: 1 });
    await storage.finishTrial(trial.id, { state: 'complete', values: [tokens, em], stderr: [0, 0.01], result: result(tokens, em, diverged) });
  }
  await storage.close();
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIo(dir);
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Files nobody may write, root included (chattr +i as root, mode bits otherwise); undone by `writable`. */
function readOnly(paths: string[]): void {
  if (process.getuid?.() === 0) execFileSync('chattr', ['+i', ...paths]);
  else execFileSync('chmod', ['a-w', ...paths]);
}
function writable(paths: string[]): void {
  if (process.getuid?.() === 0) execFileSync('chattr', ['-i', ...paths]);
  else execFileSync('chmod', ['u+w', ...paths]);
}

describe('read-only commands on a database that may not be written', () => {
  const folder = join(dir, 'read-only');
  const db = join(folder, 'study.db');
  beforeAll(async () => {
    mkdirSync(folder);
    await makeDatabase(db);
    readOnly([db, folder]);
  });
  afterAll(() => writable([db, folder]));

  it.each([
    [['studies'], /^s\s+4\s+0/m],
    [['show', '--study', 's'], /^\s+#0\s+complete .* diverged .*\n(.*\n)+front \(2 recipes/m],
    [['export', '--study', 's', '--format', 'json'], /"front"/],
    [['seed', '--study', 's'], /"recipe"/],
  ])('%j works and writes nothing', async (args, shown) => {
    const before = readdirSync(folder);
    const { code, stdout, stderr } = await cli([...args, '--storage', `sqlite:${db}`]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(shown);
    expect(readdirSync(folder)).toEqual(before);
  });
});

describe('a damaged row', () => {
  const db = join(dir, 'damaged.db');
  beforeAll(async () => {
    await makeDatabase(db);
    const handle = new Database(db);
    handle.prepare(`UPDATE trials SET params = '{bad json' WHERE number = 1`).run();
    handle.prepare(`UPDATE folds SET curve = x'0102' WHERE trial_id = (SELECT id FROM trials WHERE number = 2)`).run();
    handle.close();
  });

  it('is reported in one line each, and the other trials are still shown', async () => {
    const { code, stdout, stderr } = await cli(['show', '--study', 's', '--storage', `sqlite:${db}`]);
    expect(code).toBe(0);
    const warnings = stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^stopwise: warning: sqlite:.*damaged\.db: trial #1 \(id \d+\) cannot be read and is left out \(/);
    expect(warnings[1]).toMatch(/^stopwise: warning: sqlite:.*damaged\.db: trial id \d+, fold 0 cannot be read and is left out \(/);
    expect(stdout).toMatch(/^\s+#0\s+complete .*diverged/m);
    expect(stdout).toMatch(/^\s+#2\s+complete/m);
    expect(stdout).toMatch(/^\s+#3\s+complete/m);
    expect(stdout).not.toMatch(/^\s+#1\s+complete/m);
  });
});

describe('a device or a locked file as the database', () => {
  it('refuses sqlite:/dev/null in one line and creates no journal next to it', async () => {
    const { code, stderr } = await cli(['studies', '--storage', 'sqlite:/dev/null']);
    expect(code).toBe(2);
    expect(stderr).toBe('stopwise: /dev/null: not a stopwise database (not a regular file)\n');
    const search = await cli(['search', TINY_SPACE, '--storage', 'sqlite:/dev/null', '--no-tui']);
    expect(search.code).toBe(2);
    expect(existsSync('/dev/null-journal')).toBe(false);
  });

  it('search says in one line that the database is locked, and by which process', async () => {
    const db = join(dir, 'locked.db');
    await makeDatabase(db);
    const holder = spawn(process.execPath, ['-e', `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(db)}); db.exec('BEGIN EXCLUSIVE'); db.prepare("UPDATE trials SET error = 'x'").run(); console.log('holding'); setInterval(() => {}, 1000);`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => createInterface({ input: holder.stdout }).once('line', () => resolve()));
      const run = await runCli(['search', TINY_SPACE, '--study', 'other', '--storage', `sqlite:${db}`, '--no-tui']);
      expect(run.status).toBe(1);
      // TensorFlow may print start-up lines first; stopwise's own say it in one.
      const ours = run.stderr.split('\n').filter((line) => line.startsWith('stopwise:'));
      expect(ours).toHaveLength(1);
      expect(ours[0].startsWith(`stopwise: ${db}: the database is locked by pid ${holder.pid} (`)).toBe(true);
      expect(ours[0].endsWith('; stopwise waited 30 s for it')).toBe(true);
    } finally {
      holder.kill();
    }
  });
});

describe('a file with stopwise marks but not its tables', () => {
  it.each([
    ['the stopwise marker and a version', true, /: not a stopwise database \(damaged: stopwise's tables studies, trials, folds missing\)$/],
    ['only a schema version', false, /: not a stopwise database \(an SQLite database of another program \(schema version 1, no tables\)\); stopwise keeps/],
  ])('with %s is refused in one line that names what is missing', async (_what, marked, message) => {
    const db = join(dir, `marked-${marked}.db`);
    const handle = new Database(db);
    if (marked) handle.pragma(`application_id = ${STOPWISE_APPLICATION_ID}`);
    handle.pragma('user_version = 1');
    handle.close();
    const { code, stderr } = await cli(['studies', '--storage', `sqlite:${db}`]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });
});
