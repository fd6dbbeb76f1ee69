import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger.js';
import { Role } from '../modules/users/user.role.js';
import { createServer, type ShopfloorServer } from '../server.js';
import { Factory, type TestUser } from '../testing/factories.js';
import { testConfig, type TestServer } from '../testing/harness.js';
import { connectSocket } from '../testing/ws-client.js';
import { createTestDatabase, TEST_ADMIN_URL, type TestDatabase } from '../testing/test-database.js';
import { openDatabase, type Database } from './database.js';

/**
 * A real database outage (SECURITY.md 30): the test database refuses new connections and
 * its open ones are killed, as when PostgreSQL stops or restarts. Requests answer 503 /
 * SERVICE_UNAVAILABLE with Retry-After (never a 500), /readyz is false, the outage is logged
 * once when it begins and once when it ends, and the server recovers without a restart.
 */

let testDatabase: TestDatabase;
let database: Database;
let server: ShopfloorServer;
let manager: TestUser;
const lines: string[] = [];
let dbName: string;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const killConnections = () =>
  admin(
    `select pg_terminate_backend(pid) from pg_stat_activity
      where datname = '${dbName}' and pid <> pg_backend_pid()`,
  );
const blockConnections = (blocked: boolean) =>
  admin(`alter database "${dbName}" allow_connections ${blocked ? 'false' : 'true'}`);

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  dbName = new URL(testDatabase.url).pathname.slice(1);
  const config = testConfig({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'info' });
  const logger = createLogger(config);
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
    write: (line: string) => lines.push(line),
  };
  database = await openDatabase(config, logger);
  server = await createServer(config, { database, logger });
  const asTestServer = { config, em: () => database.orm.em.fork() } as unknown as TestServer;
  manager = await new Factory(asTestServer).user(Role.MANAGER);
});

afterAll(async () => {
  if (testDatabase.real) await blockConnections(false).catch(() => undefined);
  await server.close();
  await database.close();
  await testDatabase.drop();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  requestId: string | null;
  body: {
    data?: unknown;
    errors?: { extensions?: { code?: string; requestId?: string } }[];
    error?: { code?: string; requestId?: string };
  };
}

async function graphql(query: string, token?: string): Promise<Answer> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    requestId: res.headers.get('x-request-id'),
    body: (await res.json()) as Answer['body'],
  };
}

