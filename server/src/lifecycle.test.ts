import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from './modules/users/user.role.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';
import { TEST_JWT_SECRET } from './testing/harness.js';
import { connectSocket } from './testing/ws-client.js';
import { buildServerOnce } from './testing/build.js';
import { startServerProcess } from './testing/server-process.js';
import { signAccessToken } from './modules/auth/access-token.js';
import { Factory } from './testing/factories.js';
import { startTestServer } from './testing/harness.js';

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

/** One HTTP/1.1 request as raw text, kept alive (the default of HTTP/1.1). */
function rawPost(path: string, token: string, body: unknown): string {
  const payload = JSON.stringify(body);
  return (
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Authorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`
  );
}

/** A raw TCP connection to the server: what it receives, and when it closes. */
async function rawConnection(url: string) {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  return {
    socket,
    closed,
    received: () => received,
    /** Waits until `count` complete answers (with Content-Length bodies) have arrived. */
    async answers(count: number): Promise<string[]> {
      for (let i = 0; i < 500; i++) {
        const parts = received.split(/(?=HTTP\/1\.1 \d{3} )/).filter(Boolean);
        const complete = parts.filter((part) => {
          const length = /\r\ncontent-length: (\d+)\r\n/i.exec(part);
          const bodyStart = part.indexOf('\r\n\r\n');
          return (
            length &&
            bodyStart !== -1 &&
            Buffer.byteLength(part.slice(bodyStart + 4)) >= Number(length[1])
          );
        });
        if (complete.length >= count) return complete;
        await new Promise((r) => setTimeout(r, 20));
      }
      return [];
    },
  };
}

describe('shutdown and kept-alive connections', () => {
  it('refuses a request arriving on a kept-alive connection once shutdown began; in-flight ones finish', async () => {
    const testDatabase = await createTestDatabase();
    const t = await startTestServer({ testDatabase });
    const manager = await new Factory(t).user(Role.MANAGER);
    const create = (name: string) =>
      rawPost('/graphql', manager.token, {
        query: `mutation { createBuilding(input: { name: "${name}" }) { id name } }`,
      });
    const admin = new pg.Client({ connectionString: testDatabase.url });
    await admin.connect();
    const busy = await rawConnection(t.url);
    const keptAlive = await rawConnection(t.url);
    try {
      // A kept-alive connection, idle after its first answer.
      keptAlive.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      expect((await keptAlive.answers(1))[0]).toMatch(/^HTTP\/1\.1 200 /);

      // An in-flight write, held inside its transaction by a lock until we let it go.
      await admin.query('begin');
      await admin.query('lock table buildings in share row exclusive mode');
      busy.socket.write(create('In flight at shutdown'));
      for (let i = 0; i < 250; i++) {
        const { rows } = await admin.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (rows[0]!.n !== '0') break;
        await new Promise((r) => setTimeout(r, 20));
      }

      const closing = t.server.close();
      // The next request on the kept-alive connection arrives after shutdown began.
      keptAlive.socket.write(create('Arrived during shutdown'));
      const [, late] = await keptAlive.answers(2);
      expect(late).toMatch(/^HTTP\/1\.1 503 /);
      expect(late).toMatch(/\r\nconnection: close\r\n/i);
      expect(late).toContain('"code":"SERVICE_UNAVAILABLE"');
      // With the request id its log line has, as every error answer.
      const lateId = /\r\nx-request-id: ([^\r]+)\r\n/i.exec(late!)?.[1];
      expect(lateId).toBeTruthy();
      expect(late).toContain(`"requestId":"${lateId}"`);
      await keptAlive.closed; // and the server closed that connection

      await admin.query('commit');
      const [inFlight] = await busy.answers(1);
      expect(inFlight).toMatch(/^HTTP\/1\.1 200 /);
      expect(inFlight).toContain('"name":"In flight at shutdown"');
      // Its answer tells the client not to send more on this connection.
      expect(inFlight).toMatch(/\r\nconnection: close\r\n/i);
      await closing;

      const { rows } = await admin.query<{ name: string }>(
        `select name from buildings where name in ('In flight at shutdown', 'Arrived during shutdown')`,
      );
      expect(rows.map((r) => r.name)).toEqual(['In flight at shutdown']);
    } finally {
      busy.socket.destroy();
      keptAlive.socket.destroy();
      await admin.end();
      await t.close();
      await testDatabase.drop();
    }
  }, 60_000);
});
