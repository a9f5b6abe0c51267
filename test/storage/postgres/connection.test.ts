import { describe, expect, it } from 'vitest';
import { StoppedError } from '../../../src/errors.js';
import { isTransient, withReconnect } from '../../../src/storage/postgres/connection.js';
import { parseStorageUrl, type PostgresLocation } from '../../../src/storage/url.js';

describe('reconnecting (no server needed)', () => {
  const location = parseStorageUrl('postgresql://u:secret@db.example:5433/s') as PostgresLocation;
  const lost = () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5433'), { code: 'ECONNREFUSED' });

  it('tells a lost connection from a wrong statement', () => {
    expect(isTransient(lost())).toBe(true);
    expect(isTransient(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isTransient(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });

  it('retries an operation until the server is back, telling it which attempt it is', async () => {
    const attempts: number[] = [];
    const result = await withReconnect(location, 10_000, async (attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw lost();
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toEqual([0, 1, 2, 3]);
  });

  it('gives up past the deadline with one line naming the server, without the password', async () => {
    const giving = withReconnect(location, 300, async () => {
      throw lost();
    });
    await expect(giving).rejects.toBeInstanceOf(StoppedError);
    const error = await withReconnect(location, 300, async () => {
      throw lost();
    }).catch((failure: Error) => failure);
    expect((error as Error).message).toMatch(/^lost PostgreSQL at db\.example:5433, database "s", user "u" .*within 0 s/);
    expect((error as Error).message).not.toContain('secret');
    expect((error as Error).message).not.toContain('\n');
  });

  it('does not retry a wrong statement', async () => {
    let calls = 0;
    const failing = withReconnect(location, 10_000, async () => {
      calls++;
      throw Object.assign(new Error('syntax error'), { code: '42601' });
    });
    await expect(failing).rejects.toThrow('syntax error');
    expect(calls).toBe(1);
  });
});
