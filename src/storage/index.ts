/** Storage backends behind one interface; `openStorage` picks one from a `--storage` value. */
import { openSqliteStorage } from './sqlite/storage.js';
export { explainStorageError } from './sqlite/storage.js';
import type { Storage } from './types.js';
import { parseStorageUrl } from './url.js';

export type { CreateStudyInput, ReserveOptions, Storage, StudySummary, TrialOutcome } from './types.js';
export { TRIAL_STATES, emptyCounts } from './types.js';
export { parseStorageUrl, redactUrl } from './url.js';

/** The default `--storage`: `stopwise.db` in the working directory. */
export const DEFAULT_STORAGE_URL = 'sqlite:stopwise.db';

/**
 * Opens the storage a `--storage` value names: `sqlite:PATH` (relative to the working directory),
 * `sqlite::memory:`, or a bare path ending in `.db`. Throws InputError for any other scheme and for a file that
 * is not a usable stopwise database (without writing to it). `readOnly` (for commands that only read) refuses a
 * missing file instead of creating it, and opens a file that may not be written, or one in a folder that may not
 * be written, read-only.
 */
export async function openStorage(url: string, options: { readOnly?: boolean } = {}): Promise<Storage> {
  const location = parseStorageUrl(url);
  return await openSqliteStorage(location.kind === 'sqlite-memory' ? ':memory:' : location.path, options);
}
