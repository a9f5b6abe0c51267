import { expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openStorage } from '../../src/storage/index.js';
import pg from 'pg';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION, applyPostgresMigrations } from '../../src/storage/postgres/schema.js';
import { parseStorageUrl, type PostgresLocation } from '../../src/storage/url.js';
import { TEST_POSTGRES_URL, describePostgres, freshPostgresUrl, rawPostgres } from '../helpers/postgres.js';
import { PREVIOUS_SCHEMA_VERSION, insertStatement, legacyRows } from './previous-schema.js';
import { storageContract, studyInput } from './storage-contract.js';

describePostgres('PostgreSQL storage', () => {
  storageContract({
    name: 'postgresql',
    freshUrl: () => freshPostgresUrl('contract'),
    shared: true,
    schema: {
      version: POSTGRES_SCHEMA_VERSION,
      setVersion: async (url, version) => {
        await rawPostgres(url, 'UPDATE stopwise_schema SET version = $1', [version]);
      },
      writePrevious: async (url) => {
        const parsed = new URL(url);
        const schema = parsed.searchParams.get('schema');
        parsed.searchParams.delete('schema');
        const client = new pg.Client({ connectionString: parsed.toString() });
        await client.connect();
        try {
          await applyPostgresMigrations(client, POSTGRES_MIGRATIONS.slice(0, PREVIOUS_SCHEMA_VERSION), schema, url);
          for (const row of legacyRows()) {
            const { sql, values } = insertStatement('stopwise_', row, (i) => `$${i + 1}`);
            await client.query(sql, values);
          }
          // Rows written with explicit ids, as that schema's identity columns would have numbered them.
          for (const table of ['stopwise_studies', 'stopwise_trials']) {
            await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
          }
        } finally {
          await client.end();
        }
      },
      damageGrid: async (url, trialId, fold) => {
        await rawPostgres(url, 'UPDATE stopwise_folds SET grid = $1 WHERE trial_id = $2 AND fold = $3', [Buffer.from([1, 2, 3]), trialId, fold]);
      },
    },
  });

  it('creates its tables in the schema the URL names, and reports the URL without the password', async () => {
    const url = freshPostgresUrl('tables');
    const storage = await openStorage(url);
    const location = parseStorageUrl(url) as PostgresLocation;
    expect(storage.url).toBe(
      `postgresql://${location.user}@${location.host}:${location.port}/${location.database}?schema=${location.schema}`,
    );
    await storage.close();
    await storage.close();
    const tables = await rawPostgres<{ table_name: string }>(
      url,
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [location.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'stopwise_confirmations',
      'stopwise_counter',
      'stopwise_folds',
      'stopwise_schema',
      'stopwise_studies',
      'stopwise_trials',
    ]);
    expect(await rawPostgres(url, 'SELECT version FROM stopwise_schema')).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
  });

  it('stamps heartbeats with the server clock', async () => {
    const storage = await openStorage(freshPostgresUrl('clock'));
    try {
      const study = await storage.createStudy(studyInput('alpha'));
      const trial = (await storage.reserveTrial(study.id, { workerId: 'w' }))!;
      const [{ now }] = await rawPostgres<{ now: number }>(
        TEST_POSTGRES_URL!,
        'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now',
      );
      expect(Math.abs(Date.parse(trial.heartbeatAt) - now)).toBeLessThan(5_000);
    } finally {
      await storage.close();
    }
  });

  it('names host, port, database and user, never the password, when it cannot connect: wrong password, missing database, closed port', async () => {
    const base = new URL(TEST_POSTGRES_URL!);
    const wrongPassword = new URL(base);
    wrongPassword.password = 'not-the-password';
    const missingDatabase = new URL(base);
    missingDatabase.pathname = '/no_such_database_here';
    const closedPort = new URL(base);
    closedPort.port = '1';
    for (const [url, reason] of [
      [wrongPassword, /password authentication failed|authentication refused/],
      [missingDatabase, /database "no_such_database_here".*does not exist/],
      [closedPort, /127\.0\.0\.1:1|localhost:1|:1,.*connection refused/],
    ] as const) {
      const opening = openStorage(url.toString());
      await expect(opening).rejects.toBeInstanceOf(InputError);
      const message = await openStorage(url.toString()).then(
        () => '',
        (error: Error) => error.message,
      );
      expect(message).toMatch(/^--storage: cannot connect to PostgreSQL at /);
      expect(message).toMatch(reason);
      expect(message).not.toContain('not-the-password');
      if (base.password) expect(message).not.toContain(base.password);
      expect(message).not.toContain('\n');
    }
  });
});
