import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { realPostgresAvailable, TEST_ADMIN_URL } from '../testing/test-database.js';
import { isDatabaseUnavailable } from './availability.js';

/** The error a real statement gets from a real server. */
async function errorOf(sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } catch (error) {
    return error;
  } finally {
    await client.end();
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('isDatabaseUnavailable', () => {
  it('a statement the server refuses as malformed (08P01, a NUL in its text) is not an outage', async ({
    skip,
  }) => {
    if (!(await realPostgresAvailable())) skip('needs real PostgreSQL');
    // What a NUL that slipped past the edge checks gives: a bug to log, not a 503 to retry.
    const error = (await errorOf("select 'a\u0000b' as x")) as { code?: string };
    expect(error.code).toBe('08P01');
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('a refused connection is an outage', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
