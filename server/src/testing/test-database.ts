import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { buildOrmOptions } from '../db/orm.config.js';
import { MIGRATIONS } from '../db/migrations/index.js';

/**
 * Tests run on the real PostgreSQL at TEST_DATABASE_URL (default: the local server). Each
 * test file gets its own database cloned from a migrated template. Where no server answers,
 * tests fall back to an in-memory embedded PostgreSQL per file, unless
 * SHOPFLOOR_REQUIRE_POSTGRES=1 (CI) makes that an error.
 */
export const TEST_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Template name tied to the migration list, so a new migration yields a new template. */
export const TEMPLATE_DB = `shopfloor_tpl_${MIGRATIONS.map((m) => m.name.slice(-14))
  .join('')
  .slice(-40)}`;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function realPostgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (once per migration set) the migrated template database. */
export async function ensureTemplate(): Promise<void> {
  const exists = await admin(
    async (c) =>
      (await c.query('select 1 from pg_database where datname = $1', [TEMPLATE_DB])).rowCount === 1,
  );
  if (exists) return;
  const building = `${TEMPLATE_DB}_building_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`create database "${building}"`));
  const orm = await MikroORM.init(
    buildOrmOptions({ clientUrl: withDatabase(TEST_ADMIN_URL, building), poolMax: 2 }),
  );
  try {
    await orm.migrator.up();
  } finally {
    await orm.close(true);
  }
  await admin(async (c) => {
    try {
      await c.query(`alter database "${building}" rename to "${TEMPLATE_DB}"`);
    } catch {
      // Another run made the template meanwhile; ours is not needed.
      await c.query(`drop database if exists "${building}"`);
    }
  });
}

export interface TestDatabase {
  url: string;
  /** A real PostgreSQL server (several connections, LISTEN/NOTIFY) rather than embedded. */
  real: boolean;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.SHOPFLOOR_TEST_BACKEND === 'embedded') {
    const embedded = await startEmbeddedPostgres(undefined);
    const orm = await MikroORM.init(buildOrmOptions({ clientUrl: embedded.url, poolMax: 2 }));
    await orm.migrator.up();
    await orm.close(true);
    return { url: embedded.url, real: false, drop: () => embedded.close() };
  }
  const name = `shopfloor_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}" template "${TEMPLATE_DB}"`));
  return {
    url: withDatabase(TEST_ADMIN_URL, name),
    real: true,
    drop: () =>
      admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

/** A database with nothing in it (no migrations): what a first start or an old release sees. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const name = `shopfloor_e_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}"`));
  return {
    url: withDatabase(TEST_ADMIN_URL, name),
    real: true,
    drop: () =>
      admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
