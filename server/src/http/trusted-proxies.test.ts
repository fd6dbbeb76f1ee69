import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { openDatabase, type Database } from '../db/database.js';
import { Role } from '../modules/users/user.role.js';
import { createServer, type ShopfloorServer } from '../server.js';
import { Factory, TEST_PASSWORD } from '../testing/factories.js';
import { postGraphql, testConfig, type TestServer } from '../testing/harness.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { resolveClientAddress } from './client-address.js';

/**
 * TRUSTED_PROXIES names the proxies whose X-Forwarded-* headers count. The whole 127/8 is
 * this host's loopback, so a client bound to 127.0.0.2 stands for "the web container" and
 * one on 127.0.0.1 for "anyone else" without a second machine.
 */

const PROXY = '127.0.0.2';
const STRANGER = '127.0.0.1';

let testDatabase: TestDatabase;
let database: Database;
let server: ShopfloorServer;
let factory: Factory;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: testDatabase.url, TRUSTED_PROXIES: PROXY });
  const logger = createLogger(config);
  database = await openDatabase(config, logger);
  // Two requests per address, then (practically) none: whose address counted shows at once.
  server = await createServer(config, {
    database,
    logger,
    rest: { rateLimit: { burst: 2, perSecond: 0.01 } },
  });
  const t = {
    server,
    url: server.url,
    config,
    database,
    realPostgres: testDatabase.real,
    em: () => database.orm.em.fork(),
    gql: (query, variables, opts) => postGraphql(server.url, query, variables, opts),
    close: async () => undefined,
  } as TestServer;
  factory = new Factory(t);
});
afterAll(async () => {
  await server.close();
  await database.close();
  await testDatabase.drop();
});

interface Answer {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  body: string;
}

/** One request sent from `from` (a local address), with these headers. */
function send(
  from: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, localAddress: from, method, path, headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const anonymousRest = (from: string, forwardedFor: string) =>
  send(from, 'GET', '/api/machines/', { 'x-forwarded-for': forwardedFor });

async function refreshCookie(from: string, forwardedProto: string): Promise<string[]> {
  const { user } = await factory.user(Role.TECHNICIAN);
  const answer = await send(
    from,
    'POST',
    '/graphql',
    {
      'content-type': 'application/json',
      'x-forwarded-proto': forwardedProto,
      'x-forwarded-host': 'shopfloor.plant',
      // A fresh address per sign-in keeps the login throttle out of the way.
      'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
    },
    JSON.stringify({
      query: `mutation ($email: String!, $password: String!) {
        login(email: $email, password: $password, deliverRefreshToken: COOKIE) { accessToken } }`,
      variables: { email: user.email, password: TEST_PASSWORD },
    }),
  );
  expect(answer.status).toBe(200);
  const cookie = (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('sf_refresh='));
  expect(cookie).toBeDefined();
  return cookie!.split(';').map((a) => a.trim().toLowerCase());
}

describe('X-Forwarded-For from a trusted proxy', () => {
  it('names the client: each forwarded address has its own rate limit', async () => {
    expect((await anonymousRest(PROXY, '203.0.113.1')).status).toBe(401);
    expect((await anonymousRest(PROXY, '203.0.113.1')).status).toBe(401);
    expect((await anonymousRest(PROXY, '203.0.113.1')).status).toBe(429);
    // Another browser behind the same proxy is another client.
    expect((await anonymousRest(PROXY, '203.0.113.2')).status).toBe(401);
  });

  it('is ignored from any other address: the socket is the client, whatever it claims', async () => {
    expect((await anonymousRest(STRANGER, '203.0.113.50')).status).toBe(401);
    expect((await anonymousRest(STRANGER, '203.0.113.51')).status).toBe(401);
    // A new claimed address does not buy a new allowance.
    expect((await anonymousRest(STRANGER, '203.0.113.52')).status).toBe(429);
  });
});

describe('X-Forwarded-Proto and the refresh cookie', () => {
  it('marks the cookie Secure when the trusted proxy says the browser came over HTTPS', async () => {
    expect(await refreshCookie(PROXY, 'https')).toContain('secure');
  });

  it('does not believe "https" from an untrusted address', async () => {
    const attributes = await refreshCookie(STRANGER, 'https');
    expect(attributes).not.toContain('secure');
    expect(attributes).toContain('httponly');
  });
});

describe('the WebSocket upgrade reads the client the same way', () => {
  const trustOnly =
    (...trusted: string[]) =>
    (address: string) =>
      trusted.includes(address);
  const upgrade = (socketAddress: string, forwardedFor?: string) =>
    ({
      socket: { remoteAddress: socketAddress },
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    }) as unknown as import('node:http').IncomingMessage;

  it('takes the nearest untrusted hop', () => {
    expect(resolveClientAddress(upgrade('10.89.0.5', '203.0.113.9'), trustOnly('10.89.0.5'))).toBe(
      '203.0.113.9',
    );
    // A client that forged a first hop is still named by the hop our proxy saw.
    expect(
      resolveClientAddress(upgrade('10.89.0.5', '1.2.3.4, 203.0.113.9'), trustOnly('10.89.0.5')),
    ).toBe('203.0.113.9');
  });

  it('ignores the header from an untrusted peer', () => {
    expect(resolveClientAddress(upgrade('192.0.2.7', '203.0.113.9'), trustOnly('10.89.0.5'))).toBe(
      '192.0.2.7',
    );
  });
});

describe('TRUSTED_PROXIES', () => {
  const problems = (value: string) => {
    try {
      loadConfig({ NODE_ENV: 'test', TRUSTED_PROXIES: value });
      return [];
    } catch (error) {
      return (error as { problems: string[] }).problems;
    }
  };

  it('defaults to loopback, the web server on the same host', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).trustedProxies).toEqual(['loopback']);
  });

  it('takes addresses, CIDR ranges and express names', () => {
    expect(
      loadConfig({ NODE_ENV: 'test', TRUSTED_PROXIES: '10.89.0.0/16, fd00::/8,uniquelocal,::1' })
        .trustedProxies,
    ).toEqual(['10.89.0.0/16', 'fd00::/8', 'uniquelocal', '::1']);
  });

  it('refuses what is not an address or range', () => {
    for (const bad of ['web', '10.0.0.0/33', '10.0.0.1/8/1', '*', 'fd00::/129']) {
      expect(problems(bad).join(), bad).toMatch(/TRUSTED_PROXIES/);
    }
  });
});
