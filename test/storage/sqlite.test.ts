import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openStorage } from '../../src/storage/index.js';
import {
  MIGRATIONS,
  type Migration,
  SCHEMA_VERSION,
  STOPWISE_APPLICATION_ID,
  applyMigrations,
} from '../../src/storage/sqlite/schema.js';
import { killChildWhen, runWorkers } from './child-processes.js';
import { PREVIOUS_SCHEMA_VERSION, insertStatement, legacyRows } from './previous-schema.js';
import { foldResult, storageContract, studyInput, trialResult } from './storage-contract.js';

const directory = mkdtempSync(join(tmpdir(), 'stopwise-storage-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCounter = 0;
const freshPath = (label = 'db') => join(directory, `${label}-${process.pid}-${fileCounter++}.db`);

storageContract({
  name: 'sqlite file',
  freshUrl: () => `sqlite:${freshPath('contract')}`,
  shared: true,
  schema: {
    version: SCHEMA_VERSION,
    setVersion: (url, version) => {
      const raw = new Database(url.slice('sqlite:'.length));
      raw.pragma(`user_version = ${version}`);
      raw.close();
    },
    writePrevious: async (url) => {
      const path = url.slice('sqlite:'.length);
      const raw = new Database(path);
      raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      applyMigrations(raw, MIGRATIONS.slice(0, PREVIOUS_SCHEMA_VERSION), path);
      for (const row of legacyRows()) {
        const { sql, values } = insertStatement('', row, () => '?');
        raw.prepare(sql).run(...values);
      }
      raw.close();
    },
    damageGrid: async (url, trialId, fold) => {
      const raw = new Database(url.slice('sqlite:'.length));
      raw.prepare('UPDATE folds SET grid = ? WHERE trial_id = ? AND fold = ?').run(Buffer.from([1, 2, 3]), trialId, fold);
      raw.close();
    },
  },
});
storageContract({ name: 'sqlite memory', freshUrl: () => 'sqlite::memory:', shared: false });

function rawQuery<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const integrity = (path: string) => rawQuery<{ integrity_check: string }>(path, 'PRAGMA integrity_check');

/** Opening must fail with an InputError matching `message` and leave the file and its directory as they were. */
async function expectRefusedUnchanged(path: string, message: RegExp): Promise<void> {
  const before = readFileSync(path);
  const listing = readdirSync(directory).sort();
  const opening = openStorage(`sqlite:${path}`);
  await expect(opening).rejects.toBeInstanceOf(InputError);
  await expect(openStorage(`sqlite:${path}`)).rejects.toThrow(message);
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(readdirSync(directory).sort()).toEqual(listing);
}

/** A stopwise database with a study, three complete trials with folds, closed. */
async function populatedDatabase(): Promise<string> {
  const path = freshPath('populated');
  const storage = await openStorage(`sqlite:${path}`);
  const study = await storage.createStudy(studyInput('alpha'));
  for (let i = 0; i < 3; i++) {
    const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
    await storage.setTrialParams(trial.id, { lr: 0.01 * (i + 1) });
    const folds = [0, 1, 2].map((fold) =>
      foldResult(fold, { curve: Array.from({ length: 300 }, (_, k) => ({ tokens: k, devEm: k / 300, devLoss: 1 })) }),
    );
    await storage.finishTrial(trial.id, { state: 'complete', values: [i, 0.5], result: trialResult(folds) });
  }
  await storage.close();
  return path;
}

describe('openStorage (sqlite)', () => {
  it('reports the absolute sqlite URL and accepts a bare .db path', async () => {
    const path = freshPath();
    const storage = await openStorage(path);
    expect(storage.url).toBe(`sqlite:${path}`);
    await storage.close();
    await storage.close();
    const memory = await openStorage('sqlite::memory:');
    expect(memory.url).toBe('sqlite::memory:');
    await memory.close();
  });

  it('refuses other schemes with the --storage message', async () => {
    await expect(openStorage('mongodb://user:secret@db.example/stopwise')).rejects.toThrow(
      '--storage: unsupported storage "mongodb://user:***@db.example/stopwise" (supported: sqlite:PATH, postgresql://USER@HOST:PORT/DATABASE, memory:)',
    );
    await expect(openStorage('mysql://h/x')).rejects.toBeInstanceOf(InputError);
  });

  it('uses WAL journaling, and the file carries the stopwise application id and schema version', async () => {
    const path = freshPath();
    await (await openStorage(`sqlite:${path}`)).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(STOPWISE_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('commits each fold at once: another connection sees it before the trial finishes', async () => {
    const path = freshPath();
    const writer = await openStorage(`sqlite:${path}`);
    const study = await writer.createStudy(studyInput('alpha'));
    const trial = (await writer.reserveTrial(study.id, { workerId: 'w' }))!;
    await writer.saveFold(trial.id, foldResult(0));
    const reader = await openStorage(`sqlite:${path}`);
    expect(await reader.getFolds(trial.id)).toEqual([foldResult(0)]);
    await reader.close();
    await writer.close();
  });
});

describe('sqlite schema migrations', () => {
  it('migrates an empty SQLite database (version 0) to the current schema', async () => {
    const path = freshPath('version0');
    const raw = new Database(path);
    raw.exec('CREATE TABLE scratch (x); DROP TABLE scratch;'); // a valid, non-empty file with no tables
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    raw.close();

    const storage = await openStorage(`sqlite:${path}`);
    const study = await storage.createStudy(studyInput('alpha'));
    expect((await storage.getStudy('alpha'))?.id).toBe(study.id);
    await storage.close();
    const tables = rawQuery<{ name: string }>(path, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(['confirmations', 'folds', 'studies', 'trials']);
    expect(rawQuery<{ user_version: number }>(path, 'PRAGMA user_version')[0].user_version).toBe(MIGRATIONS.length);
  });

  const steps = (log: string[], failAt = -1): Migration[] =>
    ['one', 'two', 'three'].map((name, index) => ({
      description: name,
      up(db) {
        log.push(name);
        db.exec(`CREATE TABLE ${name} (x)`);
        if (index === failAt) throw new Error(`step ${name} failed`);
      },
    }));

  it('applies only the missing steps, in order', () => {
    const db = new Database(':memory:');
    const log: string[] = [];
    expect(applyMigrations(db, steps(log).slice(0, 1), 'mem')).toBe(0);
    expect(applyMigrations(db, steps(log), 'mem')).toBe(1);
    expect(applyMigrations(db, steps(log), 'mem')).toBe(3);
    expect(log).toEqual(['one', 'two', 'three']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('rolls a failing migration back completely, leaving the version unchanged', () => {
    const db = new Database(':memory:');
    applyMigrations(db, steps([]).slice(0, 1), 'mem');
    expect(() => applyMigrations(db, steps([], 2), 'mem')).toThrow('step three failed');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(['one']);
    db.close();
  });

  it('refuses a database from a newer stopwise without touching it', async () => {
    const path = await populatedDatabase();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    await expectRefusedUnchanged(path, new RegExp(`schema version ${SCHEMA_VERSION + 1} is newer .*upgrade stopwise`));
    const direct = new Database(path);
    expect(() => applyMigrations(direct, MIGRATIONS, path)).toThrow(InputError);
    direct.close();
  });
});

describe('sqlite: files that are not stopwise databases', () => {
  it('refuses a text file', async () => {
    const path = freshPath('text');
    writeFileSync(path, 'name,score\nalpha,1\n');
    await expectRefusedUnchanged(path, /: not a stopwise database \(not an SQLite file\)$/);
  });

  it('refuses a truncated stopwise database', async () => {
    const path = await populatedDatabase();
    truncateSync(path, Math.floor(readFileSync(path).length / 2));
    await expectRefusedUnchanged(path, /: not a stopwise database \(damaged: /);
  });

  it('refuses a stopwise database with a damaged page that only the integrity check reaches', async () => {
    const path = await populatedDatabase();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const middlePage = Math.floor((bytes.length / pageSize) * 0.75); // a folds page: opening alone would not read it
    bytes.fill(0xa5, middlePage * pageSize, (middlePage + 1) * pageSize);
    writeFileSync(path, bytes);
    await expectRefusedUnchanged(path, /: not a stopwise database \(damaged: Tree \d+ page \d+/);
  });

  it('refuses a foreign SQLite database with tables, naming them, and creates nothing in it', async () => {
    const path = freshPath('foreign');
    const raw = new Database(path);
    raw.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);");
    raw.close();
    await expectRefusedUnchanged(path, /: not a stopwise database \(an SQLite database holding other tables: invoices\)/);
  });

  it('refuses a foreign SQLite database in WAL mode without leaving -wal or -shm files behind', async () => {
    const path = freshPath('foreign-wal');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    await expectRefusedUnchanged(path, /holding other tables: notes/);
  });

  it('refuses a directory and a path in a missing directory', async () => {
    await expect(openStorage(`sqlite:${directory}`)).rejects.toThrow(/not a stopwise database \(a directory\)/);
    await expect(openStorage(`sqlite:${join(directory, 'missing', 'x.db')}`)).rejects.toThrow(InputError);
  });
});

describe('sqlite: several processes on one file', () => {
  it('a process killed inside a write transaction leaves an intact database that others can write', async () => {
    const path = await populatedDatabase();
    const storage = await openStorage(`sqlite:${path}`);
    const trialsBefore = await storage.getTrials(1);
    await storage.close();

    await killChildWhen(['hold', path], (lines) => lines.includes('holding'));
    // The killed transaction had written uncommitted pages into the WAL: this is a crash mid-write.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(100_000);

    expect(integrity(path)).toEqual([{ integrity_check: 'ok' }]);
    const after = await openStorage(`sqlite:${path}`);
    expect(await after.getTrials(1)).toEqual(trialsBefore);
    const trial = await after.reserveTrial(1, { workerId: 'after-crash' });
    expect(trial?.number).toBe(3);
    await after.close();
  });

  it('a worker killed at arbitrary moments loses nothing it committed; resuming reaches exactly the target', async () => {
    const path = freshPath('churn');
    const setup = await openStorage(`sqlite:${path}`);
    const study = await setup.createStudy(studyInput('churn'));
    await setup.close();

    const committed: number[] = [];
    for (const killAfter of [2, 5, 3]) {
      const lines = await killChildWhen(['churn', `sqlite:${path}`, 'churn'], (printed) => printed.length >= killAfter);
      committed.push(...lines.map((line) => Number(line.replace('committed ', ''))));
      expect(integrity(path)).toEqual([{ integrity_check: 'ok' }]);
    }

    const storage = await openStorage(`sqlite:${path}`);
    const complete = await storage.getTrials(study.id, { states: ['complete'] });
    const completeIds = new Set(complete.map((t) => t.id));
    expect(committed.every((id) => completeIds.has(id))).toBe(true);
    for (const trial of complete) {
      expect((await storage.getFolds(trial.id))[0].curve).toHaveLength(5000);
    }
    await new Promise((wait) => setTimeout(wait, 5));
    const abandoned = await storage.markStale(study.id, 0);
    expect(abandoned.length).toBeLessThanOrEqual(3);
    await storage.close();

    const target = complete.length + 6;
    await runWorkers([['work', `sqlite:${path}`, 'churn', String(target), 'resumer']]);
    const reader = await openStorage(`sqlite:${path}`);
    const trials = await reader.getTrials(study.id);
    expect(trials.filter((t) => t.state === 'complete')).toHaveLength(target);
    expect(trials.filter((t) => t.state === 'running')).toHaveLength(0);
    expect(trials.map((t) => t.number)).toEqual(trials.map((_, i) => i));
    // Every abandoned trial that had a recipe was asked again exactly once.
    const retried = trials.map((t) => t.retryOf).filter((id) => id !== null);
    expect(new Set(retried).size).toBe(retried.length);
    const withRecipe = abandoned.filter((t) => t.params !== null).map((t) => t.id);
    expect(retried.sort((a, b) => a! - b!)).toEqual(withRecipe.sort((a, b) => a - b));
    await reader.close();
  });
});
