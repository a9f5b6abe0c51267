import { expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openStorage } from '../../src/storage/index.js';
import { POSTGRES_SCHEMA_VERSION } from '../../src/storage/postgres/schema.js';
import { parseStorageUrl, type PostgresLocation } from '../../src/storage/url.js';
import { TEST_POSTGRES_URL, describePostgres, freshPostgresUrl, rawPostgres } from '../helpers/postgres.js';
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
