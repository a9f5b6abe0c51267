/**
 * PostgreSQL for tests. `STOPWISE_TEST_POSTGRES` holds the URL of a server tests may write to (see the README);
 * each test storage lives in a schema of its own (`?schema=…`), dropped when the test file ends. Without the
 * variable PostgreSQL tests are skipped, unless `STOPWISE_REQUIRE_POSTGRES=1` (as CI sets), where they fail.
 */
import { execSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';

export const TEST_POSTGRES_URL = process.env.STOPWISE_TEST_POSTGRES || null;
const REQUIRED = process.env.STOPWISE_REQUIRE_POSTGRES === '1';

/** `describe` when a test server is configured; otherwise skipped, or one failing test when it is required. */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_POSTGRES_URL !== null) {
    describe(name, body);
    afterAll(dropCreatedSchemas);
  } else if (REQUIRED) {
    describe(name, () => {
      it('needs a PostgreSQL server', () => {
        throw new Error('STOPWISE_REQUIRE_POSTGRES=1 but STOPWISE_TEST_POSTGRES is not set (see README: PostgreSQL tests)');
      });
    });
  } else {
    describe.skip(`${name} (set STOPWISE_TEST_POSTGRES to run)`, body);
  }
}

/** Schemas this test file created, per server URL (without schema). */
const createdSchemas = new Map<string, string[]>();
let counter = 0;

function withSchema(url: string, schema: string | null): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  if (schema !== null) parsed.searchParams.set('schema', schema);
  return parsed.toString();
}

/** The URL of an empty storage on the test server: a new schema, dropped when the test file ends. */
export function freshPostgresUrl(label = 't', server: string | null = TEST_POSTGRES_URL): string {
  if (server === null) throw new Error('STOPWISE_TEST_POSTGRES is not set');
  const schema = `stopwise_test_${label}_${process.pid}_${counter++}_${Math.floor(Math.random() * 1e6)}`;
  const list = createdSchemas.get(server) ?? [];
  list.push(schema);
  createdSchemas.set(server, list);
  return withSchema(server, schema);
}

/** Runs SQL on the test server directly (with `search_path` set to the URL's schema, if any). */
export async function rawPostgres<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  const client = new pg.Client({ connectionString: withSchema(url, null), options: schema ? `-c search_path=${schema}` : undefined });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function dropCreatedSchemas(): Promise<void> {
  for (const [server, names] of createdSchemas) {
    await rawPostgres(server, names.map((name) => `DROP SCHEMA IF EXISTS ${name} CASCADE;`).join('\n'));
  }
  createdSchemas.clear();
}

/**
 * A second server for the tests that stop and restart theirs (`STOPWISE_TEST_POSTGRES_FAULTS`), so that test files
 * running in parallel on the first never see it go away, and `STOPWISE_TEST_POSTGRES_CTL`, a command taking `stop`,
 * `start` or `restart` that returns once that server is down or accepting connections (see
 * scripts/start-test-postgres.sh). Without both, the tests that need them skip, or fail under
 * STOPWISE_REQUIRE_POSTGRES=1.
 */
export const FAULTS_POSTGRES_URL = process.env.STOPWISE_TEST_POSTGRES_FAULTS || null;
const POSTGRES_CTL = process.env.STOPWISE_TEST_POSTGRES_CTL || null;

export function controlPostgres(action: 'stop' | 'start' | 'restart'): void {
  if (POSTGRES_CTL === null) throw new Error('STOPWISE_TEST_POSTGRES_CTL is not set');
  execSync(`${POSTGRES_CTL} ${action}`, { stdio: 'ignore' });
}

/** `it` for a test on the faults server; skipped without it, or failing when PostgreSQL tests are required. */
export function itWithFaultsServer(name: string, body: () => Promise<void>): void {
  if (FAULTS_POSTGRES_URL !== null && POSTGRES_CTL !== null) {
    it(name, body);
  } else if (REQUIRED) {
    it(name, () => {
      throw new Error('STOPWISE_REQUIRE_POSTGRES=1 but STOPWISE_TEST_POSTGRES_FAULTS or STOPWISE_TEST_POSTGRES_CTL is not set');
    });
  } else {
    it.skip(`${name} (set STOPWISE_TEST_POSTGRES_FAULTS and STOPWISE_TEST_POSTGRES_CTL to run)`, body);
  }
}
