/**
 * Parsing of `--storage` values. Pure: no file is touched here.
 *
 * Accepted forms:
 * - `sqlite:PATH`: PATH relative to the working directory, or absolute (`sqlite:/abs/stopwise.db`);
 * - `sqlite::memory:`: a private in-memory database (tests, throwaway `serve --stdio` sessions);
 * - SQLAlchemy/Optuna spellings, so that Optuna users' habits do what they expect: `sqlite:///rel.db` is relative,
 *   `sqlite:////abs.db` absolute;
 * - a bare path ending in `.db`, `.sqlite` or `.sqlite3`.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';

export type StorageLocation = { kind: 'sqlite'; path: string } | { kind: 'sqlite-memory' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const SQLITE_EXTENSIONS = ['.db', '.sqlite', '.sqlite3'];
export const MEMORY_URL = 'sqlite::memory:';

/** Hides the password of a URL like `postgres://user:secret@host/db` before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

function unsupported(url: string): InputError {
  return new InputError(`--storage: unsupported storage "${redactUrl(url)}" (supported: sqlite:PATH)`);
}

function sqlitePath(url: string, rest: string, cwd: string): StorageLocation {
  if (rest === ':memory:') return { kind: 'sqlite-memory' };
  let path = rest;
  if (rest.startsWith('///')) {
    path = rest.slice(3); // SQLAlchemy: three slashes, then a relative path (a fourth slash makes it absolute)
  } else if (rest.startsWith('//')) {
    throw new InputError(`--storage: "${redactUrl(url)}": an SQLite URL names a file, not a host (use sqlite:PATH)`);
  }
  if (path === '') throw new InputError(`--storage: "${url}" names no file (use sqlite:PATH)`);
  return { kind: 'sqlite', path: isAbsolute(path) ? resolve(path) : resolve(cwd, path) };
}

/** Where a `--storage` value points. Throws InputError for an unsupported scheme or an empty path. */
export function parseStorageUrl(url: string, cwd: string = process.cwd()): StorageLocation {
  if (url.startsWith('sqlite:')) return sqlitePath(url, url.slice('sqlite:'.length), cwd);
  if (SCHEME.test(url)) throw unsupported(url);
  if (SQLITE_EXTENSIONS.some((extension) => url.toLowerCase().endsWith(extension))) {
    return sqlitePath(url, url, cwd);
  }
  throw unsupported(url);
}

/** The canonical URL of a location (what `Storage.url` reports). */
export function formatStorageUrl(location: StorageLocation): string {
  return location.kind === 'sqlite-memory' ? MEMORY_URL : `sqlite:${location.path}`;
}
