/**
 * Storage backends (memory, SQLite, PostgreSQL) behind one interface; `openStorage` picks one from a `--storage`
 * value and loads only that backend's module (and so its driver, better-sqlite3 or pg) when it is first opened.
 */
export { explainStorageError } from './sqlite/locked.js';
import { createMemoryStorage } from './memory.js';
import type { Storage } from './types.js';
import { parseStorageUrl } from './url.js';

export type { CreateStudyInput, ReplayedTrialInput, ReserveOptions, Storage, StudyDump, StudySummary, TrialCounts, TrialOutcome } from './types.js';
export { TRIAL_STATES, emptyCounts } from './types.js';
export { DEFAULT_STORAGE_URL, MEMORY_STORAGE_URL, parseStorageUrl, redactUrl } from './url.js';
export { createMemoryStorage } from './memory.js';

/**
 * Opens the storage a `--storage` value names: `sqlite:PATH` (relative to the working directory), `sqlite::memory:`,
 * `memory:` (a fresh storage in this process's memory), a bare path ending in `.db`, or
 * `postgresql://USER@HOST:PORT/DATABASE`. Throws InputError
 * for any other scheme, for a file that is not a usable stopwise database (without writing to it), for a server it
 * cannot connect to, and for a database written by a newer stopwise. `readOnly` (for commands that only read)
 * refuses a missing SQLite file instead of creating it, and opens a file that may not be written, or one in a folder
 * that may not be written, read-only.
 */
export async function openStorage(url: string, options: { readOnly?: boolean } = {}): Promise<Storage> {
  const location = parseStorageUrl(url);
  switch (location.kind) {
    case 'memory':
      return createMemoryStorage();
    case 'postgres': {
      const { openPostgresStorage } = await import('./postgres/storage.js');
      return await openPostgresStorage(location);
    }
    case 'sqlite-memory': {
      const { openSqliteStorage } = await import('./sqlite/storage.js');
      return await openSqliteStorage(':memory:', options);
    }
    case 'sqlite': {
      const { openSqliteStorage } = await import('./sqlite/storage.js');
      return await openSqliteStorage(location.path, options);
    }
  }
}
