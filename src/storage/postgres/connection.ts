/**
 * Connections to PostgreSQL: a small pool, and what to do when the server goes away.
 *
 * - Opening: a failure to connect (unknown host, refused, wrong password, missing database) is the user's to fix,
 *   so it becomes an InputError naming host, port, database and user, never the password.
 * - Later: a lost connection (server restarted, network blip) is retried with jittered exponential backoff until
 *   the reconnect deadline; past it the operation fails with an StoppedError (one line, exit 1).
 */
import pg from 'pg';
import { StoppedError, InputError } from '../../errors.js';
import type { PostgresLocation } from '../url.js';
import { formatStorageUrl } from '../url.js';

/** How long a worker keeps trying to reach a server that went away, unless STOPWISE_RECONNECT_SECONDS says. */
export const DEFAULT_RECONNECT_MS = 120_000;
const CONNECT_TIMEOUT_MS = 10_000;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2_000;

/** SQLSTATEs after which the same statement may simply be run again. */
const RETRYABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is restarting or stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const RETRYABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** The driver's own errors for a connection that died carry no code, only these messages. */
const LOST_CONNECTION_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection closed/i;

/** Whether an error means "the connection was lost or refused for now", as opposed to a wrong statement. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || RETRYABLE_STATES.has(code) || RETRYABLE_SOCKET_CODES.has(code)) return true;
  }
  return LOST_CONNECTION_MESSAGE.test(error.message);
}

/** `host:port, database NAME, user NAME`: enough to find the server, nothing secret. */
export function describeServer(location: PostgresLocation): string {
  return `PostgreSQL at ${location.host}:${location.port}, database "${location.database}", user "${location.user}"`;
}

/** The reason a first connection failed, in words a user can act on. */
function connectFailureReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ECONNREFUSED':
      return 'connection refused (is the server running and listening on this port?)';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case '28P01':
      return 'password authentication failed';
    case '28000':
      return 'authentication refused (no pg_hba.conf entry or unknown role)';
    case '3D000':
      return 'the database does not exist (create it with createdb)';
    default:
      if (/timeout exceeded when trying to connect/i.test(message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
      return message.replace(/\s+/g, ' ');
  }
}

export function connectError(location: PostgresLocation, error: unknown): InputError {
  return new InputError(`--storage: cannot connect to ${describeServer(location)}: ${connectFailureReason(error)}`);
}

/** The reconnect deadline from STOPWISE_RECONNECT_SECONDS (a positive number), else the default. */
export function reconnectMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.STOPWISE_RECONNECT_SECONDS;
  if (text === undefined || text === '') return DEFAULT_RECONNECT_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InputError(`STOPWISE_RECONNECT_SECONDS: expected a positive number of seconds, got "${text}"`);
  }
  return seconds * 1000;
}

export function createPool(location: PostgresLocation): pg.Pool {
  const pool = new pg.Pool({
    host: location.host,
    port: location.port,
    database: location.database,
    user: location.user,
    password: location.password ?? undefined,
    max: 3,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: 'stopwise',
    options: location.schema === null ? undefined : `-c search_path=${location.schema}`,
  });
  // An idle connection that the server closes emits 'error' on the pool; the next query simply opens a new one.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `operation` (given the attempt number, 0 first), retrying it while the server is unreachable, with jittered
 * exponential backoff, until `reconnectMs` have passed since the first failure. Every operation it runs must be
 * safe to repeat: a connection can drop after the server committed but before the answer arrived.
 */
export async function withReconnect<T>(
  location: PostgresLocation,
  reconnectMs: number,
  operation: (attempt: number) => Promise<T>,
): Promise<T> {
  let firstFailure: number | null = null;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isTransient(error)) throw error;
      firstFailure ??= Date.now();
      const waited = Date.now() - firstFailure;
      if (waited >= reconnectMs) {
        const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ') : String(error);
        throw new StoppedError(
          `lost ${describeServer(location)} (${formatStorageUrl(location)}) and could not reconnect within ` +
            `${Math.round(reconnectMs / 1000)} s (last error: ${reason}); finished folds and trials are saved`,
        );
      }
      const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** Math.min(attempt, 10), MAX_BACKOFF_MS) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, Math.min(backoff, reconnectMs - waited + 10)));
    }
  }
}
