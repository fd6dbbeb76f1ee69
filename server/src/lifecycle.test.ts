import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from './modules/users/user.role.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';
import { TEST_JWT_SECRET } from './testing/harness.js';
import { connectSocket } from './testing/ws-client.js';
import { buildServerOnce } from './testing/build.js';
import { startServerProcess } from './testing/server-process.js';
import { signAccessToken } from './modules/auth/access-token.js';

let db: TestDatabase;

// The real entry point, as deployed: compiled output run by Node.
beforeAll(() => buildServerOnce(), 120_000);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('SIGTERM', () => {
  it('finishes in-flight requests, closes sockets with 1001 and exits within 10 s', async () => {
    const { child, url, exited } = await startServerProcess({
      DATABASE_URL: db.url,
      INITIAL_MANAGER_EMAIL: 'boss@lifecycle.test',
      INITIAL_MANAGER_PASSWORD: 'a long enough lifecycle password',
    });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ id: string; token_version: number }>(
      "select id, token_version from users where email = 'boss@lifecycle.test'",
    );
    await client.end();
    const row = rows[0];
    const token = signAccessToken(
      { jwtSecret: TEST_JWT_SECRET, accessTokenTtlSeconds: 900 },
      {
        id: row!.id,
        role: Role.MANAGER,
        tokenVersion: row!.token_version,
      },
    ).token;

    const socket = connectSocket(url, token);
    socket.subscribe('subscription { machineStatusChanged { eventId } }');
    await new Promise((r) => setTimeout(r, 300));

    // A sign-in takes tens of milliseconds of hashing: it is still running when SIGTERM lands.
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { login(email: "boss@lifecycle.test", password: "a long enough lifecycle password", deliverRefreshToken: BODY) { accessToken } }',
      }),
    });
    await new Promise((r) => setTimeout(r, 5));
    const signalledAt = Date.now();
    child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { login?: { accessToken?: string } } };
    expect(body.data?.login?.accessToken).toBeTruthy();
    expect((await socket.closed).code).toBe(1001);
    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
  }, 60_000);
});
