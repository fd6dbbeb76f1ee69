import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { Role } from '../users/user.role.js';

let t: TestServer;
let f: Factory;
let manager: TestUser;

const DEACTIVATE = 'mutation ($id: ID!) { deactivateUser(id: $id) { user { id } } }';
const RAISE = 'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }';
const ASSIGN =
  'mutation ($id: ID!, $ids: [ID!]!) { assignTechnicians(machineId: $id, technicianIds: $ids) { id } }';

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  manager = await f.user(Role.MANAGER);
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function deadlockCount(): Promise<number> {
  const [row] = await t
    .em()
    .execute<{ n: string }[]>(
      'select deadlocks as n from pg_stat_database where datname = current_database()',
    );
  return Number(row!.n);
}

/** Waits until some session of this database waits for a lock (the write under test). */
async function someoneWaitsForALock(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = await t.em().execute<{ n: string }[]>(
      `select count(*) as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (Number(row!.n) > 0) return;
    await sleep(50);
  }
  throw new Error('nobody started waiting for a lock');
}

describe('taking a leaving technician off their machines', () => {
  it('locks all their machines before appending any event, so the rest of the plant never waits', async ({
    skip,
  }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: a second connection holding a row lock');
    const tech = await f.user(Role.TECHNICIAN);
    const machines = [
      await f.machine({ technicians: [tech.user] }),
      await f.machine({ technicians: [tech.user] }),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    // A write in flight elsewhere holds the second machine.
    const other = new pg.Client({ connectionString: t.config.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select 1 from machines where id = $1 for update', [machines[1]!.id]);
      const deactivation = t.gql(DEACTIVATE, { id: tech.user.id }, { token: manager.token });
      await someoneWaitsForALock();
      // While the deactivation waits, the write holding the machine can still finish (no lock
      // is shared by event writers any more: events/event-horizon.ts), so nothing deadlocks.
      await other.query('commit');
      expectData(await deactivation);
    } finally {
      await other.end();
    }
    const [left] = await t
      .em()
      .execute<{ n: string }[]>('select count(*) as n from machine_technicians where user_id = ?', [
        tech.user.id,
      ]);
    expect(Number(left!.n)).toBe(0);
  });

  it('races assignments and the technician’s own writes without deadlock, leaving nothing assigned', async ({
    skip,
  }) => {
    if (!t.realPostgres)
      skip('needs real PostgreSQL: concurrent transactions and their statistics');
    const before = await deadlockCount();
    for (let round = 0; round < 15; round++) {
      const tech = await f.user(Role.TECHNICIAN);
      const machines = [
        await f.machine({ technicians: [tech.user] }),
        await f.machine({ technicians: [tech.user] }),
      ];
      const results = await Promise.all([
        ...machines.map((m) =>
          t.gql(ASSIGN, { id: m.id, ids: [tech.user.id] }, { token: manager.token }),
        ),
        ...machines.map((m) =>
          t.gql(RAISE, { input: { machineId: m.id, message: 'w' } }, { token: tech.token }),
        ),
        t.gql(DEACTIVATE, { id: tech.user.id }, { token: manager.token }),
      ]);
      // An assignment may lose the race (the person is no longer a technician); nothing fails
      // otherwise, and nobody stays on a machine.
      for (const result of results) {
        expect(['ok', 'BAD_USER_INPUT', 'UNAUTHENTICATED']).toContain(errorCode(result) ?? 'ok');
      }
      const [left] = await t
        .em()
        .execute<{ n: string }[]>(
          'select count(*) as n from machine_technicians where user_id = ?',
          [tech.user.id],
        );
      expect(Number(left!.n)).toBe(0);
    }
    await sleep(1200); // the statistics collector reports with a delay
    expect((await deadlockCount()) - before).toBe(0);
  }, 60_000);
});
