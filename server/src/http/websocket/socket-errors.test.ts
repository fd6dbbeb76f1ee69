import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import { openDatabase, type Database } from '../../db/database.js';
import { Role } from '../../modules/users/user.role.js';
import { createServer, type ShopfloorServer } from '../../server.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import { postGraphql, testConfig, type TestServer } from '../../testing/harness.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { connectSocket, type SocketClient } from '../../testing/ws-client.js';

/**
 * Queries and mutations sent over the socket meet the same error boundary as over HTTP:
 * app errors keep their code, bad input is BAD_USER_INPUT without "Did you mean" in
 * production, and anything unexpected is masked and logged with the operation's id.
 */

interface FormattedError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; details?: unknown; [key: string]: unknown };
}

let database: Database;
let testDatabase: TestDatabase;
let server: ShopfloorServer;
let factory: Factory;
let manager: TestUser;
let technician: TestUser;
const lines: string[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  // Production: suggestions stripped, introspection off — the settings a plant runs with.
  const config = testConfig({
    DATABASE_URL: testDatabase.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
  });
  const logger = createLogger(config);
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
    write: (line: string) => lines.push(line),
  };
  database = await openDatabase(config, logger);
  server = await createServer(config, { database, logger });
  factory = new Factory({ config, em: () => database.orm.em.fork() } as unknown as TestServer);
  manager = await factory.user(Role.MANAGER);
  technician = await factory.user(Role.TECHNICIAN);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
  await testDatabase?.drop();
});

/** Runs one query or mutation over a fresh socket; every error frame, flattened. */
async function overSocket(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data: unknown[]; errors: FormattedError[] }> {
  const socket: SocketClient = connectSocket(server.url, token);
  try {
    const op = socket.subscribe<unknown>(query, variables);
    await op.done;
    return { data: op.items, errors: op.errors.flat() as FormattedError[] };
  } finally {
    await socket.dispose();
  }
}

const logRecords = () =>
  lines.map(
    (l) =>
      JSON.parse(l) as {
        level: number;
        msg: string;
        requestId?: string;
        operationName?: string;
        err?: { message?: string };
      },
  );

describe('errors over the socket go through the HTTP error boundary', () => {
  it('answers a technician reading users with FORBIDDEN, as HTTP does', async () => {
    const query = '{ users { totalCount } }';
    const socket = await overSocket(technician.token, query);
    const http = await postGraphql(server.url, query, {}, { token: technician.token });
    expect(http.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(socket.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(socket.errors[0]!.path).toEqual(['users']);
  });

  it('answers first: 101 with BAD_USER_INPUT and the field details, not raw validator output', async () => {
    const query = '{ users(first: 101) { totalCount } }';
    const socket = await overSocket(manager.token, query);
    const http = await postGraphql(server.url, query, {}, { token: manager.token });
    expect(socket.errors).toHaveLength(1);
    const [error] = socket.errors;
    expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
    // Exactly what HTTP says: same message and extensions, nothing of class-validator's own
    // (each with its own request id).
    const withoutRequestId = (e: typeof error) => ({
      ...e,
      extensions: { ...e?.extensions, requestId: undefined },
    });
    expect(withoutRequestId(error)).toEqual(withoutRequestId(http.errors?.[0]));
    expect(error!.extensions?.requestId).toMatch(/^ws-/);
    expect(Object.keys(error!.extensions ?? {}).sort()).toEqual(
      Object.keys(http.errors?.[0]?.extensions ?? {}).sort(),
    );
    expect(JSON.stringify(error)).not.toMatch(/validationErrors|Argument Validation Error/);
  });

  it('answers an enum typo in a variable with BAD_USER_INPUT and no suggestion in production', async () => {
    const query =
      'query ($s: [MachineStatus!]) { machines(filter: { statuses: $s }) { totalCount } }';
    const socket = await overSocket(manager.token, query, { s: ['FAULTY'] });
    expect(socket.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(socket.errors)).not.toMatch(/did you mean/i);
    const http = await postGraphql(server.url, query, { s: ['FAULTY'] }, { token: manager.token });
    expect(http.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('never answers a NUL in a variable with the raw driver message', async () => {
    const query = 'query ($q: String) { machines(filter: { search: $q }) { totalCount } }';
    const socket = await overSocket(manager.token, query, { q: 'press\u0000line' });
    expect(socket.errors.length).toBeGreaterThan(0);
    for (const error of socket.errors) {
      expect(typeof error.extensions?.code).toBe('string');
      expect(error.message).not.toMatch(/invalid message format|08P01|select|from "/i);
    }
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR and logs it with the operation id', async () => {
    const query = 'query Halls { buildings { id name } }';
    const before = lines.length;
    const em = database.orm.em.fork();
    await em.getConnection().execute('alter table buildings rename to buildings_elsewhere');
    let socket: Awaited<ReturnType<typeof overSocket>>;
    try {
      socket = await overSocket(manager.token, query);
    } finally {
      await em.getConnection().execute('alter table buildings_elsewhere rename to buildings');
    }
    expect(socket.errors).toHaveLength(1);
    const [error] = socket.errors;
    expect(error!.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(Object.keys(error!.extensions ?? {})).toEqual(['code', 'requestId']);
    expect(JSON.stringify(error)).not.toMatch(/relation|buildings_elsewhere|select|stack/i);

    const logged = logRecords()
      .slice(before)
      .filter((r) => r.level >= 50);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.err?.message).toMatch(/buildings/);
    expect(logged[0]!.requestId).toMatch(/^ws-[0-9a-f-]{36}:.+$/);
    expect(logged[0]!.operationName).toBe('Halls');
  });

  it('answers a subscription variable of the wrong type with BAD_USER_INPUT, not a masked 500', async () => {
    const before = lines.length;
    const sub = await overSocket(
      manager.token,
      'subscription ($b: [ID!]) { machineStatusChanged(buildingIds: $b) { eventId } }',
      { b: [{ not: 'an id' }] },
    );
    expect(sub.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(
      logRecords()
        .slice(before)
        .filter((r) => r.level >= 50),
    ).toEqual([]);
  });

  it('answers a document whose operation cannot be told with OPERATION_RESOLUTION_FAILURE', async () => {
    const result = await overSocket(manager.token, 'query A { me { id } } query B { me { id } }');
    expect(result.errors.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('closes with 1013 (try again), not 4403, and logs when the credential cannot be checked', async () => {
    const before = lines.length;
    const em = database.orm.em.fork();
    await em.getConnection().execute('alter table users rename to users_elsewhere');
    let closed: { code: number };
    try {
      const socket = connectSocket(server.url, manager.token);
      closed = await socket.closed;
      await socket.dispose();
    } finally {
      await em.getConnection().execute('alter table users_elsewhere rename to users');
    }
    expect(closed.code).toBe(1013);
    const logged = logRecords()
      .slice(before)
      .filter((r) => r.level >= 50);
    expect(logged.map((r) => r.msg)).toEqual(['WebSocket connection could not be authenticated']);
  });

  it('logs nothing as unexpected for the client errors above', async () => {
    const before = lines.length;
    await overSocket(technician.token, '{ users { totalCount } }');
    await overSocket(manager.token, '{ users(first: 101) { totalCount } }');
    await overSocket(
      manager.token,
      'query ($s: [MachineStatus!]) { machines(filter: { statuses: $s }) { totalCount } }',
      { s: ['FAULTY'] },
    );
    expect(
      logRecords()
        .slice(before)
        .filter((r) => r.level >= 50),
    ).toEqual([]);
  });
});
