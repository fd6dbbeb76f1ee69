import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Machine } from '../modules/machines/machine.entity.js';
import { Factory, type TestUser } from '../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { connectSocket, type Collected } from '../testing/ws-client.js';
import { createTestDatabase } from '../testing/test-database.js';
import { startServerProcess } from '../testing/server-process.js';
import { Role } from '../modules/users/user.role.js';

// Event ids are handed out at INSERT and commit in any order (no plant-wide lock): these tests
// hold the readers to "every event once, in id order, none skipped" while writers overlap.

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

const RAISE = `mutation ($machineId: ID!) {
  raiseWarning(input: { machineId: $machineId, message: "Temperature high", code: "HOT" }) { id }
}`;
const CLEAR =
  'mutation ($machineId: ID!) { clearWarning(machineId: $machineId, code: "HOT") { id } }';
const EVENTS_SUB = `subscription ($since: ID, $machineIds: [ID!]) {
  machineEvents(since: $since, machineIds: $machineIds) { id }
}`;
interface EventItem {
  machineEvents: { id: string };
}

async function storedIds(
  machines: readonly Machine[],
  after: number,
  server: TestServer = t,
): Promise<number[]> {
  const rows = await server
    .em()
    .execute<{ id: string }[]>(
      `select e.id::text as id from machine_events e where machine_id in (${machines.map(() => '?').join(', ')}) and e.id > ? order by e.id`,
      [...machines.map((m) => m.id), after],
    );
  return rows.map((r) => Number(r.id));
}

async function newestId(server: TestServer = t): Promise<number> {
  const [row] = await server
    .em()
    .execute<{ max: string | null }[]>('select max(id)::text as max from machine_events');
  return Number(row?.max ?? 0);
}

const idsOf = (sub: Collected<EventItem>) => sub.items.map((i) => Number(i.machineEvents.id));

async function machines(count: number, factory: Factory = f): Promise<Machine[]> {
  const list: Machine[] = [];
  for (let i = 0; i < count; i++) list.push(await factory.machine());
  return list;
}

