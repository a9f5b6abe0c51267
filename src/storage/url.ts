/**
 * Parsing of `--storage` values. Pure: no file is touched here.
 *
 * Accepted forms:
 * - `sqlite:PATH`: PATH relative to the working directory, or absolute (`sqlite:/abs/stopwise.db`);
 * - `memory:`: a study kept in this process's memory only (the default of the library's `createStudy` and of
 *   `serve --stdio`);
 * - `sqlite::memory:`: a private in-memory SQLite database (tests);
 * - SQLAlchemy/Optuna spellings, so that Optuna users' habits do what they expect: `sqlite:///rel.db` is relative,
 *   `sqlite:////abs.db` absolute;
 * - a bare path ending in `.db`, `.sqlite` or `.sqlite3`;
 * - `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]` (also `postgres://`): a PostgreSQL database
 *   shared by workers on many machines; `schema` keeps stopwise's tables in a schema of their own (default public).
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';

export interface PostgresLocation {
  kind: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | null;
  /** Schema holding stopwise's tables; null: the server's default search path (normally `public`). */
  schema: string | null;
}

export type StorageLocation = { kind: 'memory' } | { kind: 'sqlite'; path: string } | { kind: 'sqlite-memory' } | PostgresLocation;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const SQLITE_EXTENSIONS = ['.db', '.sqlite', '.sqlite3'];
export const MEMORY_URL = 'sqlite::memory:';
export const MEMORY_STORAGE_URL = 'memory:';
/** The default `--storage`: `stopwise.db` in the working directory. */
export const DEFAULT_STORAGE_URL = 'sqlite:stopwise.db';

/** Hides the password of a URL like `postgres://user:secret@host/db` before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

function unsupported(url: string): InputError {
  return new InputError(
    `--storage: unsupported storage "${redactUrl(url)}" (supported: sqlite:PATH, postgresql://USER@HOST:PORT/DATABASE, memory:)`,
  );
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

const POSTGRES_SCHEMES = ['postgresql:', 'postgres:'];
const DEFAULT_POSTGRES_PORT = 5432;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function postgresLocation(url: string): PostgresLocation {
  const shown = redactUrl(url);
  const bad = (why: string) => new InputError(`--storage: "${shown}": ${why} (use postgresql://USER@HOST:PORT/DATABASE)`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad('not a valid URL');
  }
  if (parsed.hostname === '') throw bad('names no host');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) throw bad('names no database');
  if (parsed.username === '') throw bad('names no user');
  const port = parsed.port === '' ? DEFAULT_POSTGRES_PORT : Number(parsed.port);
  let schema: string | null = null;
  for (const [key, value] of parsed.searchParams) {
    if (key !== 'schema') throw bad(`unknown parameter "${key}" (supported: schema)`);
    if (!SCHEMA_NAME.test(value)) throw bad(`schema "${value}" must be lower-case letters, digits and _`);
    schema = value;
  }
  return {
    kind: 'postgres',
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    database,
    user: decodeURIComponent(parsed.username),
    password: parsed.password === '' ? null : decodeURIComponent(parsed.password),
    schema,
  };
}

/**
 * A PostgreSQL URL split into the URL without its password and the password, so that a process started with it
 * can get the password in `PGPASSWORD` (which the PostgreSQL driver reads when the URL has none) instead of on its
 * command line, where any user of the machine can read it. Other URLs come back as they are, with no password.
 */
export function passwordOutOfUrl(url: string): { url: string; password: string | null } {
  if (!POSTGRES_SCHEMES.some((scheme) => url.startsWith(scheme))) return { url, password: null };
  const parsed = new URL(url);
  if (parsed.password === '') return { url, password: null };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** Where a `--storage` value points. Throws InputError for an unsupported scheme, an empty path or a bad URL. */
export function parseStorageUrl(url: string, cwd: string = process.cwd()): StorageLocation {
  if (url === MEMORY_STORAGE_URL) return { kind: 'memory' };
  if (url.startsWith('sqlite:')) return sqlitePath(url, url.slice('sqlite:'.length), cwd);
  if (POSTGRES_SCHEMES.some((scheme) => url.startsWith(scheme))) return postgresLocation(url);
  if (SCHEME.test(url)) throw unsupported(url);
  if (SQLITE_EXTENSIONS.some((extension) => url.toLowerCase().endsWith(extension))) {
    return sqlitePath(url, url, cwd);
  }
  throw unsupported(url);
}

/** The canonical URL of a location (what `Storage.url` reports), without any password. */
export function formatStorageUrl(location: StorageLocation): string {
  switch (location.kind) {
    case 'memory':
      return MEMORY_STORAGE_URL;
    case 'sqlite-memory':
      return MEMORY_URL;
    case 'sqlite':
      return `sqlite:${location.path}`;
    case 'postgres': {
      const host = location.host.includes(':') ? `[${location.host}]` : location.host;
      const schema = location.schema === null ? '' : `?schema=${location.schema}`;
      const user = encodeURIComponent(location.user);
      return `postgresql://${user}@${host}:${location.port}/${encodeURIComponent(location.database)}${schema}`;
    }
  }
}
