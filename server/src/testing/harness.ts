import type { EntityManager } from '@mikro-orm/postgresql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { openDatabase, type Database } from '../db/database.js';
import { createServer, type CreateServerOptions, type ShopfloorServer } from '../server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors:
    | {
        message: string;
        path?: string[];
        extensions?: { code?: string; details?: unknown; requestId?: string };
      }[]
    | undefined;
  headers: Headers;
}

export interface TestServer {
  server: ShopfloorServer;
  url: string;
  config: Config;
  database: Database;
  /** A fresh EntityManager fork for arranging and asserting data directly. */
  em(): EntityManager;
  /** True on a real PostgreSQL server; false on the embedded fallback. */
  realPostgres: boolean;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  });
}

/** A real server on a free port over this test file's own fresh database. */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    testDatabase?: TestDatabase;
    /** Sees every SQL statement the server runs (for statement-count tests). */
    onQuery?: (sql: string) => void;
    /** Photos: another store, fault-injection hooks. */
    attachments?: CreateServerOptions['attachments'];
  } = {},
): Promise<TestServer> {
  const testDatabase = options.testDatabase ?? (await createTestDatabase());
  // Each server keeps its photos in a scratch folder of its own, removed with it.
  const storageDir = mkdtempSync(join(tmpdir(), 'shopfloor-uploads-'));
  const config = testConfig({
    DATABASE_URL: testDatabase.url,
    STORAGE_DIR: storageDir,
    ...options.env,
  });
  const logger = createLogger(config);
  const database = await openDatabase(config, logger, { onQuery: options.onQuery });
  const server = await createServer(config, { database, logger, attachments: options.attachments });
  return {
    server,
    url: server.url,
    config,
    database,
    realPostgres: testDatabase.real,
    em: () => database.orm.em.fork(),
    gql: (query, variables, opts) => postGraphql(server.url, query, variables, opts),
    async close() {
      await server.close();
      await database.close();
      rmSync(storageDir, { recursive: true, force: true });
      if (!options.testDatabase) await testDatabase.drop();
    },
  };
}

export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GqlResult['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

/** The code of the first error, or undefined when the operation succeeded. */
export function errorCode(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** Fails with the server's errors in the message, so a broken test says why. */
export function expectData<T>(result: GqlResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
