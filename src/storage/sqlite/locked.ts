/**
 * The one-line report for a SQLite database another process keeps locked. Kept apart from the connection code so
 * that commands can explain a storage error without loading better-sqlite3.
 */
import { StoppedError } from '../../errors.js';
import { MEMORY_URL } from '../url.js';
import { processesHolding } from './lock-holders.js';

/** How long a connection waits on another's lock (the busy timeout of storage.ts), in seconds, for messages. */
const BUSY_WAIT_SECONDS = 30;

/** The one line for a database another process keeps locked past the busy timeout, naming it when /proc can. */
export function lockedError(path: string): StoppedError {
  const holders = processesHolding(path);
  const by = holders.length > 0 ? ` by ${holders.join(', ')}` : ' by another program';
  return new StoppedError(`${path}: the database is locked${by}; stopwise waited ${BUSY_WAIT_SECONDS} s for it`);
}

/** Whether `error` is better-sqlite3's SqliteError with an SQLITE_BUSY code (told by name and code, not class). */
export function isBusy(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return false;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * The error a command reports for `error`, raised while using the storage at `url`: a lock another process held
 * past the busy timeout becomes the one-line `lockedError`; anything else is returned as it is.
 */
export function explainStorageError(error: unknown, url: string): unknown {
  return isBusy(error) && url.startsWith('sqlite:') && url !== MEMORY_URL ? lockedError(url.slice('sqlite:'.length)) : error;
}
