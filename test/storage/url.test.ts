import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatStorageUrl, parseStorageUrl, redactUrl } from '../../src/storage/url.js';

const cwd = '/home/user/project';

describe('parseStorageUrl', () => {
  it('resolves sqlite:PATH against the working directory, and keeps absolute paths', () => {
    expect(parseStorageUrl('sqlite:stopwise.db', cwd)).toEqual({ kind: 'sqlite', path: '/home/user/project/stopwise.db' });
    expect(parseStorageUrl('sqlite:../runs/a.db', cwd)).toEqual({ kind: 'sqlite', path: '/home/user/runs/a.db' });
    expect(parseStorageUrl('sqlite:/data/s.db', cwd)).toEqual({ kind: 'sqlite', path: '/data/s.db' });
  });

  it('reads the in-memory form', () => {
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

  it('refuses other schemes and extension-less paths with the --storage message', () => {
    expect(() => parseStorageUrl('postgres://localhost/stopwise', cwd)).toThrow(
      new InputError('--storage: unsupported storage "postgres://localhost/stopwise" (supported: sqlite:PATH)'),
    );
    expect(() => parseStorageUrl('postgres://localhost/x.db', cwd)).toThrow(InputError);
    expect(() => parseStorageUrl('studies', cwd)).toThrow(/unsupported storage "studies"/);
    expect(() => parseStorageUrl('sqlite:', cwd)).toThrow(/names no file/);
  });

  it('never prints a password from the URL', () => {
    expect(() => parseStorageUrl('postgresql://bob:hunter2@db:5432/s', cwd)).toThrow(
      '"postgresql://bob:***@db:5432/s"',
    );
    expect(redactUrl('postgres://bob@db/s')).toBe('postgres://bob@db/s');
  });
});

describe('formatStorageUrl', () => {
  it('round-trips through parseStorageUrl', () => {
    for (const url of ['sqlite:/data/s.db', 'sqlite::memory:']) {
      expect(formatStorageUrl(parseStorageUrl(url, cwd))).toBe(url);
    }
  });
});
