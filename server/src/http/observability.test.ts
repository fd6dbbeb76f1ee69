import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger.js';
import { openDatabase, type Database } from '../db/database.js';
import { Role } from '../modules/users/user.role.js';
import { createServer, type ShopfloorServer } from '../server.js';
import { Factory, type TestUser } from '../testing/factories.js';
import { postGraphql, testConfig, type TestServer } from '../testing/harness.js';
import { scrape, valueOf, type Sample } from '../testing/prometheus.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { connectSocket } from '../testing/ws-client.js';

/**
 * What an operator sees: `/metrics` series that move with the traffic, and a request id in
 * every error answer that finds the request's log lines.
 */

let testDatabase: TestDatabase;
let database: Database;
let server: ShopfloorServer;
let factory: Factory;
let manager: TestUser;
const lines: string[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'info' });
  const logger = createLogger(config);
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
    write: (line: string) => lines.push(line),
  };
  database = await openDatabase(config, logger);
  server = await createServer(config, { database, logger });
  factory = new Factory({ config, em: () => database.orm.em.fork() } as unknown as TestServer);
  manager = await factory.user(Role.MANAGER);
});

afterAll(async () => {
  await server.close();
  await database.close();
  await testDatabase.drop();
});

const gql = (query: string, options: { token?: string; headers?: Record<string, string> } = {}) =>
  postGraphql(server.url, query, {}, { token: manager.token, ...options });

const raiseWarning = (machineId: string) =>
  gql(
    `mutation RaiseFromTest { raiseWarning(input: { machineId: "${machineId}", message: "hot" }) { id } }`,
  );

