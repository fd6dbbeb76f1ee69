import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Factory, type TestUser } from '../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { connectSocket } from '../testing/ws-client.js';
import { AppError } from '../common/app-error.js';
import { writeMachine } from '../modules/machines/machine-writer.js';
import { MachineEvent } from '../modules/events/machine-event.entity.js';
import { MachineEventType } from '../modules/events/machine-event.type.js';
import type { Machine } from '../modules/machines/machine.entity.js';
import { eventStream } from './event-stream.js';
import { Warning } from '../modules/warnings/warning.entity.js';
import { User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.role.js';
import { createTestDatabase } from '../testing/test-database.js';
import { startServerProcess } from '../testing/server-process.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

const RAISE = `mutation ($machineId: ID!, $code: String) {
  raiseWarning(input: { machineId: $machineId, message: "Temperature high", code: $code }) { id }
}`;
const CLEAR =
  'mutation ($machineId: ID!, $code: String) { clearWarning(machineId: $machineId, code: $code) { id } }';
const STATUS_SUB = `subscription ($buildingIds: [ID!], $machineIds: [ID!]) {
  machineStatusChanged(buildingIds: $buildingIds, machineIds: $machineIds) { eventId machineId buildingId status previousStatus }
}`;
const EVENTS_SUB = `subscription ($since: ID, $buildingIds: [ID!], $machineIds: [ID!]) {
  machineEvents(since: $since, buildingIds: $buildingIds, machineIds: $machineIds) { id type fromStatus toStatus }
}`;

interface StatusChange {
  machineStatusChanged: {
    eventId: string;
    machineId: string;
    status: string;
    previousStatus: string;
  };
}
interface EventItem {
  machineEvents: { id: string; type: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Appends `count` history rows for the machine straight into the log; returns the id before them. */
async function insertHistory(machine: Machine, count: number): Promise<number> {
  const em = t.em();
  return em.transactional(async (tx) => {
    // Written behind the bus's back: replays find these rows through the table's horizon.
    const [latest] = await tx.execute<{ max: string | null }[]>(
      'select max(id)::text as max from machine_events',
    );
    await tx.execute(
      `insert into machine_events (machine_id, building_id, type, at, data)
       select ?, ?, 'MACHINE_UPDATED', now(), jsonb_build_object('n', n)
         from generate_series(1, ?) as n order by n`,
      [machine.id, machine.building.id, count],
    );
    return Number(latest?.max ?? 0);
  });
}

/** Waits until the subscriber is registered on the server (subscribe is asynchronous). */
async function settle(): Promise<void> {
  await sleep(150);
}

describe('subscriptions over graphql-ws', () => {
  it('delivers a status change made over HTTP, filtered by building and machine', async () => {
    const hallA = await f.building();
    const hallB = await f.building();
    const press = await f.machine({ building: hallA });
    const other = await f.machine({ building: hallA });
    const socket = connectSocket(t.url, team.technician.token);
    const byBuilding = socket.subscribe<StatusChange>(STATUS_SUB, { buildingIds: [hallA.id] });
    const otherBuilding = socket.subscribe<StatusChange>(STATUS_SUB, { buildingIds: [hallB.id] });
    const byMachine = socket.subscribe<StatusChange>(STATUS_SUB, { machineIds: [other.id] });
    await settle();

    expectData(
      await t.gql(
        RAISE,
        { machineId: press.id, code: 'TEMP_HIGH' },
        { token: team.technician.token },
      ),
    );
    const [change] = await byBuilding.waitFor(1);
    expect(change!.machineStatusChanged).toMatchObject({
      machineId: press.id,
      status: 'WARNING',
      previousStatus: 'OK',
    });

    expectData(
      await t.gql(
        RAISE,
        { machineId: other.id, code: 'VIBRATION' },
        { token: team.technician.token },
      ),
    );
    const [otherChange] = await byMachine.waitFor(1);
    expect(otherChange!.machineStatusChanged.machineId).toBe(other.id);
    await byBuilding.waitFor(2);
    await sleep(200);
    expect(otherBuilding.items).toHaveLength(0);
    expect(byMachine.items).toHaveLength(1);
    await socket.dispose();
  });

  it('serves one board to many screens: members come and go, the rest keep receiving', async () => {
    const machine = await f.machine();
    const other = await f.user(Role.TECHNICIAN);
    const first = connectSocket(t.url, team.technician.token);
    const second = connectSocket(t.url, other.token);
    const a = first.subscribe<StatusChange>(STATUS_SUB, { machineIds: [machine.id] });
    const b = second.subscribe<StatusChange>(STATUS_SUB, { machineIds: [machine.id] });
    await settle();
    expectData(
      await t.gql(RAISE, { machineId: machine.id, code: 'ONE' }, { token: team.technician.token }),
    );
    expect((await a.waitFor(1))[0]!.machineStatusChanged.status).toBe('WARNING');
    expect((await b.waitFor(1))[0]!.machineStatusChanged.status).toBe('WARNING');

    // The member whose subscription started the shared stream leaves; the other stays served,
    // and a screen joining now gets only what happens from now on.
    a.stop();
    await first.dispose();
    const late = second.subscribe<StatusChange>(STATUS_SUB, { machineIds: [machine.id] });
    await settle();
    expectData(
      await t.gql(CLEAR, { machineId: machine.id, code: 'ONE' }, { token: team.technician.token }),
    );
    expect((await b.waitFor(2))[1]!.machineStatusChanged.status).toBe('OK');
    const [lateChange] = await late.waitFor(1);
    expect(lateChange!.machineStatusChanged.status).toBe('OK');
    await sleep(200);
    expect(late.items).toHaveLength(1);
    expect(b.items).toHaveLength(2);
    await second.dispose();
  });

  it("gives a repair worker the board fields of someone else's case live, and its detail only to the assignee", async () => {
    const machine = await f.machine();
    const otherRepair = await f.user(Role.REPAIR);
    const CASE_EVENTS = `subscription ($machineIds: [ID!]) {
      machineEvents(machineIds: $machineIds) {
        id type data faultCase { id severity status assignee { id } description }
      }
    }`;
    interface CaseEvent {
      machineEvents: {
        id: string;
        type: string;
        data: Record<string, unknown>;
        faultCase: {
          id: string;
          severity: string;
          status: string;
          assignee: { id: string } | null;
          description: string | null;
        } | null;
      };
    }
    const mine = connectSocket(t.url, team.repair.token);
    const theirs = connectSocket(t.url, otherRepair.token);
    const mySub = mine.subscribe<CaseEvent>(CASE_EVENTS, { machineIds: [machine.id] });
    const theirSub = theirs.subscribe<CaseEvent>(CASE_EVENTS, { machineIds: [machine.id] });
    await settle();
    const opened = expectData(
      await t.gql<{ openFaultCase: { id: string } }>(
        'mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Leak at the seal", severity: HIGH }) { id } }',
        { m: machine.id },
        { token: team.technician.token },
      ),
    ).openFaultCase;
    const opening = await t
      .em()
      .find(MachineEvent, { machine: machine.id }, { orderBy: { id: 'asc' } });
    // Delivered once the case is assigned, so the assignee's view is deterministic.
    await theirSub.waitFor(opening.length);
    expectData(
      await t.gql(
        'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
        { id: opened.id, a: team.repair.user.id },
        { token: team.manager.token },
      ),
    );
    const all = await t
      .em()
      .find(MachineEvent, { machine: machine.id }, { orderBy: { id: 'asc' } });
    expect(all.map((e) => e.type)).toEqual(
      expect.arrayContaining(['STATUS_CHANGED', 'FAULT_OPENED', 'FAULT_ASSIGNED']),
    );

    // Theirs: every event of the case, with its board fields (severity, owner) and no detail.
    const seen = (await theirSub.waitFor(all.length)).map((i) => i.machineEvents);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => String(e.id)));
    const theirOpened = seen.find((e) => e.type === 'FAULT_OPENED')!;
    expect(theirOpened.data).toEqual({ severity: 'HIGH' });
    expect(theirOpened.faultCase).toMatchObject({
      id: opened.id,
      severity: 'HIGH',
      description: null,
    });
    const theirAssigned = seen.find((e) => e.type === 'FAULT_ASSIGNED')!;
    expect(theirAssigned.data).toMatchObject({ assigneeId: team.repair.user.id });
    expect(theirAssigned.faultCase).toMatchObject({
      assignee: { id: team.repair.user.id },
      description: null,
    });
    expect(theirSub.errors.length).toBeGreaterThan(0);
    expect(
      theirSub.errors.every(
        (e) => (e as { extensions?: { code?: string } }).extensions?.code === 'FORBIDDEN',
      ),
    ).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('Leak');

    // Mine: the same events; once the case is mine, its detail too.
    const myEvents = (await mySub.waitFor(all.length)).map((i) => i.machineEvents);
    expect(myEvents.map((e) => e.id)).toEqual(all.map((e) => String(e.id)));
    const myAssigned = myEvents.find((e) => e.type === 'FAULT_ASSIGNED')!;
    expect(myAssigned.faultCase).toMatchObject({ description: 'Leak at the seal' });
    await sleep(300);
    expect(theirSub.items).toHaveLength(all.length);
    await mine.dispose();
    await theirs.dispose();
  });

  it('replays every event after `since` exactly once, in order, while 200 more are committed', async () => {
    const machines = await Promise.all([f.machine(), f.machine(), f.machine(), f.machine()]);
    const scope = machines.map((m) => m.id);
    const em = t.em();
    const before = await em.count(MachineEvent, {});
    // Some history to replay first.
    for (const m of machines) {
      expectData(
        await t.gql(RAISE, { machineId: m.id, code: 'PRE' }, { token: team.technician.token }),
      );
    }
    const [first] = await t
      .em()
      .find(MachineEvent, { machine: { $in: scope } }, { orderBy: { id: 'asc' }, limit: 1 });
    const since = first!.id; // replay from after the first of them

    // Eight concurrent writers, 100 raise/clear pairs in all: more than 200 events committed
    // while the subscriber joins and replays.
    const writer = Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = lane; i < 100; i += 8) {
          const m = machines[i % machines.length]!;
          const code = `C${i}`;
          expectData(
            await t.gql(RAISE, { machineId: m.id, code }, { token: team.technician.token }),
          );
          expectData(
            await t.gql(CLEAR, { machineId: m.id, code }, { token: team.technician.token }),
          );
        }
      }),
    );
    await sleep(30); // the subscriber joins while writes are already committing
    const socket = connectSocket(t.url, team.manager.token);
    const sub = socket.subscribe<EventItem>(EVENTS_SUB, {
      since: String(since),
      machineIds: scope,
    });
    await writer;

    const expected = (
      await t
        .em()
        .find(
          MachineEvent,
          { machine: { $in: scope }, id: { $gt: since } },
          { orderBy: { id: 'asc' } },
        )
    ).map((e) => String(e.id));
    expect(expected.length).toBeGreaterThanOrEqual(200);
    const got = await sub.waitFor(expected.length, 20_000);
    await sleep(200);
    const ids = sub.items.map((i) => i.machineEvents.id);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(got.length).toBe(expected.length);
    expect(before).toBeGreaterThanOrEqual(0);
    await socket.dispose();
  });

  it('replays a history longer than the slow-subscriber limit page by page, then goes live', async () => {
    const machine = await f.machine();
    const since = await insertHistory(machine, 12_000);
    const socket = connectSocket(t.url, team.manager.token);
    const sub = socket.subscribe<EventItem>(EVENTS_SUB, {
      since: String(since),
      machineIds: [machine.id],
    });
    await sub.waitFor(12_000, 60_000);
    expectData(
      await t.gql(RAISE, { machineId: machine.id, code: 'LIVE' }, { token: team.technician.token }),
    );
    await sub.waitFor(12_002, 10_000);
    const ids = sub.items.map((i) => Number(i.machineEvents.id));
    expect(ids).toHaveLength(12_002);
    expect(ids.every((id, i) => id > (i === 0 ? since : ids[i - 1]!))).toBe(true);
    expect(sub.items.slice(-2).map((i) => i.machineEvents.type)).toEqual([
      MachineEventType.WARNING_RAISED,
      MachineEventType.STATUS_CHANGED,
    ]);
    expect(sub.errors).toEqual([]);
    await socket.dispose();
  });

  it('holds one replay page at a time, so live events during a long replay do not overflow it', async () => {
    const machine = await f.machine();
    const since = await insertHistory(machine, 12_000);
    const stream = eventStream({
      sequencer: t.server.sequencer,
      em: () => t.em(),
      since,
      scope: { machineIds: [machine.id] },
      allow: () => true,
    });
    const history = await t
      .em()
      .find(MachineEvent, { machine: machine.id }, { orderBy: { id: 'asc' }, fields: ['id'] });
    const ids = [(await stream.next()).value!.id];
    // Live events arrive while 11,999 replayed events are still to be taken.
    expectData(
      await t.gql(RAISE, { machineId: machine.id, code: 'LIVE' }, { token: team.technician.token }),
    );
    await sleep(200);
    while (ids.length < 12_002) ids.push((await stream.next()).value!.id);
    await stream.return!();
    expect(ids.every((id, i) => id > (i === 0 ? since : ids[i - 1]!))).toBe(true);
    expect(ids.slice(0, history.length)).toEqual(history.map((e) => e.id));
  });

  it('a live subscriber that falls 10,000 events behind catches up from the log, each event once', async () => {
    const machine = await f.machine();
    const stream = eventStream({
      sequencer: t.server.sequencer,
      em: () => t.em(),
      scope: { machineIds: [machine.id] },
      allow: () => true,
    });
    expectData(
      await t.gql(
        RAISE,
        { machineId: machine.id, code: 'FIRST' },
        { token: team.technician.token },
      ),
    );
    const ids = [(await stream.next()).value!.id];
    // 12,000 events reach it live in one catch-up (written behind the bus's back, then a
    // signal) while it takes none: more than a subscriber may hold.
    await insertHistory(machine, 12_000);
    expectData(
      await t.gql(RAISE, { machineId: machine.id, code: 'LAST' }, { token: team.technician.token }),
    );
    await sleep(200);
    const stored = await t
      .em()
      .find(MachineEvent, { machine: machine.id }, { orderBy: { id: 'asc' }, fields: ['id'] });
    while (ids.length < stored.length) {
      const next = await stream.next();
      expect(next.done).toBe(false);
      ids.push(next.value!.id);
    }
    await stream.return!();
    expect(ids).toEqual(stored.map((e) => e.id));
  });

  it('stops reading the history as soon as the subscriber leaves mid-replay', async () => {
    const machine = await f.machine();
    const since = await insertHistory(machine, 6_000);
    let reads = 0;
    const stream = eventStream({
      sequencer: t.server.sequencer,
      em: () => {
        reads++;
        return t.em();
      },
      since,
      scope: { machineIds: [machine.id] },
      allow: () => false, // e.g. a repair worker: none of these rows are theirs
    });
    const pending = stream.next();
    await stream.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    await sleep(300);
    expect(reads).toBeLessThanOrEqual(2); // 12 pages of 500 if it read on
  });

  it('answers a malformed scope with BAD_USER_INPUT and leaves no listener behind', async () => {
    const before = t.server.sequencer.listenerCount;
    const socket = connectSocket(t.url, team.manager.token);
    const sub = socket.subscribe(EVENTS_SUB, { since: '0', machineIds: ['nope'] });
    await sub.done;
    expect(JSON.stringify(sub.errors)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(sub.errors)).not.toMatch(/uuid|syntax/i);
    await socket.dispose();
    await sleep(100);
    // Earlier tests' sockets may still be closing: the count must not have grown.
    expect(t.server.sequencer.listenerCount).toBeLessThanOrEqual(before);
  });

  it('publishes nothing for a rolled-back change', async () => {
    const machine = await f.machine();
    const seen: number[] = [];
    const stop = t.server.sequencer.listen((e) => seen.push(e.id));
    const socket = connectSocket(t.url, team.manager.token);
    const sub = socket.subscribe<EventItem>(EVENTS_SUB, { machineIds: [machine.id] });
    await settle();
    const actor = {
      kind: 'user' as const,
      id: team.manager.user.id,
      role: Role.MANAGER,
      name: 'M',
    };
    await expect(
      writeMachine(
        { em: t.em(), bus: t.server.bus },
        actor,
        machine.id,
        async ({ tx, machine: m, log }) => {
          tx.create(Warning, { machine: m, message: 'never committed', code: 'ROLLBACK' });
          log.record({ type: MachineEventType.WARNING_RAISED });
          await tx.flush();
          throw AppError.badInput('abort after writing');
        },
      ),
    ).rejects.toThrow('abort after writing');
    await sleep(300);
    expect(seen).toEqual([]);
    expect(sub.items).toEqual([]);
    expect(await t.em().count(Warning, { code: 'ROLLBACK' })).toBe(0);
    expect(await t.em().count(MachineEvent, { machine: machine.id })).toBe(0);
    stop();
    await socket.dispose();
  });
});

