import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger.js';
import { openDatabase, type Database } from '../db/database.js';
import { createServer, type ShopfloorServer } from '../server.js';
import { Factory, type TestUser } from '../testing/factories.js';
import { postGraphql, testConfig, type TestServer } from '../testing/harness.js';
import { createApiClient, rest, type ErrorBody } from '../testing/rest-client.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { Role } from '../modules/users/user.role.js';
import { RateLimiter } from './rate-limit.js';

// A server of its own with a tiny limit: 3 at once, then one every 2 s.
let testDatabase: TestDatabase;
let database: Database;
let server: ShopfloorServer;
let t: TestServer;
let manager: TestUser;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: testDatabase.url });
  const logger = createLogger(config);
  database = await openDatabase(config, logger);
  server = await createServer(config, {
    database,
    logger,
    rest: { rateLimit: { burst: 3, perSecond: 0.5 } },
  });
  t = {
    server,
    url: server.url,
    config,
    database,
    realPostgres: testDatabase.real,
    em: () => database.orm.em.fork(),
    gql: (query, variables, opts) => postGraphql(server.url, query, variables, opts),
    close: async () => undefined,
  };
  manager = await new Factory(t).user(Role.MANAGER);
});
afterAll(async () => {
  await server.close();
  await database.close();
  await testDatabase.drop();
});

describe('REST rate limit', () => {
  it('answers 429 with Retry-After once a client has used its burst; other clients are unaffected', async () => {
    const a = await createApiClient(t, manager.token, ['MACHINES_READ']);
    const b = await createApiClient(t, manager.token, ['MACHINES_READ']);
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 4; i++) {
      const res = await rest<ErrorBody>(t, 'GET', '/api/machines/', { token: a.token });
      statuses.push(res.status);
      limited = res;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(limited!.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await rest(t, 'GET', '/api/machines/', { token: b.token })).status).toBe(200);
    // GraphQL over /graphql is not counted by the REST limiter.
    expect((await t.gql('{ buildings { id } }', {}, { token: a.token })).status).toBe(200);
  });
});

describe('RateLimiter', () => {
  it('refills at the configured rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, () => now);
    expect([limiter.take('k').ok, limiter.take('k').ok, limiter.take('k').ok]).toEqual([
      true,
      true,
      false,
    ]);
    const denied = limiter.take('k');
    expect(denied.ok ? 0 : denied.retryAfterSeconds).toBe(1);
    now = 1000;
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k').ok).toBe(false);
    expect(new RateLimiter({ burst: 0, perSecond: 0 }).take('k').ok).toBe(true);
  });
});
