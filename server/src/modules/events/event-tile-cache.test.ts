import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { connectSocket, type Collected, type SocketClient } from '../../testing/ws-client.js';
import { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { Severity } from '../faults/fault-case.enums.js';
import { Machine } from '../machines/machine.entity.js';
import { MachineStatus } from '../machines/machine.status.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';

/**
 * A live event's machine tile is read once per event, whatever the number of subscribers
 * delivering it (wall screens of a hall), while each subscriber's read rules still apply.
 */

/** BoardMachine (web board.graphql.ts), plus a guarded field of the case. */
const TILE = `{
  id name assetCode location importance status statusSince archived
  building { id name }
  technicians(first: 5) { id name }
  activeWarnings(first: 5) { id code message repeatCount lastSeenAt }
  openFaultCase { id severity status openedAt assignee { id name } description }
}`;
/** The wall display's document (web DisplayEvents). */
const DISPLAY_EVENTS = `subscription ($buildingIds: [ID!]) {
  machineEvents(buildingIds: $buildingIds) { id type at machine ${TILE} }
}`;

interface Tile {
  id: string;
  name: string;
  status: string;
  building: { id: string; name: string };
  technicians: { id: string }[];
  activeWarnings: { code: string | null }[];
  openFaultCase: { id: string; assignee: { id: string } | null; description: string | null };
}
interface Delivery {
  machineEvents: { id: string; type: string; machine: Tile };
}
interface SocketError {
  path?: (string | number)[];
  extensions?: { code?: string };
}

let t: TestServer;
let f: Factory;
let manager: TestUser;
let technician: TestUser;
let assignee: TestUser;
let outsider: TestUser;
let hall: Building;
let otherHall: Building;
let machine: Machine;
let statements: string[] = [];
const sockets: SocketClient[] = [];

beforeAll(async () => {
  // The uncached read path, as in machine-board.test.ts: every statement is counted.
  t = await startTestServer({
    env: { BOARD_CACHE: 'off' },
    onQuery: (sql) => statements.push(sql),
  });
  f = new Factory(t);
  manager = await f.user(Role.MANAGER);
  technician = await f.user(Role.TECHNICIAN);
  assignee = await f.user(Role.REPAIR);
  outsider = await f.user(Role.REPAIR);
  hall = await f.building();
  otherHall = await f.building();
  const em = t.em();
  machine = em.create(Machine, {
    name: 'Press 1',
    building: em.getReference(Building, hall.id),
    importance: 3,
    assetCode: `TS-${hall.id.slice(0, 8)}`,
    status: MachineStatus.FAULT,
  });
  machine.technicians.add(em.getReference(User, technician.user.id));
  em.create(Warning, { machine, message: 'too hot', code: 'TEMP_HIGH' });
  em.create(FaultCase, {
    machine,
    description: 'hydraulic leak',
    severity: Severity.HIGH,
    assignee: em.getReference(User, assignee.user.id),
    version: 1,
  });
  await em.flush();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t.close();
});

async function displayToken(building: Building): Promise<string> {
  return expectData(
    await t.gql<{ createDisplayLink: { token: string } }>(
      'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }',
      { input: { name: 'wall', buildingIds: [building.id] } },
      { token: manager.token },
    ),
  ).createDisplayLink.token;
}

/** A subscriber whose subscription is registered (it has heard a first event). */
interface Viewer {
  name: string;
  token: string;
  events: Collected<Delivery>;
}

function subscribe(name: string, token: string, buildingIds: string[] | null): Viewer {
  const socket = connectSocket(t.url, token);
  sockets.push(socket);
  return { name, token, events: socket.subscribe<Delivery>(DISPLAY_EVENTS, { buildingIds }) };
}

/** An edit of the machine: an event whose tile shows what it changed (the name). */
async function rename(machineId: string, name: string): Promise<void> {
  expectData(
    await t.gql(
      'mutation ($id: ID!, $name: String) { updateMachine(id: $id, input: { name: $name }) { id } }',
      { id: machineId, name },
      { token: manager.token },
    ),
  );
}

let renames = 0;

/** Waits on the viewer's deliveries (in event order) until one shows `name`. */
async function untilHeard(viewer: Viewer, name: string, timeoutMs?: number): Promise<void> {
  const { events } = viewer;
  while (!events.items.some((d) => d.machineEvents.machine.name === name)) {
    await events.waitFor(events.items.length + 1, timeoutMs);
  }
}

/**
 * Renames the machine until every viewer has heard a rename (subscribing is asynchronous on
 * the server), then once more, heard by all: every delivery before it has finished.
 */
async function untilAllListen(viewers: Viewer[], machineId = machine.id): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const name = `Press ${++renames}`;
    await rename(machineId, name);
    const heard = await Promise.all(
      viewers.map((v) =>
        untilHeard(v, name, 2_000).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (heard.every(Boolean)) break;
    if (attempt > 20) throw new Error('subscribers never registered');
  }
  const name = `Press ${++renames}`;
  await rename(machineId, name);
  await Promise.all(viewers.map((v) => untilHeard(v, name)));
}

/**
 * What a tile's delivery reads (machine, building, technicians, warnings, cases). The users of
 * the assignees are left out, and so is a write's own work: other statements may run meanwhile
 * on a loaded host (a credential or socket revalidation reads users and links), and are not
 * the subject here.
 */
const TILE_TABLES = /\b(machines|buildings|machine_technicians|warnings|fault_cases)\b/;

/** One event on the hall's machine, heard by every viewer: the tile statements it cost. */
async function oneEvent(viewers: Viewer[]): Promise<number> {
  const name = `Press ${++renames}`;
  statements = [];
  await rename(machine.id, name);
  await Promise.all(viewers.map((v) => untilHeard(v, name)));
  const write = statements.indexOf('commit');
  const count = statements.slice(write + 1).filter((sql) => TILE_TABLES.test(sql)).length;
  for (const viewer of viewers) {
    expect({
      viewer: viewer.name,
      name: viewer.events.items.at(-1)!.machineEvents.machine.name,
    }).toEqual({ viewer: viewer.name, name });
  }
  return count;
}

describe('machineEvents: one read of the tile per event, rules per subscriber', () => {
  it('costs the same statements for 2 wall screens as for 6, each getting its right tile', async () => {
    const staff = [
      subscribe('manager', manager.token, null),
      subscribe('assignee', assignee.token, null),
      subscribe('outsider', outsider.token, null),
    ];
    const twoDisplays = [
      subscribe('display 1', await displayToken(hall), [hall.id]),
      subscribe('display 2', await displayToken(hall), [hall.id]),
    ];
    await untilAllListen([...staff, ...twoDisplays]);
    const withTwo = await oneEvent([...staff, ...twoDisplays]);

    const fourMore = await Promise.all(
      [3, 4, 5, 6].map(async (n) => subscribe(`display ${n}`, await displayToken(hall), [hall.id])),
    );
    const all = [...staff, ...twoDisplays, ...fourMore];
    await untilAllListen(all);
    const withSix = await oneEvent(all);
    expect(withSix).toBe(withTwo);
    expect(withTwo).toBe(1); // the shared read

    // Every subscriber's tile is the machine as it is, read through its own rules.
    for (const viewer of all) {
      const tile = viewer.events.items.at(-1)!.machineEvents.machine;
      expect(tile.id).toBe(machine.id);
      expect(tile.building).toEqual({ id: hall.id, name: hall.name });
      expect(tile.technicians.map((u) => u.id)).toEqual([technician.user.id]);
      expect(tile.activeWarnings.map((w) => w.code)).toEqual(['TEMP_HIGH']);
      expect(tile.openFaultCase.assignee).toEqual(
        expect.objectContaining({ id: assignee.user.id }),
      );
      // The same tile, and the same refusals, as this viewer reads it by query.
      const queried = await t.gql<{ machine: Tile }>(
        `query ($id: ID!) { machine(id: $id) ${TILE} }`,
        { id: machine.id },
        { token: viewer.token },
      );
      expect({ viewer: viewer.name, tile }).toEqual({
        viewer: viewer.name,
        tile: queried.data!.machine,
      });
      const deniedLive = (viewer.events.errors as SocketError[])
        .filter((e) => e.path?.at(-1) === 'description')
        .map((e) => e.extensions?.code);
      const deniedQueried = ((queried.errors ?? []) as SocketError[]).map((e) => [
        e.path?.at(-1),
        e.extensions?.code,
      ]);
      if (deniedQueried.length > 0) {
        expect(deniedQueried).toEqual([['description', 'FORBIDDEN']]);
        expect(deniedLive).toEqual(viewer.events.items.map(() => 'FORBIDDEN'));
      } else {
        expect(deniedLive).toEqual([]);
      }
      if (viewer.name === 'outsider') {
        // A repair worker not on the case still does not read its detail, event after event.
        expect(tile.openFaultCase.description).toBeNull();
        expect(deniedLive.length).toBeGreaterThan(0);
      }
      if (viewer.name === 'manager' || viewer.name === 'assignee') {
        expect(tile.openFaultCase.description).toBe('hydraulic leak');
      }
    }
  });

  it('replays an older event with the tile as it is now, not as it was first read', async () => {
    const live = subscribe('live', manager.token, null);
    await untilAllListen([live]);
    const since = live.events.items.at(-1)!.machineEvents.id;
    const first = `Press ${++renames}`;
    await rename(machine.id, first);
    await untilHeard(live, first); // its tile read and shared while it was the newest
    const now = `Press ${++renames}`;
    await rename(machine.id, now);
    await untilHeard(live, now);

    const socket = connectSocket(t.url, manager.token);
    sockets.push(socket);
    const replay = socket.subscribe<Delivery>(
      `subscription ($since: ID) { machineEvents(since: $since) { id type at machine ${TILE} } }`,
      { since },
    );
    const [older, newer] = await replay.waitFor(2);
    // Read per subscriber, as the query reads it: the newest name on both.
    expect(older!.machineEvents.machine.name).toBe(now);
    expect(newer!.machineEvents.machine.name).toBe(now);
    expect(replay.errors).toEqual([]);
  });

  it("gives a display of another building nothing of this hall's events", async () => {
    const em = t.em();
    const otherMachine = em.create(Machine, {
      name: 'Lathe 9',
      building: em.getReference(Building, otherHall.id),
      importance: 2,
      assetCode: `TS-${otherHall.id.slice(0, 8)}`,
      status: MachineStatus.OK,
    });
    await em.flush();
    const elsewhere = subscribe('other hall', await displayToken(otherHall), null);
    const here = subscribe('this hall', await displayToken(hall), null);
    await untilAllListen([elsewhere], otherMachine.id);
    await untilAllListen([here]);
    // An event of this hall (its tile shared), then one of the other hall, delivered in order.
    await oneEvent([here]);
    const name = `Lathe ${++renames}`;
    await rename(otherMachine.id, name);
    await untilHeard(elsewhere, name);
    expect(elsewhere.events.errors).toEqual([]);
    expect(new Set(elsewhere.events.items.map((d) => d.machineEvents.machine.building.id))).toEqual(
      new Set([otherHall.id]),
    );
  });
});