describe('socket authorization and limits', () => {
  it('closes with 4403 for a missing or bad token', async () => {
    for (const token of [
      undefined,
      'not-a-jwt',
      f.tokenFor({ id: team.manager.user.id, role: Role.MANAGER, tokenVersion: 99 }),
    ]) {
      const socket = connectSocket(t.url, token);
      expect((await socket.closed).code).toBe(4403);
      await socket.dispose();
    }
  });

  it('closes with 4408 when no connection_init arrives in time', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4408);
  }, 15_000);

  it('closes the socket when its access token expires', async () => {
    const token = f.tokenFor(team.technician.user, 2);
    const socket = connectSocket(t.url, token);
    socket.subscribe(STATUS_SUB, {});
    const started = Date.now();
    const { code } = await socket.closed;
    expect(code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 10_000);

  it('closes the socket within seconds of the user being deactivated', async () => {
    const worker = await f.user(Role.TECHNICIAN);
    const socket = connectSocket(t.url, worker.token);
    socket.subscribe(STATUS_SUB, {});
    await settle();
    const em = t.em();
    const user = await em.findOneOrFail(User, worker.user.id);
    user.active = false;
    user.tokenVersion++;
    await em.flush();
    const started = Date.now();
    expect((await socket.closed).code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(4000);
  }, 10_000);

  it('applies the HTTP document limits to subscriptions', async () => {
    const socket = connectSocket(t.url, team.manager.token);
    const aliases = Array.from(
      { length: 16 },
      (_, i) => `a${i}: machineStatusChanged { eventId }`,
    ).join(' ');
    const tooManyAliases = socket.subscribe(`subscription { ${aliases} }`);
    await tooManyAliases.done;
    expect(JSON.stringify(tooManyAliases.errors)).toMatch(/alias/i);
    const deep = socket.subscribe(
      'subscription { machineEvents { machine { building { id } technicians { id } openFaultCase { machine { openFaultCase { machine { openFaultCase { machine { id } } } } } } } } }',
    );
    await deep.done;
    expect(JSON.stringify(deep.errors)).toMatch(/depth/i);
    await socket.dispose();
  });

  it('refuses an upgrade from an origin that is not allowed, and oversized messages', async () => {
    const refused = new WebSocket(
      `${t.url.replace('http', 'ws')}/graphql`,
      'graphql-transport-ws',
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    const status = await new Promise<number | undefined>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      refused.on('error', () => resolve(undefined));
    });
    expect(status).toBe(403);

    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((r) => ws.on('open', r));
    ws.send('x'.repeat(70 * 1024));
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(1009);
  });

  it('rejects introspection over the socket in production', async () => {
    const prod = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      const manager = await new Factory(prod).user(Role.MANAGER);
      const socket = connectSocket(prod.url, manager.token);
      const sub = socket.subscribe('subscription { __schema { types { name } } }');
      await sub.done;
      expect(JSON.stringify(sub.errors)).toMatch(/introspection/i);
      await socket.dispose();
    } finally {
      await prod.close();
    }
  });
});

