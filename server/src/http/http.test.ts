import express from 'express';
import net, { type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { openDatabase, type Database } from '../db/database.js';
import { ApiClient } from '../modules/api-clients/api-client.entity.js';
import { ApiScope } from '../modules/api-clients/api-client.scope.js';
import { generateApiToken } from '../modules/api-clients/api-token.js';
import { Building } from '../modules/buildings/building.entity.js';
import { User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.role.js';
import { createServer, type ShopfloorServer } from '../server.js';
import { Factory, TEST_PASSWORD, type TestUser } from '../testing/factories.js';
import {
  errorCode,
  postGraphql,
  startTestServer,
  testConfig,
  type GqlResult,
  type TestServer,
} from '../testing/harness.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { connectSocket } from '../testing/ws-client.js';
import { jsonErrorHandler } from './json-errors.js';
import { requestLog } from './request-log.js';

/**
 * The HTTP surface (SECURITY.md 3, 4, 5, 28): batching and CSRF refused before anything runs,
 * health endpoints, masked unexpected errors, and logs free of secrets.
 */

let t: TestServer;
let manager: TestUser;

beforeAll(async () => {
  t = await startTestServer();
  manager = await new Factory(t).user(Role.MANAGER);
});
afterAll(() => t.close());

const MUTATION = (name: string) => `mutation { createBuilding(input: { name: "${name}" }) { id } }`;
const countBuildings = (name: string) => t.em().count(Building, { name });

async function send(path: string, init: RequestInit): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.url}${path}`, init);
  return { status: res.status, body: await res.text() };
}

function codeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as GqlResult<unknown>).errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
}

describe('GraphQL over HTTP', () => {
  it('refuses a batched (JSON array) body and runs none of it', async () => {
    const { status, body } = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.token}` },
      body: JSON.stringify([{ query: MUTATION('batched-1') }, { query: MUTATION('batched-2') }]),
    });
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('BAD_REQUEST');
    expect(await countBuildings('batched-1')).toBe(0);
    expect(await countBuildings('batched-2')).toBe(0);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST with the simple-request content type %s (CSRF)',
    async (contentType) => {
      const { status } = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${manager.token}` },
        body: JSON.stringify({ query: MUTATION('csrf-post') }),
      });
      expect(status).toBe(400);
      expect(await countBuildings('csrf-post')).toBe(0);
    },
  );

  it('refuses a GET query without a preflight-forcing header (CSRF)', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ buildings { id } }')}`;
    const refused = await send(path, { headers: { authorization: `Bearer ${manager.token}` } });
    expect(refused.status).toBe(400);
    expect(refused.body).not.toContain('"data"');

    for (const header of ['apollo-require-preflight', 'x-apollo-operation-name']) {
      const allowed = await send(path, {
        headers: { authorization: `Bearer ${manager.token}`, [header]: 'Buildings' },
      });
      expect(allowed.status).toBe(200);
      expect(JSON.parse(allowed.body)).toHaveProperty('data.buildings');
    }
  });

  it('refuses a mutation sent by GET, even with the preflight header', async () => {
    const { status } = await send(`/graphql?query=${encodeURIComponent(MUTATION('by-get'))}`, {
      headers: { authorization: `Bearer ${manager.token}`, 'apollo-require-preflight': 'true' },
    });
    expect(status).toBe(405);
    expect(await countBuildings('by-get')).toBe(0);
  });

  it('refuses a body over the size limit', async () => {
    const { status, body } = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.token}` },
      body: JSON.stringify({
        query: MUTATION('too-big'),
        variables: { pad: 'x'.repeat(300 * 1024) },
      }),
    });
    expect(status).toBe(413);
    expect(codeOf(body)).toBe('PAYLOAD_TOO_LARGE');
    expect(await countBuildings('too-big')).toBe(0);
  });

  it('answers CORS preflights only for allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

/** A JSON answer with no HTML and no stack trace (file positions, "at fn (...)" frames). */
function expectCleanJson(res: { status: number; body: string; type: string | null }): void {
  expect(res.type).toMatch(/^application\/json/);
  expect(() => JSON.parse(res.body) as unknown).not.toThrow();
  expect(res.body).not.toMatch(/<html|<pre|<!DOCTYPE|\bat \S+ \(|\.ts:\d|\.js:\d|node_modules/i);
}

async function raw(
  path: string,
  init: RequestInit,
): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`${t.url}${path}`, init);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

const restCodeOf = (body: string) =>
  (JSON.parse(body) as { error?: { code?: string } }).error?.code;

describe('every answer of /graphql and /api is JSON in its shape, never HTML or a stack', () => {
  const JSON_POST = { 'content-type': 'application/json', authorization: '' };

  it('/graphql: malformed JSON is a 400 GraphQL error', async () => {
    const res = await raw('/graphql', {
      method: 'POST',
      headers: { ...JSON_POST, authorization: `Bearer ${manager.token}` },
      body: '{"query": "{ buildings { id } }",',
    });
    expect(res.status).toBe(400);
    expectCleanJson(res);
    expect(codeOf(res.body)).toBe('BAD_REQUEST');
  });

  it('/graphql: an unsupported content encoding or charset is a 415 GraphQL error', async () => {
    for (const headers of [
      { 'content-type': 'application/json', 'content-encoding': 'x-unknown' },
      { 'content-type': 'application/json; charset=x-unknown' },
    ]) {
      const res = await raw('/graphql', {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${manager.token}` },
        body: JSON.stringify({ query: MUTATION('encoded') }),
      });
      expect(res.status).toBe(415);
      expectCleanJson(res);
      expect(codeOf(res.body)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await countBuildings('encoded')).toBe(0);
  });

  it('/graphql: an unknown path under it is a 404 GraphQL error', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await raw('/graphql/extra', {
        method,
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'x' },
        ...(method === 'POST' ? { body: JSON.stringify({ query: '{ __typename }' }) } : {}),
      });
      expect(res.status).toBe(404);
      expectCleanJson(res);
      expect(codeOf(res.body)).toBe('NOT_FOUND');
    }
  });

  it('/graphql: a method other than GET and POST is a JSON error', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await raw('/graphql', {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: MUTATION(`by-${method}`) }),
      });
      expect(res.status).toBe(405);
      expectCleanJson(res);
      expect(codeOf(res.body)).toBeTruthy();
      expect(await countBuildings(`by-${method}`)).toBe(0);
    }
  });

  it('/api: malformed JSON, too large a body, unknown paths and wrong methods are REST errors', async () => {
    const auth = { authorization: `Bearer ${manager.token}` };
    const cases: [string, RequestInit, number][] = [
      [
        '/api/machines/',
        { method: 'POST', headers: { ...JSON_POST, ...auth }, body: '{"name":' },
        400,
      ],
      [
        '/api/machines/',
        {
          method: 'POST',
          headers: { ...JSON_POST, ...auth },
          body: JSON.stringify({ pad: 'x'.repeat(100 * 1024) }),
        },
        413,
      ],
      ['/api/no-such-thing/', { headers: auth }, 404],
      ['/api/machines/', { method: 'PUT', headers: auth }, 405],
      ['/auth/elsewhere', { method: 'POST', headers: auth }, 404],
    ];
    for (const [path, init, status] of cases) {
      const res = await raw(path, init);
      expect(res.status, path).toBe(status);
      expectCleanJson(res);
      expect(restCodeOf(res.body), path).toBeTruthy();
    }
  });

  it('any other path is a JSON 404 (express would send an HTML page)', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await raw('/no/such/page', { method });
      expect(res.status).toBe(404);
      expectCleanJson(res);
      expect(restCodeOf(res.body)).toBe('NOT_FOUND');
    }
  });
});

