/**
 * The SQLite schema as a list of migration steps. `PRAGMA user_version` holds how many steps a database has had;
 * step i takes it from version i to i + 1. Steps never change once released: a schema change is a new step.
 *
 * `PRAGMA application_id` marks the file as stopwise's, so a foreign SQLite file is never mistaken for ours.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../../errors.js';

/** "STPW" in ASCII: the application id in the database header (offset 68) of every stopwise database. */
export const STOPWISE_APPLICATION_ID = 0x53545057;

export interface Migration {
  /** What the step does, for a reader of this list. */
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'studies, trials (JSON params/values/result, heartbeat, update counter) and folds with binary curves',
    up(db) {
      // Times are epoch milliseconds (INTEGER) so that heartbeat ages compare numerically.
      db.exec(`
        CREATE TABLE studies (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL,
          space TEXT NOT NULL,
          space_hash TEXT NOT NULL,
          objectives TEXT NOT NULL,
          sampler TEXT NOT NULL,
          seed INTEGER NOT NULL,
          ref_point TEXT,
          meta TEXT NOT NULL
        ) STRICT;

        CREATE TABLE trials (
          id INTEGER PRIMARY KEY,
          study_id INTEGER NOT NULL REFERENCES studies(id),
          number INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'failed', 'stale')),
          params TEXT,
          objective_values TEXT,
          objective_stderr TEXT,
          result TEXT,
          error TEXT,
          worker_id TEXT,
          retry_of INTEGER REFERENCES trials(id),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          heartbeat_at INTEGER NOT NULL,
          update_seq INTEGER NOT NULL,
          UNIQUE (study_id, number)
        ) STRICT;
        -- A stale trial's recipe is asked again at most once.
        CREATE UNIQUE INDEX trials_retry_of ON trials(retry_of) WHERE retry_of IS NOT NULL;
        CREATE INDEX trials_study_state ON trials(study_id, state);
        CREATE INDEX trials_update_seq ON trials(update_seq);

        CREATE TABLE folds (
          trial_id INTEGER NOT NULL REFERENCES trials(id),
          fold INTEGER NOT NULL,
          tokens REAL NOT NULL,
          em REAL NOT NULL,
          held_out_size INTEGER NOT NULL,
          stop_reason TEXT NOT NULL,
          diverged INTEGER NOT NULL,
          restored_from_tokens REAL,
          seconds REAL NOT NULL,
          curve BLOB NOT NULL, -- n x 3 little-endian float64 (see curve-codec.ts)
          created_at INTEGER NOT NULL,
          PRIMARY KEY (trial_id, fold)
        ) STRICT;
      `);
      db.pragma(`application_id = ${STOPWISE_APPLICATION_ID}`);
    },
  },
  {
    description: 'confirmations: a complete trial retrained on the search part over several seeds, EM on the test part',
    up(db) {
      db.exec(`
        CREATE TABLE confirmations (
          trial_id INTEGER PRIMARY KEY REFERENCES trials(id),
          confirmation TEXT NOT NULL, -- JSON of src/study/types.ts Confirmation
          created_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    description:
      'fine-grid measurements of folds (grid), replayed trials (replayed_from) and the pruned state (trials rebuilt: ' +
      'SQLite cannot change a CHECK constraint in place)',
    up(db) {
      // The rebuild is SQLite's own procedure for schema changes ALTER TABLE cannot make
      // (https://www.sqlite.org/lang_altertable.html#otheralter): applyMigrations runs it with foreign keys off and
      // checks them before committing.
      db.exec(`
        ALTER TABLE folds ADD COLUMN grid BLOB; -- GridCurve, 4 + 4n little-endian float64 (see grid-codec.ts)

        CREATE TABLE trials_rebuilt (
          id INTEGER PRIMARY KEY,
          study_id INTEGER NOT NULL REFERENCES studies(id),
          number INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'failed', 'stale', 'pruned')),
          params TEXT,
          objective_values TEXT,
          objective_stderr TEXT,
          result TEXT,
          error TEXT,
          worker_id TEXT,
          retry_of INTEGER REFERENCES trials(id),
          -- The number of the trained trial of the same study whose recorded curves scored this one.
          replayed_from INTEGER CHECK (replayed_from IS NULL OR state = 'complete'),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          heartbeat_at INTEGER NOT NULL,
          update_seq INTEGER NOT NULL,
          UNIQUE (study_id, number)
        ) STRICT;
        INSERT INTO trials_rebuilt (id, study_id, number, state, params, objective_values, objective_stderr, result,
                                    error, worker_id, retry_of, created_at, updated_at, heartbeat_at, update_seq)
          SELECT id, study_id, number, state, params, objective_values, objective_stderr, result,
                 error, worker_id, retry_of, created_at, updated_at, heartbeat_at, update_seq
          FROM trials;
        DROP TABLE trials;
        ALTER TABLE trials_rebuilt RENAME TO trials;
        CREATE UNIQUE INDEX trials_retry_of ON trials(retry_of) WHERE retry_of IS NOT NULL;
        CREATE INDEX trials_study_state ON trials(study_id, state);
        CREATE INDEX trials_update_seq ON trials(update_seq);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Tables of a database other than SQLite's own. */
export function userTables(db: Database.Database): string[] {
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}

export function newerVersionError(path: string, version: number, supported: number): InputError {
  return new InputError(
    `${path}: database schema version ${version} is newer than this stopwise supports (${supported}); upgrade stopwise`,
  );
}

export function foreignDatabaseError(path: string, tables: string[], version = 0): InputError {
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  const what = tables.length > 0 ? `an SQLite database holding other tables: ${shown}` : `an SQLite database of another program (schema version ${version}, no tables)`;
  return new InputError(`${path}: not a stopwise database (${what}); stopwise keeps its studies in a file of its own`);
}

/**
 * Brings the database to `migrations.length`, applying the missing steps in one write transaction, so a failing
 * step leaves the database as it was. Re-reads the version inside the transaction: several processes opening a
 * new file at once migrate it exactly once. Refuses a newer database and a foreign one (tables but no stopwise
 * application id). Returns the version the database had before. Cost: one read when already current.
 *
 * Foreign keys are off while the steps run (a step may rebuild a table others refer to, and SQLite only switches
 * them outside a transaction); the transaction commits only if `PRAGMA foreign_key_check` then finds no violation.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], path: string): number {
  const target = migrations.length;
  const readVersion = (): number => db.pragma('user_version', { simple: true }) as number;
  const before = readVersion();
  if (before === target) return before;
  if (before > target) throw newerVersionError(path, before, target);
  const migrate = db.transaction(() => {
    const version = readVersion();
    if (version > target) throw newerVersionError(path, version, target);
    if (version === 0) {
      const applicationId = db.pragma('application_id', { simple: true }) as number;
      const tables = userTables(db);
      if (applicationId !== STOPWISE_APPLICATION_ID && tables.length > 0) throw foreignDatabaseError(path, tables);
    }
    for (let step = version; step < target; step++) migrations[step].up(db);
    const violations = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (violations.length > 0) {
      const first = violations[0];
      throw new Error(`${path}: migration left ${violations.length} broken references (${first.table} row ${first.rowid} → ${first.parent})`);
    }
    db.pragma(`user_version = ${target}`);
    return version;
  });
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    return migrate.immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