async function rest(path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${manager.token}`, ...init.headers },
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    requestId: res.headers.get('x-request-id'),
    body: (await res.json()) as Answer['body'],
  };
}

/** Read over a connection of its own: the server's pool may still hold a killed one. */
async function buildingsNamed(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: testDatabase.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from buildings where name = $1',
      [name],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

const logRecords = () =>
  lines.map((l) => JSON.parse(l) as { level: number; msg: string; downForMs?: number });
const count = (msg: string) => logRecords().filter((r) => r.msg.startsWith(msg)).length;

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('database outage', () => {
  it('answers 503 with Retry-After, logs it once, and recovers without a restart', async ({
    skip,
  }) => {
    if (!testDatabase.real) skip('needs real PostgreSQL: an outage of one database');
    const before = await graphql('{ buildings { id } }', manager.token);
    expect(before.status).toBe(200);
    // A socket signed in before the outage: its queries meet the outage over the socket.
    const socket = connectSocket(server.url, manager.token);
    await socket.subscribe('{ buildings { id } }').waitFor(1);

    await blockConnections(true);
    await killConnections();
    try {
      const answers = [
        await graphql('{ buildings { id } }', manager.token),
        await graphql('{ buildings { id } }', manager.token),
        await graphql(
          'mutation { createBuilding(input: { name: "During outage" }) { id } }',
          manager.token,
        ),
        // Public, and the caller is looked up in no table: fails inside the resolver.
        await graphql(
          'mutation { login(email: "a@b.test", password: "whatever it is") { accessToken } }',
        ),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toMatch(/^\d+$/);
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(answer.body.errors?.[0]?.extensions?.requestId).toBe(answer.requestId);
      }
      const restCalls: [string, RequestInit][] = [
        ['/api/machines/', {}],
        [
          '/api/machines/',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': 'outage-1' },
            // A valid body: with the caller known without SQL (identity cache), only the write
            // itself meets the outage.
            body: JSON.stringify({ name: 'During outage', location: 'Hall', importance: 3 }),
          },
        ],
        [
          '/api/login/',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'a@b.test', password: 'whatever it is' }),
          },
        ],
      ];
      for (const [path, init] of restCalls) {
        const answer = await rest(path, init);
        expect(answer.status, `${path} ${JSON.stringify(answer.body)}`).toBe(503);
        expect(answer.retryAfter).toMatch(/^\d+$/);
        expect(answer.body.error?.code).toBe('SERVICE_UNAVAILABLE');
        expect(answer.body.error?.requestId).toBe(answer.requestId);
      }
      const overSocket = socket.subscribe('{ buildings { id } }');
      await overSocket.done;
      expect(overSocket.errors).toMatchObject([
        { extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.stringMatching(/^ws-/) } },
      ]);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);

      expect(count('database unavailable')).toBe(1);
      expect(count('database available again')).toBe(0);
      expect(logRecords().filter((r) => r.level >= 50 && r.msg.startsWith('unexpected'))).toEqual(
        [],
      );
    } finally {
      await blockConnections(false);
      await socket.dispose();
    }

    const after = await eventually(
      () => graphql('{ buildings { id } }', manager.token),
      (a) => a.status === 200,
    );
    expect(after.body.errors).toBeUndefined();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await eventually(
      async () => count('database available again'),
      (n) => n === 1,
    );
    expect(count('database available again')).toBe(1);
    expect(count('database unavailable')).toBe(1);
    // Nothing was written during the outage.
    expect(await buildingsNamed('During outage')).toBe(0);
  });

  it('a restart that kills idle connections is not even noticed by the next request', async ({
    skip,
  }) => {
    if (!testDatabase.real) skip('needs real PostgreSQL: killing its connections');
    expect((await graphql('{ buildings { id } }', manager.token)).status).toBe(200);
    await killConnections();
    await new Promise((r) => setTimeout(r, 200));
    const answer = await graphql('{ buildings { id } }', manager.token);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('a connection whose backend is killed while in use never goes back to the pool', async ({
    skip,
  }) => {
    if (!testDatabase.real) skip('needs real PostgreSQL: killing a backend');
    for (let i = 0; i < 3; i++) {
      await expect(
        database.orm.em.fork().execute('select pg_terminate_backend(pg_backend_pid())'),
      ).rejects.toMatchObject({ code: '57P01' });
      // Straight after: the pool must not hand out the killed connection.
      const [row] = await database.orm.em.fork().execute<{ ok: number }[]>('select 1 as ok');
      expect(row?.ok).toBe(1);
    }
  });

  it('a transaction whose connection is killed mid-request answers 503, not 500', async ({
    skip,
  }) => {
    if (!testDatabase.real) skip('needs real PostgreSQL: killing one backend');
    const outagesBefore = count('database unavailable');
    // Hold the buildings table so the mutation waits inside its transaction, then kill it.
    const holder = new pg.Client({ connectionString: testDatabase.url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table buildings in access exclusive mode');
    const pending = graphql(
      'mutation { createBuilding(input: { name: "Killed mid-write" }) { id } }',
      manager.token,
    );
    await eventually(
      async () =>
        (
          await holder.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
          )
        ).rows[0]!.n,
      (n) => n !== '0',
    );
    await holder.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    );
    await holder.query('rollback');
    await holder.end();
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await buildingsNamed('Killed mid-write')).toBe(0);
    // One killed connection is a (short) outage of its own: one line, then recovery.
    expect(count('database unavailable')).toBe(outagesBefore + 1);
    // The killed connection went back to the pool marked unusable: the very next request
    // gets a live one (it used to fail with "Connection terminated unexpectedly").
    for (let i = 0; i < 5; i++) {
      expect((await graphql('{ buildings { id } }', manager.token)).status).toBe(200);
    }
  });
});