describe('the final express error handler', () => {
  it('answers JSON: client errors keep their status, anything else is a masked, logged 500', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = express();
    app.use(requestLog(logger));
    app.get('/graphql/boom', () => {
      throw new Error('secret detail at /srv/app/dist/thing.js:12');
    });
    app.get('/api/boom', () => {
      throw new Error('secret detail at /srv/app/dist/thing.js:12');
    });
    app.get('/api/bad-escape', () => {
      decodeURIComponent('%E0%A4%A');
    });
    app.use(jsonErrorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const gql = await fetch(`${base}/graphql/boom`);
      const gqlBody = await gql.text();
      expect(gql.status).toBe(500);
      expect(codeOf(gqlBody)).toBe('INTERNAL_SERVER_ERROR');
      expect(gqlBody).not.toContain('secret');
      const rest = await fetch(`${base}/api/boom`);
      const restBody = await rest.text();
      expect(rest.status).toBe(500);
      expect(restCodeOf(restBody)).toBe('INTERNAL_SERVER_ERROR');
      expect(restBody).not.toContain('secret');
      const escape = await fetch(`${base}/api/bad-escape`);
      expect(escape.status).toBe(400);
      expect(restCodeOf(await escape.text())).toBe('BAD_REQUEST');
      expect(lines.join('')).toContain('secret detail');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('health endpoints', () => {
  it('/healthz answers 200 while the process runs', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('/readyz answers 200 with the database up and migrated', async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Servers whose log lines are collected.

interface CapturedServer {
  server: ShopfloorServer;
  url: string;
  lines: string[];
  factory: Factory;
  em: () => ReturnType<Database['orm']['em']['fork']>;
  close(): Promise<void>;
}

/**
 * A server built like the harness's, logging at debug level into `lines`. The logger is the
 * real one from createLogger (with its redaction rules); only its destination is swapped for
 * an in-memory one, since createLogger always writes to stdout.
 */
async function startCapturedServer(env: Record<string, string> = {}): Promise<CapturedServer> {
  const testDatabase: TestDatabase = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'debug', ...env });
  const lines: string[] = [];
  const logger = createLogger(config);
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
    write: (line: string) => lines.push(line),
  };
  const database = await openDatabase(config, logger);
  const server = await createServer(config, { database, logger });
  const asTestServer = { config, em: () => database.orm.em.fork() } as unknown as TestServer;
  return {
    server,
    url: server.url,
    lines,
    factory: new Factory(asTestServer),
    em: () => database.orm.em.fork(),
    async close() {
      await server.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password, deliverRefreshToken: BODY) {
    accessToken accessTokenExpiresAt refreshToken
  }
}`;

/** Every string of 20+ characters in a response: tokens and other secrets it may carry. */
function longStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 20 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(longStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(longStrings);
  return [];
}

describe('logs', () => {
  let c: CapturedServer;
  let user: TestUser;

  beforeAll(async () => {
    c = await startCapturedServer();
    user = await c.factory.user(Role.TECHNICIAN);
  });
  afterAll(() => c.close());

  it('never contain the bearer token of a request', async () => {
    const result = await postGraphql(
      c.url,
      '{ buildings { id } }',
      {},
      { token: user.token, headers: { cookie: `sf_refresh=${user.token}` } },
    );
    expect(result.errors).toBeUndefined();
    // A denied action is logged (who and what), still without the token.
    const denied = await postGraphql(c.url, MUTATION('log-denied'), {}, { token: user.token });
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const log = c.lines.join('');
    expect(log).toContain('access denied');
    expect(log).toContain(user.user.id);
    expect(log).toContain('Mutation.createBuilding');
    expect(log).not.toContain(user.token);
    // The signature alone would be enough to replay nothing, but the payload is the session.
    expect(log).not.toContain(user.token.split('.')[2]!);
  });

  it('record an API token refused for a building it is not limited to, without the token', async () => {
    const [allowed, other] = [await c.factory.building(), await c.factory.building()];
    const machine = await c.factory.machine({ building: other });
    const em = c.em();
    const { token, tokenHash, displayPrefix } = generateApiToken();
    const client = em.create(ApiClient, {
      name: 'Hall A gateway',
      tokenPrefix: displayPrefix,
      tokenHash,
      scopes: [ApiScope.WARNINGS_WRITE],
      createdBy: em.getReference(User, user.user.id),
    });
    client.buildings.add(em.getReference(Building, allowed.id));
    await em.flush();
    const refused = await postGraphql(
      c.url,
      'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }',
      { input: { machineId: machine.id, message: 'x' } },
      { token },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const line = c.lines.find((l) => l.includes('access denied') && l.includes(client.id));
    expect(line).toContain(other.id);
    expect(c.lines.join('')).not.toContain(token);
  });

  it('never contain a password or a token from login, failed or successful', async () => {
    const document = LOGIN;
    const wrongPassword = 'Wr0ng-but-memorable-passphrase-7731';
    const failed = await postGraphql(c.url, document, {
      email: user.user.email,
      password: wrongPassword,
    });
    expect(errorCode(failed)).toBe('UNAUTHENTICATED');
    const unknown = await postGraphql(c.url, document, {
      email: 'nobody@test.shopfloor',
      password: wrongPassword,
    });
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    const ok = await postGraphql(c.url, document, {
      email: user.user.email,
      password: TEST_PASSWORD,
    });
    expect(ok.errors).toBeUndefined();

    const log = c.lines.join('');
    expect(log).toContain('"path":"/graphql"'); // the requests were logged
    expect(log).not.toContain(wrongPassword);
    expect(log).not.toContain(TEST_PASSWORD);
    for (const secret of longStrings(ok.data)) {
      if (secret.includes('@')) continue; // an email address is not a secret
      expect(log).not.toContain(secret);
    }
  });
});

describe('production server', () => {
  let c: CapturedServer;
  let user: TestUser;

  beforeAll(async () => {
    c = await startCapturedServer({ NODE_ENV: 'production' });
    user = await c.factory.user(Role.MANAGER);
  });
  afterAll(() => c.close());

  it('masks an unexpected error and logs its detail with the request id', async () => {
    // A genuine failure: the table the resolver reads is gone (as after a bad manual change).
    await c.em().getConnection().execute('alter table buildings rename to buildings_elsewhere');
    let res: Response;
    try {
      res = await fetch(`${c.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ query: '{ buildings { id name } }' }),
      });
    } finally {
      await c.em().getConnection().execute('alter table buildings_elsewhere rename to buildings');
    }
    const text = await res.text();
    const body = JSON.parse(text) as GqlResult<unknown>;
    expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(Object.keys(body.errors?.[0]?.extensions ?? {})).toEqual(['code', 'requestId']);
    expect(text).not.toMatch(/select|from "|relation|buildings_elsewhere|stack|\.ts:|\.js:|at /i);

    const requestId = res.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    // The user can quote it: it finds the detail below.
    expect(body.errors?.[0]?.extensions?.requestId).toBe(requestId);
    const detail = c.lines
      .map(
        (l) => JSON.parse(l) as { level: number; requestId?: string; err?: { message?: string } },
      )
      .find((r) => r.level >= 50 && r.requestId === requestId);
    expect(detail?.err?.message).toMatch(/buildings/);
  });
});