describe('socket caps', () => {
  it('caps sockets per user (4429) and subscriptions per socket', async () => {
    const capped = await startTestServer({ env: { WS_MAX_SOCKETS_PER_PRINCIPAL: '2' } });
    try {
      const worker = await new Factory(capped).user(Role.TECHNICIAN);
      const first = connectSocket(capped.url, worker.token);
      const second = connectSocket(capped.url, worker.token);
      first.subscribe(STATUS_SUB, {});
      second.subscribe(STATUS_SUB, {});
      await settle();
      const third = connectSocket(capped.url, worker.token);
      expect((await third.closed).code).toBe(4429);

      const subs = Array.from({ length: 21 }, () => first.subscribe(STATUS_SUB, {}));
      await settle();
      const refused = subs.filter((s) => s.errors.length > 0);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(refused[0]!.errors)).toMatch(/Too many subscriptions/);
      await first.dispose();
      await second.dispose();
    } finally {
      await capped.close();
    }
  });
});

describe('faultCaseChanged', () => {
  const CASE_SUB =
    'subscription ($onlyMine: Boolean) { faultCaseChanged(onlyMine: $onlyMine) { id status assignee { id } } }';
  const OPEN =
    'mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Belt torn", severity: MEDIUM }) { id } }';
  const ASSIGN = 'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }';
  interface CaseItem {
    faultCaseChanged: { id: string; status: string; assignee: { id: string } | null };
  }

  it('tells a manager of every case change and a repair worker only of their own cases', async () => {
    const machine = await f.machine();
    // A repair worker of this test alone: the shared one's cases from earlier tests may still
    // be on their way to them, and would count here.
    const repair = await f.user(Role.REPAIR);
    const otherRepair = await f.user(Role.REPAIR);
    const managerSocket = connectSocket(t.url, team.manager.token);
    const repairSocket = connectSocket(t.url, repair.token);
    const otherSocket = connectSocket(t.url, otherRepair.token);
    const all = managerSocket.subscribe<CaseItem>(CASE_SUB, {});
    const mine = repairSocket.subscribe<CaseItem>(CASE_SUB, { onlyMine: false });
    const other = otherSocket.subscribe<CaseItem>(CASE_SUB, {});
    await settle();
    const opened = expectData(
      await t.gql<{ openFaultCase: { id: string } }>(
        OPEN,
        { m: machine.id },
        { token: team.technician.token },
      ),
    );
    const id = opened.openFaultCase.id;
    expectData(await t.gql(ASSIGN, { id, a: repair.user.id }, { token: team.manager.token }));
    const managerSaw = await all.waitFor(2);
    expect(managerSaw.map((i) => i.faultCaseChanged.id)).toEqual([id, id]);
    const [assigned] = await mine.waitFor(1);
    expect(assigned!.faultCaseChanged).toMatchObject({ id, assignee: { id: repair.user.id } });
    await sleep(300);
    // The opening may reach them too, if it is delivered after the assignment committed (events
    // wait for writers still running: events/event-horizon.ts): then it is the case as it is
    // now, theirs. What they must never get is a case that is not theirs.
    expect(mine.items.length).toBeLessThanOrEqual(2);
    for (const item of mine.items) {
      expect(item.faultCaseChanged).toMatchObject({ id, assignee: { id: repair.user.id } });
    }
    expect(other.items).toHaveLength(0);
    for (const s of [managerSocket, repairSocket, otherSocket]) await s.dispose();
  });

  it('tells a repair worker once that their case went to someone else, then nothing more of it', async () => {
    const machine = await f.machine();
    const otherRepair = await f.user(Role.REPAIR);
    const opened = expectData(
      await t.gql<{ openFaultCase: { id: string } }>(
        OPEN,
        { m: machine.id },
        { token: team.technician.token },
      ),
    );
    const id = opened.openFaultCase.id;
    expectData(await t.gql(ASSIGN, { id, a: team.repair.user.id }, { token: team.manager.token }));

    const repairSocket = connectSocket(t.url, team.repair.token);
    const otherSocket = connectSocket(t.url, otherRepair.token);
    const mine = repairSocket.subscribe<CaseItem>(CASE_SUB, {});
    // A list that also asks for the case's detail: the taken case still arrives, with its
    // board fields, and the detail it may no longer read is withheld.
    const detailed = repairSocket.subscribe<{
      faultCaseChanged: { id: string; description: string | null; assignee: { id: string } };
    }>('subscription { faultCaseChanged { id description assignee { id } } }');
    const theirs = otherSocket.subscribe<CaseItem>(CASE_SUB, {});
    await settle();

    expectData(await t.gql(ASSIGN, { id, a: otherRepair.user.id }, { token: team.manager.token }));
    const [taken] = await mine.waitFor(1);
    expect(taken!.faultCaseChanged).toMatchObject({ id, assignee: { id: otherRepair.user.id } });
    const [given] = await theirs.waitFor(1);
    expect(given!.faultCaseChanged).toMatchObject({ id, assignee: { id: otherRepair.user.id } });
    const [withheld] = await detailed.waitFor(1);
    expect(withheld!.faultCaseChanged).toMatchObject({ id, description: null });
    expect(
      (detailed.errors as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code),
    ).toEqual(['FORBIDDEN']);

    // From now on the case's changes reach its new owner only.
    expectData(
      await t.gql(
        'mutation ($id: ID!) { acknowledgeFaultCase(id: $id) { id } }',
        { id },
        {
          token: otherRepair.token,
        },
      ),
    );
    await theirs.waitFor(2);
    await sleep(300);
    expect(mine.items).toHaveLength(1);
    expect(detailed.items).toHaveLength(1);
    for (const s of [repairSocket, otherSocket]) await s.dispose();
  });

  it('refuses API tokens', async () => {
    const created = expectData(
      await t.gql<{ createApiClient: { token: string } }>(
        'mutation { createApiClient(input: { name: "gw", scopes: [MACHINES_READ] }) { token } }',
        {},
        { token: team.manager.token },
      ),
    );
    const socket = connectSocket(t.url, created.createApiClient.token);
    const sub = socket.subscribe(CASE_SUB, {});
    await sub.done;
    expect(JSON.stringify(sub.errors)).toMatch(/FORBIDDEN|cannot follow/);
    await socket.dispose();
  });
});

