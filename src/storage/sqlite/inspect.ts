/**
 * Read-only inspection of a file before stopwise writes to it. Switching to WAL or creating tables would modify
 * a file the user pointed at by mistake (another application's database, a corrupt copy), so every refusal
 * happens here, on a read-only connection, before the file is opened for writing.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { lockedError } from './locked.js';
import { STOPWISE_APPLICATION_ID, foreignDatabaseError, newerVersionError, userTables } from './schema.js';

/** `new`: no file or an empty one, to be created. `stopwise`: ours, at `version` (0 = empty SQLite database). */
export type DatabaseFileState = { kind: 'new' } | { kind: 'stopwise'; version: number };

/** Tables every stopwise database past version 0 has. */
const STOPWISE_TABLES = ['studies', 'trials', 'folds'];

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function notStopwise(path: string, why: string): InputError {
  return new InputError(`${path}: not a stopwise database (${why})`);
}

/** Error text on one line (quick_check reports one problem per line), cut to a readable length. */
function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, '; ');
  return flat.length > 200 ? flat.slice(0, 199) + '…' : flat;
}

function readMagic(path: string): string {
  const buffer = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(error: unknown): string | null {
  return error instanceof Database.SqliteError ? error.code : null;
}

/** `readState` for a connection opened elsewhere (a snapshot of the file): throws InputError if the file is unusable. */
export function checkOpenDatabase(db: Database.Database, path: string, supportedVersion: number): DatabaseFileState {
  try {
    return readState(db, path, supportedVersion);
  } catch (error) {
    throw asInputError(error, path);
  }
}

function readState(db: Database.Database, path: string, supportedVersion: number): DatabaseFileState {
  // One read transaction, so the three reads see one snapshot: another process may be migrating the file at this
  // moment, and the marker read before its commit with the tables read after it would look like a foreign file.
  const { applicationId, version, tables } = db
    .transaction(() => ({
      applicationId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      tables: userTables(db),
    }))
    .deferred();
  if (applicationId !== STOPWISE_APPLICATION_ID && (tables.length > 0 || version !== 0)) {
    throw foreignDatabaseError(path, tables, version);
  }
  const missing = STOPWISE_TABLES.filter((table) => !tables.includes(table));
  if (version > 0 && missing.length > 0) throw notStopwise(path, `damaged: stopwise's table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`);
  if (version > supportedVersion) throw newerVersionError(path, version, supportedVersion);
  const problems = (db.pragma('quick_check') as { quick_check: string }[])
    .map((row) => row.quick_check.replace(/^\*\*\* in database \w+ \*\*\*\s*/, ''));
  if (problems.join() !== 'ok') throw notStopwise(path, `damaged: ${oneLine(problems.join('; '))}`);
  return { kind: 'stopwise', version };
}

function asInputError(error: unknown, path: string): unknown {
  if (error instanceof InputError) return error;
  const code = sqliteCode(error);
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
    return notStopwise(path, `damaged: ${oneLine(message)}`);
  }
  if (code?.startsWith('SQLITE_CANTOPEN') || code?.startsWith('SQLITE_IOERR')) {
    return new InputError(`${path}: cannot open (${oneLine(message)})`);
  }
  if (code?.startsWith('SQLITE_BUSY')) return lockedError(path);
  return error;
}

/** Deletes sidecar files this inspection created (they are empty: a read-only connection writes no frames). */
function removeEmptySidecars(files: string[]): void {
  for (const file of files) {
    try {
      if (file.endsWith('-shm') || statSync(file).size === 0) rmSync(file);
    } catch {
      // absent: nothing was created
    }
  }
}

/**
 * Checks that `path` is absent, empty, an empty SQLite database or a stopwise database this version can read, and
 * that its pages pass `PRAGMA quick_check`; throws InputError naming the file otherwise. Never writes to the file.
 * Cost: O(file size) for the quick check (it reads every page).
 */
export function inspectDatabaseFile(path: string, supportedVersion: number, busyTimeoutMs: number): DatabaseFileState {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw notStopwise(path, 'a directory');
    // A device such as /dev/null reads as empty, and SQLite would then try to create a journal next to it.
    if (!stats.isFile()) throw notStopwise(path, 'not a regular file');
    size = stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'new' };
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  }
  if (size === 0) return { kind: 'new' };
  if (readMagic(path) !== SQLITE_MAGIC) throw notStopwise(path, 'not an SQLite file');

  // A read-only connection to a WAL-mode file creates its -wal and -shm files; a refused file is left as found.
  const absentSidecars = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    return readState(db, path, supportedVersion);
  } catch (error) {
    db?.close();
    db = undefined;
    const refusal = asInputError(error, path);
    // Only a refused file is cleaned up: after SQLITE_BUSY, another process may be using the files just created.
    if (refusal instanceof InputError) removeEmptySidecars(absentSidecars);
    throw refusal;
  } finally {
    db?.close();
  }
}