describe('/metrics', () => {
  it('serves Prometheus text, open when no token is configured', async () => {
    const c = await startCapturedServer();
    try {
      const res = await fetch(`${c.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('shopfloor_sql_statements_total');
    } finally {
      await c.close();
    }
  });

  it('wants the bearer METRICS_TOKEN when one is configured', async () => {
    const token = 'scraper-secret-0123456789';
    const c = await startCapturedServer({ METRICS_TOKEN: token });
    try {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', token]) {
        const res = await fetch(`${c.url}/metrics`, {
          headers: authorization ? { authorization } : {},
        });
        expect(res.status).toBe(401);
        expect(await res.text()).not.toContain('shopfloor_');
      }
      const ok = await fetch(`${c.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('shopfloor_http_request_duration_seconds');
    } finally {
      await c.close();
    }
  });
});

describe('HTTP timeouts against slow clients', () => {
  let s: TestServer;
  let boss: TestUser;
  beforeAll(async () => {
    s = await startTestServer({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: '300',
        HTTP_REQUEST_TIMEOUT_MS: '600',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
      },
    });
    boss = await new Factory(s).user(Role.MANAGER);
  });
  afterAll(() => s.close());

  /**
   * A client that sends `upfront` at once, then `text` a byte at a time, every 100 ms (400
   * bytes would take 40 s). Resolves with what the server answered once it closes the
   * connection.
   */
  async function trickle(
    upfront: string,
    text: string,
  ): Promise<{ answer: string; sentAll: boolean }> {
    const socket = net.connect(Number(new URL(s.url).port), '127.0.0.1');
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    let answer = '';
    let closed = false;
    socket.on('data', (chunk: string) => (answer += chunk));
    const done = new Promise<void>((r) =>
      socket.once('close', () => {
        closed = true;
        r();
      }),
    );
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(upfront);
    let sent = 0;
    while (!closed && sent < text.length) {
      socket.write(text[sent]!);
      sent++;
      await new Promise((r) => setTimeout(r, 100));
    }
    await done;
    return { answer, sentAll: sent >= text.length };
  }

  it('are configured from the environment and checked at start-up', () => {
    expect(testConfig().httpTimeouts).toEqual({
      headersMs: 10_000,
      requestMs: 60_000,
      keepAliveMs: 5_000,
    });
    const badSettings: Record<string, string>[] = [
      { HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' },
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' },
      { HTTP_REQUEST_TIMEOUT_MS: '0' },
    ];
    for (const env of badSettings) {
      expect(() => testConfig(env)).toThrow(ConfigError);
    }
  });

  it('closes a connection whose headers come too slowly, before it sends them all', async () => {
    const { answer, sentAll } = await trickle(
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      `X-Padding: ${'x'.repeat(400)}\r\n\r\n`,
    );
    expect(sentAll).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('closes a connection whose body comes too slowly, and runs nothing of it', async () => {
    const body = JSON.stringify({
      query: `mutation { createBuilding(input: { name: "Slow body ${'x'.repeat(300)}" }) { id } }`,
    });
    // Headers at once, then the body a byte at a time.
    const { answer, sentAll } = await trickle(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Authorization: Bearer ${boss.token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      body,
    );
    expect(sentAll).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(await s.em().count(Building, { name: { $like: 'Slow body%' } })).toBe(0);
  }, 60_000);

  it('closes an idle kept-alive connection', async () => {
    const socket = net.connect(Number(new URL(s.url).port), '127.0.0.1');
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await closed; // the server closes it; with no keep-alive timeout it would stay open
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    // The configured 300 ms, announced in whole seconds (Node's default would say 5).
    expect(answer).toMatch(/keep-alive: timeout=0\r\n/i);
  }, 30_000);

  it('leaves WebSocket connections open well past the request timeout', async () => {
    const machine = await new Factory(s).machine();
    const socket = connectSocket(s.url, boss.token);
    try {
      const events = socket.subscribe<{ machineStatusChanged: { eventId: string } }>(
        'subscription { machineStatusChanged { eventId } }',
      );
      await new Promise((r) => setTimeout(r, 2000)); // > 3 request timeouts
      const raised = await s.gql(
        'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }',
        { input: { machineId: machine.id, message: 'Still listening?' } },
        { token: boss.token },
      );
      expect(raised.errors).toBeUndefined();
      expect(await events.waitFor(1)).toHaveLength(1);
      expect(events.errors).toEqual([]);
    } finally {
      await socket.dispose();
    }
  }, 30_000);
});
