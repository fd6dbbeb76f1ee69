import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from '../testing/factories.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { Building } from '../modules/buildings/building.entity.js';
import { Role } from '../modules/users/user.role.js';
import { inTransaction } from './transaction.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('inTransaction', () => {
  it('retries a serialization failure raised by PostgreSQL, and commits once', async ({ skip }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: two concurrent serializable transactions');
    const building = await new Factory(t).building('Serial Hall');
    let attempts = 0;
    // Two serializable transactions read the same row and both write it: PostgreSQL aborts one
    // with SQLSTATE 40001. The wrapper must retry that one and both updates must land.
    const bump = (suffix: string) =>
      inTransaction(t.em(), async (tx) => {
        attempts++;
        await tx.execute('set transaction isolation level serializable');
        const [row] = await tx.execute<{ name: string }[]>(
          'select name from buildings where id = ?',
          [building.id],
        );
        await new Promise((r) => setTimeout(r, 50));
        await tx.execute('update buildings set name = ? where id = ?', [
          `${row!.name}${suffix}`,
          building.id,
        ]);
      });
    await Promise.all([bump('+a'), bump('+b')]);
    const stored = await t.em().findOneOrFail(Building, building.id);
    expect(stored.name.length).toBe('Serial Hall+a+b'.length);
    expect(attempts).toBeGreaterThan(2);
  });

  it('rolls back and does not retry other errors', async () => {
    let attempts = 0;
    await expect(
      inTransaction(t.em(), async (tx) => {
        attempts++;
        tx.create(Building, { name: 'Rolled Back Hall' });
        await tx.flush();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(attempts).toBe(1);
    expect(await t.em().count(Building, { name: 'Rolled Back Hall' })).toBe(0);
  });
});

describe('one EntityManager per operation', () => {
  it('never serves a stale row from another request’s identity map', async () => {
    const manager = await new Factory(t).user(Role.MANAGER);
    const building = await new Factory(t).building('Fresh Hall');
    const read = async () =>
      (
        await t.gql<{ buildings: { id: string; name: string }[] }>(
          '{ buildings { id name } }',
          {},
          { token: manager.token },
        )
      ).data!.buildings.find((b) => b.id === building.id)!.name;
    expect(await read()).toBe('Fresh Hall');
    await t
      .em()
      .getConnection()
      .execute('update buildings set name = ? where id = ?', ['Renamed Hall', building.id]);
    expect(await read()).toBe('Renamed Hall');
  });
});
