import type { MikroORM } from '@mikro-orm/postgresql';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestOrm, type TestOrm } from '../testing/test-orm.js';
import { MIGRATIONS } from './migrations/index.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

let testOrm: TestOrm;
let orm: MikroORM;

beforeAll(async () => {
  // A database with every migration applied (the harness clones a migrated template).
  testOrm = await openTestOrm(2);
  orm = testOrm.orm;
});
afterAll(() => testOrm.close());

describe('migrations', () => {
  it('leave nothing pending on a migrated database', async () => {
    expect(await orm.migrator.getPending()).toEqual([]);
    const executed = (await orm.migrator.getExecuted()).map((m) => m.name);
    expect(executed).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('produce exactly the schema the entities describe (an entity change needs a migration)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(
      diff.trim(),
      'entities and migrated schema differ: run `npm run migration:create -w server`',
    ).toBe('');
  });

  it('keep the snapshot the next migration is diffed from in step with the entities', async () => {
    expect(
      await orm.migrator.checkSchema(),
      'entities differ from .snapshot.json: create a migration',
    ).toBe(false);
  });

  it('roll the idempotency-state change back and forth with keys in every state', async () => {
    const before = 'Migration20261125034431';
    await orm.migrator.down({ to: before });
    const em = orm.em.fork();
    for (const state of ['IN_PROGRESS', 'COMMITTED', 'COMPLETED']) {
      await em.execute(
        `insert into idempotency_keys (id, principal_kind, principal_id, key, fingerprint, state,
           claim_token, created_at, claimed_at, expires_at)
         values (gen_random_uuid(), 'user', gen_random_uuid(), ?, 'f', ?, gen_random_uuid(),
                 now(), now(), now() + interval '1 day')`,
        [`migration-${state}`, state],
      );
    }
    await orm.migrator.up();
    const states = await em.execute<{ state: string }[]>(
      `select state from idempotency_keys where key like 'migration-%' order by state`,
    );
    // IN_PROGRESS keys never committed a write: they are dropped so a retry can run.
    expect(states.map((r) => r.state)).toEqual(['COMMITTED', 'COMPLETED']);
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });

  it('number building names that differed only in case before they became unique', async () => {
    await orm.migrator.down({ to: 'Migration20261125060920' });
    const em = orm.em.fork();
    await em.execute(
      `insert into buildings (id, name, created_at) values
         (gen_random_uuid(), 'Hall Q', now() - interval '2 days'),
         (gen_random_uuid(), 'hall q', now() - interval '1 day'),
         (gen_random_uuid(), 'HALL Q', now())`,
    );
    await orm.migrator.up();
    const names = await em.execute<{ name: string }[]>(
      `select name from buildings where lower(name) like 'hall q%' order by created_at`,
    );
    expect(names.map((r) => r.name)).toEqual(['Hall Q', 'hall q (2)', 'HALL Q (3)']);
  });

  it('are all listed in migrations/index.ts', async () => {
    const files = (await readdir(MIGRATIONS_DIR))
      .filter((f) => /^Migration\d{14}.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.name).sort()).toEqual([...files].sort());
    // Listed in file (timestamp) order, since that is the order they run in.
    expect(MIGRATIONS.map((m) => m.name)).toEqual([...files].sort());
    const index = await readFile(`${MIGRATIONS_DIR}index.ts`, 'utf8');
    for (const name of files) expect(index).toContain(`'./${name}.js'`);
  });
});
