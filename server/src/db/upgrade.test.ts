import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServerOnce } from '../testing/build.js';
import { graphqlOver, PROCESS_MANAGER, signInManager } from '../testing/process-client.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';
import { createEmptyTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { MIGRATIONS } from './migrations/index.js';
import { buildOrmOptions } from './orm.config.js';

/**
 * Upgrades as deployed: the compiled server migrates at start, replicas one at a time (an
 * advisory lock), and a database left by the previous release is migrated and served.
 */

beforeAll(() => buildServerOnce(), 120_000);

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createEmptyTestDatabase();
  cleanup.push(() => db.drop());
  return db;
}

async function start(db: TestDatabase): Promise<ServerProcess> {
  const server = await startServerProcess({ DATABASE_URL: db.url, ...PROCESS_MANAGER });
  cleanup.push(() => server.stop());
  return server;
}

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'select name from schema_migrations order by id',
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe.skipIf(process.env.SHOPFLOOR_TEST_BACKEND === 'embedded')('upgrades', () => {
  it('two servers starting at once on a fresh database migrate it once, one after the other', async () => {
    const db = await emptyDatabase();
    const [a, b] = await Promise.all([start(db), start(db)]);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    expect(await appliedMigrations(db.url)).toEqual(MIGRATIONS.map((m) => m.name));
    // Both serve the one initial manager (created once, not twice).
    const token = await signInManager(b.url);
    const users = await graphqlOver<{ users: { totalCount: number } }>(
      a.url,
      '{ users { totalCount } }',
      {},
      token,
    );
    expect(users.data?.users.totalCount).toBe(1);
  }, 120_000);

  it("migrates the previous release's database at start and serves its data", async () => {
    const db = await emptyDatabase();
    const previous = MIGRATIONS[MIGRATIONS.length - 2]!.name;
    const orm = await MikroORM.init(buildOrmOptions({ clientUrl: db.url, poolMax: 2 }));
    try {
      await orm.migrator.up({ to: previous });
      await orm.em.execute(
        `insert into buildings (id, name) values ('00000000-0000-4000-8000-000000000001', 'Old hall')`,
      );
      await orm.em.execute(
        `insert into machines (id, name, building_id, importance, asset_code, status)
         values ('00000000-0000-4000-8000-000000000002', 'Old press',
                 '00000000-0000-4000-8000-000000000001', 3, 'OLD-1', 'OK')`,
      );
    } finally {
      await orm.close(true);
    }
    expect(await appliedMigrations(db.url)).toEqual(MIGRATIONS.slice(0, -1).map((m) => m.name));

    const server = await start(db);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await appliedMigrations(db.url)).toEqual(MIGRATIONS.map((m) => m.name));
    const token = await signInManager(server.url);
    const answer = await graphqlOver<{
      machines: { nodes: { name: string; status: string; building: { name: string } }[] };
    }>(server.url, '{ machines { nodes { name status building { name } } } }', {}, token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.machines.nodes).toEqual([
      { name: 'Old press', status: 'OK', building: { name: 'Old hall' } },
    ]);
  }, 120_000);
});