describe('several replicas on one database', () => {
  it('delivers a change made through server A to a subscriber on server B, another process (EVENT_BUS=postgres)', async ({
    skip,
  }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: LISTEN/NOTIFY across connections');
    const db = await createTestDatabase();
    const a = await startTestServer({ testDatabase: db, env: { EVENT_BUS: 'postgres' } });
    const b = await startServerProcess({ DATABASE_URL: db.url, EVENT_BUS: 'postgres' });
    try {
      const fa = new Factory(a);
      const tech = await fa.user(Role.TECHNICIAN);
      const machine = await fa.machine();
      const socket = connectSocket(b.url, tech.token);
      const byMachine = socket.subscribe<StatusChange>(STATUS_SUB, { machineIds: [machine.id] });
      const events = socket.subscribe<EventItem>(EVENTS_SUB, { machineIds: [machine.id] });
      await settle();
      expectData(await a.gql(RAISE, { machineId: machine.id, code: 'X' }, { token: tech.token }));
      const [change] = await byMachine.waitFor(1);
      expect(change!.machineStatusChanged).toMatchObject({
        machineId: machine.id,
        status: 'WARNING',
      });
      const stored = await a
        .em()
        .find(MachineEvent, { machine: machine.id }, { orderBy: { id: 'asc' } });
      const got = await events.waitFor(stored.length);
      expect(got.map((e) => e.machineEvents.id)).toEqual(stored.map((e) => String(e.id)));
      await socket.dispose();
    } finally {
      await a.close();
      expect(await b.stop()).toBe(0);
      await db.drop();
    }
  }, 60_000);
});