/** Scrapes until `check` holds or 10 s have passed (then the caller's assertions say what). */
async function eventually(check: (samples: Sample[]) => boolean): Promise<Sample[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const samples = await scrape(server.url);
    if (check(samples) || Date.now() > deadline) return samples;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('/metrics', () => {
  it('HTTP and GraphQL latency move with requests; operation names are bounded', async () => {
    const before = await scrape(server.url);
    const http = (s: Sample[]) =>
      valueOf(s, 'shopfloor_http_request_duration_seconds_count', {
        route: '/healthz',
        status: '200',
      }) ?? 0;
    const op = (s: Sample[], operation: string) =>
      valueOf(s, 'shopfloor_graphql_operation_duration_seconds_count', { operation }) ?? 0;
    await fetch(`${server.url}/healthz`);
    expect((await gql('query BoardFromTest { buildings { id } }')).errors).toBeUndefined();
    await gql(`query ${'L'.repeat(70)} { buildings { id } }`);
    await gql('{ buildings { id } }');
    const after = await scrape(server.url);
    expect(http(after)).toBe(http(before) + 1);
    expect(op(after, 'BoardFromTest')).toBe(op(before, 'BoardFromTest') + 1);
    expect(
      valueOf(after, 'shopfloor_graphql_operation_duration_seconds_count', {
        operation: 'BoardFromTest',
        type: 'query',
      }),
    ).toBe(1);
    expect(op(after, 'other')).toBe(op(before, 'other') + 1);
    expect(op(after, 'anonymous')).toBe(op(before, 'anonymous') + 1);
    expect(after.some((s) => s.labels.operation?.startsWith('LLL'))).toBe(false);
    // Made-up paths share one label.
    await fetch(`${server.url}/scanner-${Date.now()}`);
    const scanned = await scrape(server.url);
    expect(scanned.some((s) => s.labels.route?.startsWith('/scanner'))).toBe(false);
    expect(
      valueOf(scanned, 'shopfloor_http_request_duration_seconds_count', {
        route: 'other',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('sockets, subscriptions, event lag and machines by status move with the floor', async () => {
    const machine = await factory.machine();
    const before = await scrape(server.url);
    const okBefore = valueOf(before, 'shopfloor_machines', { status: 'OK' }) ?? 0;
    expect(okBefore).toBeGreaterThanOrEqual(1);
    const lagCount = (s: Sample[]) => valueOf(s, 'shopfloor_event_bus_lag_seconds_count') ?? 0;

    const socket = connectSocket(server.url, manager.token);
    const events = socket.subscribe<{ machineEvents: { id: string } }>(
      'subscription { machineEvents { id } }',
    );
    try {
      const connected = await eventually((s) => valueOf(s, 'shopfloor_subscriptions') === 1);
      expect(valueOf(connected, 'shopfloor_websocket_connections')).toBe(1);
      expect(valueOf(connected, 'shopfloor_subscriptions')).toBe(1);

      expect((await raiseWarning(machine.id)).errors).toBeUndefined();
      await events.waitFor(2); // the warning and the status change
      const after = await scrape(server.url);
      expect(lagCount(after)).toBeGreaterThanOrEqual(lagCount(before) + 2);
      expect(valueOf(after, 'shopfloor_event_bus_lag_seconds_sum')).toBeGreaterThanOrEqual(0);
      expect(valueOf(after, 'shopfloor_machines', { status: 'OK' })).toBe(okBefore - 1);
      expect(valueOf(after, 'shopfloor_machines', { status: 'WARNING' })).toBeGreaterThanOrEqual(1);
      expect(valueOf(after, 'shopfloor_machines', { status: 'FAULT' })).toBe(0);
    } finally {
      await socket.dispose();
    }
    const closed = await eventually((s) => valueOf(s, 'shopfloor_websocket_connections') === 0);
    expect(valueOf(closed, 'shopfloor_subscriptions')).toBe(0);
  });

  it('database pool use and reachability', async () => {
    // Two transactions held open: two connections in use while scraping. One gate releases
    // both, whether or not each got as far as its first statement, so a slow start fails the
    // assertions below instead of hanging the test.
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const started: Promise<void>[] = [];
    const held = [database.orm.em.fork(), database.orm.em.fork()].map((em) => {
      let markStarted!: () => void;
      started.push(new Promise<void>((r) => (markStarted = r)));
      return em.transactional(async (tx) => {
        await tx.execute('select 1');
        markStarted();
        await gate;
      });
    });
    try {
      await Promise.race([Promise.all(started), Promise.all(held)]);
      const busy = await eventually(
        (s) => (valueOf(s, 'shopfloor_db_pool_connections', { state: 'used' }) ?? 0) >= 2,
      );
      expect(
        valueOf(busy, 'shopfloor_db_pool_connections', { state: 'used' }),
      ).toBeGreaterThanOrEqual(2);
      expect(valueOf(busy, 'shopfloor_db_pool_connections', { state: 'waiting' })).toBe(0);
      expect(valueOf(busy, 'shopfloor_db_pool_max')).toBe(20);
      expect(valueOf(busy, 'shopfloor_database_up')).toBe(1);
    } finally {
      openGate();
      await Promise.all(held);
    }
    const idle = await scrape(server.url);
    expect(
      valueOf(idle, 'shopfloor_db_pool_connections', { state: 'idle' }),
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('request ids', () => {
  const logged = (requestId: string) =>
    lines.some((l) => (JSON.parse(l) as { requestId?: string }).requestId === requestId);

  it('an incoming X-Request-Id is kept when it is a sane token, else replaced', async () => {
    const sane = await fetch(`${server.url}/nowhere`, { headers: { 'x-request-id': 'lb-42.a_b' } });
    expect(sane.headers.get('x-request-id')).toBe('lb-42.a_b');
    expect(((await sane.json()) as { error: { requestId: string } }).error.requestId).toBe(
      'lb-42.a_b',
    );
    for (const insane of ['x'.repeat(65), 'has space', 'semi;colon', '"quoted"', 'über']) {
      const res = await fetch(`${server.url}/nowhere`, { headers: { 'x-request-id': insane } });
      const id = res.headers.get('x-request-id');
      expect(id).not.toBe(insane);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(((await res.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
    }
  });

  it('is in every kind of error answer, and in the log line of its request', async () => {
    const answers: { kind: string; id: string | null; body: unknown }[] = [];
    const record = async (kind: string, res: Response) =>
      answers.push({ kind, id: res.headers.get('x-request-id'), body: await res.json() });
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${manager.token}`,
          ...headers,
        },
        body,
      });

    await record('graphql validation', await post('/graphql', '{"query":"{ nope }"}'));
    await record(
      'graphql resolver',
      await post(
        '/graphql',
        '{"query":"{ machine(id: \\"00000000-0000-0000-0000-000000000000\\") { id } }"}',
      ),
    );
    await record(
      'graphql unauthenticated',
      await post('/graphql', '{"query":"{ me { id } }"}', {
        authorization: 'Bearer not-a-token',
      }),
    );
    await record('graphql bad body', await post('/graphql', '{"query": '));
    await record('graphql no query', await post('/graphql', '{}'));
    await record(
      'rest not found',
      await fetch(`${server.url}/api/machines/00000000-0000-0000-0000-000000000000`, {
        headers: { authorization: `Bearer ${manager.token}` },
      }),
    );
    await record('rest bad input', await post('/api/machines/', '{"name": ""}'));
    await record('rest bad json', await post('/api/machines/', '{"name": '));
    await record('unknown path', await fetch(`${server.url}/no/such/path`));

    for (const { kind, id, body } of answers) {
      expect(id, kind).toMatch(/^[0-9a-f-]{36}$/);
      const b = body as {
        error?: { requestId?: string };
        errors?: { extensions?: { requestId?: string } }[];
      };
      const inBody = b.error?.requestId ?? b.errors?.[0]?.extensions?.requestId;
      expect(inBody, kind).toBe(id);
      for (const e of b.errors ?? []) expect(e.extensions?.requestId, kind).toBe(id);
      expect(logged(id!), kind).toBe(true);
    }
  });

  it('a successful answer is left as it was', async () => {
    const res = await post200();
    expect(JSON.stringify(res)).not.toContain('requestId');
  });

  it('an operation over a socket reports its id with its errors, as in its log lines', async () => {
    const socket = connectSocket(server.url, manager.token);
    try {
      const failing = socket.subscribe(
        '{ machine(id: "00000000-0000-0000-0000-000000000000") { id } }',
      );
      await failing.done;
      const error = failing.errors[0] as { extensions?: { code?: string; requestId?: string } };
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(error.extensions?.requestId).toMatch(/^ws-[^:]+:.+$/);
    } finally {
      await socket.dispose();
    }
  });
});

async function post200(): Promise<unknown> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.token}` },
    body: JSON.stringify({ query: '{ buildings { id name } }' }),
  });
  expect(res.status).toBe(200);
  return res.json();
}
