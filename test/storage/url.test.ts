import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatStorageUrl, parseStorageUrl, passwordOutOfUrl, redactUrl } from '../../src/storage/url.js';

const cwd = '/home/user/project';

describe('parseStorageUrl', () => {
  it('resolves sqlite:PATH against the working directory, and keeps absolute paths', () => {
    expect(parseStorageUrl('sqlite:stopwise.db', cwd)).toEqual({ kind: 'sqlite', path: '/home/user/project/stopwise.db' });
    expect(parseStorageUrl('sqlite:../runs/a.db', cwd)).toEqual({ kind: 'sqlite', path: '/home/user/runs/a.db' });
    expect(parseStorageUrl('sqlite:/data/s.db', cwd)).toEqual({ kind: 'sqlite', path: '/data/s.db' });
  });

  it('reads the in-memory forms: memory: (this process only) and sqlite::memory:', () => {
    expect(parseStorageUrl('memory:', cwd)).toEqual({ kind: 'memory' });
    expect(formatStorageUrl({ kind: 'memory' })).toBe('memory:');
    expect(parseStorageUrl('sqlite::memory:', cwd)).toEqual({ kind: 'sqlite-memory' });
  });

  it('reads SQLAlchemy/Optuna spellings the way Optuna users expect', () => {
    expect(parseStorageUrl('sqlite:///example.db', cwd)).toEqual({ kind: 'sqlite', path: '/home/user/project/example.db' });
    expect(parseStorageUrl('sqlite:////data/example.db', cwd)).toEqual({ kind: 'sqlite', path: '/data/example.db' });
    expect(() => parseStorageUrl('sqlite://host/example.db', cwd)).toThrow(/names a file, not a host/);
  });

  it('takes a bare path ending in .db (or .sqlite) as SQLite', () => {
    expect(parseStorageUrl('studies.db', cwd)).toEqual({ kind: 'sqlite', path: '/home/user/project/studies.db' });
    expect(parseStorageUrl('/tmp/x.sqlite3', cwd)).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite3' });
  });

  it('reads postgresql:// and postgres:// URLs: user, password, host, port (default 5432), database, schema', () => {
    expect(parseStorageUrl('postgresql://bob:p%40ss@db.lan:5433/studies?schema=team_a', cwd)).toEqual({
      kind: 'postgres',
      host: 'db.lan',
      port: 5433,
      database: 'studies',
      user: 'bob',
      password: 'p@ss',
      schema: 'team_a',
    });
    expect(parseStorageUrl('postgres://bob@[::1]/studies', cwd)).toMatchObject({ host: '::1', port: 5432, password: null, schema: null });
  });

  it('refuses a PostgreSQL URL without host, user or database, or with an unknown parameter, in one line', () => {
    expect(() => parseStorageUrl('postgresql://bob@db.lan', cwd)).toThrow(/names no database/);
    expect(() => parseStorageUrl('postgresql://db.lan/x', cwd)).toThrow(/names no user/);
    expect(() => parseStorageUrl('postgresql://bob:pw@/x', cwd)).toThrow(/not a valid URL|names no host/);
    expect(() => parseStorageUrl('postgresql://bob@db/x?sslmode=require', cwd)).toThrow(/unknown parameter "sslmode"/);
    expect(() => parseStorageUrl('postgresql://bob@db/x?schema=Bad-Name', cwd)).toThrow(/schema "Bad-Name"/);
    expect(() => parseStorageUrl('postgresql://bob:hunter2@db:99999/s', cwd)).toThrow(InputError);
  });

  it('refuses other schemes and extension-less paths with the --storage message', () => {
    expect(() => parseStorageUrl('mysql://localhost/stopwise', cwd)).toThrow(
      new InputError(
        '--storage: unsupported storage "mysql://localhost/stopwise" (supported: sqlite:PATH, postgresql://USER@HOST:PORT/DATABASE, memory:)',
      ),
    );
    expect(() => parseStorageUrl('mysql://localhost/x.db', cwd)).toThrow(InputError);
    expect(() => parseStorageUrl('studies', cwd)).toThrow(/unsupported storage "studies"/);
    expect(() => parseStorageUrl('sqlite:', cwd)).toThrow(/names no file/);
  });

  it('never prints a password from the URL', () => {
    expect(() => parseStorageUrl('postgresql://bob:hunter2@db:5432/', cwd)).toThrow('"postgresql://bob:***@db:5432/"');
    expect(() => parseStorageUrl('mysql://bob:hunter2@db:5432/s', cwd)).toThrow('"mysql://bob:***@db:5432/s"');
    expect(formatStorageUrl(parseStorageUrl('postgresql://bob:hunter2@db/s', cwd))).toBe('postgresql://bob@db:5432/s');
    expect(redactUrl('postgres://bob@db/s')).toBe('postgres://bob@db/s');
  });
});

describe('formatStorageUrl', () => {
  it('round-trips through parseStorageUrl', () => {
    for (const url of ['sqlite:/data/s.db', 'sqlite::memory:', 'postgresql://bob@db.lan:5433/s?schema=a', 'postgresql://bob@[::1]:5432/s']) {
      expect(formatStorageUrl(parseStorageUrl(url, cwd))).toBe(url);
    }
  });
});

describe('passwordOutOfUrl', () => {
  it('takes the password out of a PostgreSQL URL (decoded), keeping the rest; other URLs stay as they are', () => {
    expect(passwordOutOfUrl('postgresql://stopwise:p%40ss@db.lan:5432/runs?schema=a')).toEqual({
      url: 'postgresql://stopwise@db.lan:5432/runs?schema=a',
      password: 'p@ss',
    });
    expect(passwordOutOfUrl('postgres://stopwise@db.lan/runs')).toEqual({ url: 'postgres://stopwise@db.lan/runs', password: null });
    expect(passwordOutOfUrl('sqlite:stopwise.db')).toEqual({ url: 'sqlite:stopwise.db', password: null });
  });
});