/** A raw transaction that locks a machine row and takes an event id, then stays open. */
async function openSlowWriter(
  machine: Machine,
  server: TestServer = t,
): Promise<{ client: pg.Client; eventId: number }> {
  const client = new pg.Client({ connectionString: server.config.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from machines where id = $1 for update', [machine.id]);
  const { rows } = await client.query<{ id: string }>(
    `insert into machine_events (machine_id, building_id, type, at, data)
     values ($1, $2, 'MACHINE_UPDATED', now(), '{}') returning id::text as id`,
    [machine.id, machine.building.id],
  );
  return { client, eventId: Number(rows[0]!.id) };
}

describe('event order without a plant-wide lock', () => {
  it('many machines written in parallel: live subscribers and replays see every event once, in order', async () => {
    const fleet = await machines(12);
    const machineIds = fleet.map((m) => m.id);
    const before = await newestId();
    const socket = connectSocket(t.url, team.manager.token);
    const fromBefore = socket.subscribe<EventItem>(EVENTS_SUB, {
      since: String(before),
      machineIds,
    });
    let joinedMidway: { since: number; sub: Collected<EventItem> } | undefined;
    await Promise.all(
      fleet.map(async (machine, n) => {
        for (let i = 0; i < 6; i++) {
          expectData(
            await t.gql(
              i % 2 === 0 ? RAISE : CLEAR,
              { machineId: machine.id },
              {
                token: team.technician.token,
              },
            ),
          );
          // One subscriber joins while the others are still writing (the replay/live seam).
          if (n === 0 && i === 2) {
            const since = await newestId();
            joinedMidway = {
              since,
              sub: socket.subscribe<EventItem>(EVENTS_SUB, { since: String(since), machineIds }),
            };
          }
        }
      }),
    );
    const stored = await storedIds(fleet, before);
    // Each write raises or clears (two events each: the warning and the status change).
    expect(stored).toHaveLength(12 * 6 * 2);
    expect(idsOf(fromBefore).length).toBeLessThanOrEqual(stored.length);
    await fromBefore.waitFor(stored.length, 30_000);
    expect(idsOf(fromBefore)).toEqual(stored);
    const midway = joinedMidway!;
    const afterMidway = stored.filter((id) => id > midway.since);
    await midway.sub.waitFor(afterMidway.length, 30_000);
    expect(idsOf(midway.sub)).toEqual(afterMidway);

    // Replays once all is written: from the start of this test and from the middle.
    const middle = stored[stored.length / 2]!;
    const replayAll = socket.subscribe<EventItem>(EVENTS_SUB, {
      since: String(before),
      machineIds,
    });
    const replayHalf = socket.subscribe<EventItem>(EVENTS_SUB, {
      since: String(middle),
      machineIds,
    });
    await replayAll.waitFor(stored.length, 30_000);
    await replayHalf.waitFor(stored.length / 2 - 1, 30_000);
    expect(idsOf(replayAll)).toEqual(stored);
    expect(idsOf(replayHalf)).toEqual(stored.filter((id) => id > middle));
    for (const sub of [fromBefore, midway.sub, replayAll, replayHalf]) {
      expect(sub.errors).toEqual([]);
    }
    await socket.dispose();
  }, 90_000);

  it('a writer held open: later commits are not delivered past it, then all arrive once, in order', async () => {
    const fleet = await machines(4);
    const [slowMachine, ...others] = fleet as [Machine, ...Machine[]];
    const machineIds = fleet.map((m) => m.id);
    const before = await newestId();
    const socket = connectSocket(t.url, team.manager.token);
    const live = socket.subscribe<EventItem>(EVENTS_SUB, { since: String(before), machineIds });
    const slow = await openSlowWriter(slowMachine);
    try {
      // Writers do not wait for each other: these commit while the slow one holds a smaller id.
      for (const machine of others) {
        expectData(await t.gql(RAISE, { machineId: machine.id }, { token: team.technician.token }));
      }
      const later = (await storedIds(others, before)).filter((id) => id > slow.eventId);
      expect(later).toHaveLength(others.length * 2);
      // Whatever has been delivered by now lies below the open transaction's id: delivering a
      // later one would move subscribers' cursors past an event that is still to commit.
      expect(idsOf(live).every((id) => id < slow.eventId)).toBe(true);
      await slow.client.query('commit');
    } finally {
      await slow.client.end();
    }
    const stored = await storedIds(fleet, before);
    expect(stored).toContain(slow.eventId);
    await live.waitFor(stored.length, 30_000);
    expect(idsOf(live)).toEqual(stored);
    const replay = socket.subscribe<EventItem>(EVENTS_SUB, { since: String(before), machineIds });
    await replay.waitFor(stored.length, 30_000);
    expect(idsOf(replay)).toEqual(stored);
    await socket.dispose();
  }, 60_000);

  it('a writer held open and then rolled back: its id is skipped, the rest arrive once, in order', async () => {
    const fleet = await machines(3);
    const [slowMachine, ...others] = fleet as [Machine, ...Machine[]];
    const machineIds = fleet.map((m) => m.id);
    const before = await newestId();
    const socket = connectSocket(t.url, team.manager.token);
    const live = socket.subscribe<EventItem>(EVENTS_SUB, { since: String(before), machineIds });
    const slow = await openSlowWriter(slowMachine);
    try {
      for (const machine of others) {
        expectData(await t.gql(RAISE, { machineId: machine.id }, { token: team.technician.token }));
      }
      expect(idsOf(live).every((id) => id < slow.eventId)).toBe(true);
      await slow.client.query('rollback');
    } finally {
      await slow.client.end();
    }
    const stored = await storedIds(fleet, before);
    expect(stored).not.toContain(slow.eventId);
    expect(stored).toHaveLength(others.length * 2);
    await live.waitFor(stored.length, 30_000);
    expect(idsOf(live)).toEqual(stored);
    await socket.dispose();
  }, 60_000);

  it('two replicas (EVENT_BUS=postgres): writes through both while one is held open; subscribers on both see every event once, in order', async ({
    skip,
  }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: LISTEN/NOTIFY across connections');
    const db = await createTestDatabase();
    const a = await startTestServer({ testDatabase: db, env: { EVENT_BUS: 'postgres' } });
    const b = await startServerProcess({ DATABASE_URL: db.url, EVENT_BUS: 'postgres' });
    try {
      const fa = new Factory(a);
      const tech = await fa.user(Role.TECHNICIAN);
      const fleet = await machines(7, fa);
      const [slowMachine, ...others] = fleet as [Machine, ...Machine[]];
      const machineIds = fleet.map((m) => m.id);
      const before = await newestId(a);
      const onA = connectSocket(a.url, tech.token);
      const onB = connectSocket(b.url, tech.token);
      const subA = onA.subscribe<EventItem>(EVENTS_SUB, { since: String(before), machineIds });
      const subB = onB.subscribe<EventItem>(EVENTS_SUB, { since: String(before), machineIds });
      const slow = await openSlowWriter(slowMachine, a);
      try {
        await Promise.all(
          others.map(async (machine, n) => {
            for (let i = 0; i < 4; i++) {
              const replica = (n + i) % 2 === 0 ? a.url : b.url;
              const res = await fetch(`${replica}/graphql`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${tech.token}`,
                },
                body: JSON.stringify({
                  query: i % 2 === 0 ? RAISE : CLEAR,
                  variables: { machineId: machine.id },
                }),
              });
              expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
            }
          }),
        );
        for (const sub of [subA, subB]) {
          expect(idsOf(sub).every((id) => id < slow.eventId)).toBe(true);
        }
        await slow.client.query('commit');
      } finally {
        await slow.client.end();
      }
      const stored = await storedIds(fleet, before, a);
      expect(stored).toHaveLength(others.length * 4 * 2 + 1);
      for (const sub of [subA, subB]) {
        await sub.waitFor(stored.length, 30_000);
        expect(idsOf(sub)).toEqual(stored);
        expect(sub.errors).toEqual([]);
      }
      await onA.dispose();
      await onB.dispose();
    } finally {
      await a.close();
      expect(await b.stop()).toBe(0);
      await db.drop();
    }
  }, 90_000);
});
