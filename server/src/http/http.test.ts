import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const { status } = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.token}` },
      body: JSON.stringify({
        query: MUTATION('too-big'),
        variables: { pad: 'x'.repeat(300 * 1024) },
      }),
    });
    expect(status).toBe(413);
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
    expect(Object.keys(body.errors?.[0]?.extensions ?? {})).toEqual(['code']);
    expect(text).not.toMatch(/select|from "|relation|buildings_elsewhere|stack|\.ts:|\.js:|at /i);

    const requestId = res.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
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
