import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { connectSocket } from '../../testing/ws-client.js';
import { readSnapshot } from '../../events/snapshot.js';
import { Machine } from '../machines/machine.entity.js';
import { MachineEvent } from './machine-event.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Subscribing is asynchronous on the server: give it time to register. */
const settle = () => sleep(150);

function gql<T = Record<string, unknown>>(
  who: { token: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return t.gql<T>(query, variables, { token: who.token });
}

async function apiToken(scopes: string[], buildingIds?: string[]): Promise<{ token: string }> {
  const res = await gql<{ createApiClient: { token: string } }>(
    team.manager,
    'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }',
    { input: { name: `sensor ${randomUUID().slice(0, 6)}`, scopes, buildingIds } },
  );
  return { token: expectData(res).createApiClient.token };
}

async function headId(): Promise<number> {
  const [row] = await t
    .em()
    .getConnection()
    .execute<{ max: string | null }[]>('select max(id)::text as max from machine_events');
  return Number(row?.max ?? 0);
}

/** Every field of MachineEvent, with the nested objects' fields too. */
const FULL = `id type at fromStatus toStatus data
  machine { id name status statusSince building { id name } }
  actor { kind id name }
  faultCase { id description severity status assignee { id } reportedBy { kind id name } }
  warning { id message code active raisedAt lastSeenAt repeatCount clearedAt
            raisedBy { kind id name } clearedBy { kind id name } }`;
/** The same, without what later events change (a live delivery is read at its own time). */
const STABLE = `id type at fromStatus toStatus data
  machine { id name building { id name } }
  actor { kind id name }
  faultCase { id description reportedBy { kind id name } }
  warning { id message code raisedAt raisedBy { kind id name } }`;

type Node = { id: string } & Record<string, unknown>;

async function queryLog(who: TestUser, machineId: string, selection: string): Promise<Node[]> {
  const res = await gql<{ machineEvents: { nodes: Node[] } }>(
    who,
    `query ($filter: MachineEventFilter) { machineEvents(filter: $filter, first: 20) { nodes { ${selection} } } }`,
    { filter: { machineIds: [machineId] } },
  );
  return expectData(res).machineEvents.nodes.reverse();
}

const subscription = (selection: string) =>
  `subscription ($since: ID, $machineIds: [ID!]) { machineEvents(since: $since, machineIds: $machineIds) { ${selection} } }`;

describe('machineEvents: the subscription and the query give the same answer', () => {
  it.each(['manager', 'repair'] as const)(
    'delivers every field of every event as the query reads it (%s), live and replayed',
    async (who) => {
      const viewer = team[who];
      const machine = await f.machine();
      const sensor = await apiToken(['WARNINGS_WRITE']);
      const since = await headId();
      const socket = connectSocket(t.url, viewer.token);
      const live = socket.subscribe<{ machineEvents: Node }>(subscription(STABLE), {
        machineIds: [machine.id],
      });
      await settle();

      // Warnings raised and cleared by an API client and by a user, a case through its life.
      const warning = expectData(
        await gql<{ raiseWarning: { id: string } }>(
          sensor,
          'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "Oil hot", code: "TEMP_HIGH" }) { id } }',
          { m: machine.id },
        ),
      ).raiseWarning;
      expectData(
        await gql(
          team.technician,
          'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "Belt squeals" }) { id } }',
          { m: machine.id },
        ),
      );
      const fault = expectData(
        await gql<{ openFaultCase: { id: string } }>(
          team.technician,
          'mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Leak", severity: HIGH }) { id } }',
          { m: machine.id },
        ),
      ).openFaultCase;
      // The opening is delivered before the case is anyone's: a repair worker's board gets its
      // board fields then, its detail only once the case is theirs (compared below).
      await live.waitFor(await t.em().count(MachineEvent, { machine: machine.id }));
      expectData(
        await gql(
          team.manager,
          'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
          {
            id: fault.id,
            a: team.repair.user.id,
          },
        ),
      );
      expectData(
        await gql(team.repair, 'mutation ($id: ID!) { acknowledgeFaultCase(id: $id) { id } }', {
          id: fault.id,
        }),
      );
      expectData(
        await gql(
          sensor,
          'mutation ($m: ID!) { clearWarning(machineId: $m, code: "TEMP_HIGH") { id } }',
          {
            m: machine.id,
          },
        ),
      );
      expectData(
        await gql(
          team.manager,
          'mutation ($id: ID!) { resolveFaultCase(id: $id, resolutionNote: "Sealed") { id } }',
          {
            id: fault.id,
          },
        ),
      );

      const stable = await queryLog(viewer, machine.id, STABLE);
      const full = await queryLog(viewer, machine.id, FULL);
      expect(stable.map((n) => n.type)).toContain('WARNING_RAISED');
      expect(stable.map((n) => n.type)).toContain('WARNING_CLEARED');
      expect(stable.filter((n) => n.warning).length).toBe(3);
      expect(full.find((n) => n.type === 'WARNING_CLEARED')!.warning).toMatchObject({
        id: warning.id,
        active: false,
        clearedBy: { kind: 'API_CLIENT' },
      });

      // Repair staff read a case's detail while it is theirs: FAULT_OPENED reached them live
      // before the assignment, so with the board fields only (the query, later, shows more).
      const openedBeforeItWasMine = (n: Node) => who === 'repair' && n.type === 'FAULT_OPENED';
      const liveExpected = stable.map((n) =>
        openedBeforeItWasMine(n)
          ? {
              ...n,
              data: { severity: 'HIGH' },
              // Who worked a case is its detail too (the event's actor).
              actor: null,
              faultCase: { id: fault.id, description: null, reportedBy: null },
            }
          : n,
      );
      const liveItems = await live.waitFor(liveExpected.length);
      const liveErrors = live.errors as { path?: string[]; extensions?: { code?: string } }[];
      if (who === 'repair') {
        expect(liveErrors.map((e) => [e.extensions?.code, e.path?.slice(-1)[0]]).sort()).toEqual([
          ['FORBIDDEN', 'actor'],
          ['FORBIDDEN', 'description'],
          ['FORBIDDEN', 'reportedBy'],
        ]);
      } else {
        expect(live.errors).toEqual([]);
      }
      const replay = socket.subscribe<{ machineEvents: Node }>(subscription(FULL), {
        since: String(since),
        machineIds: [machine.id],
      });
      const replayed = await replay.waitFor(full.length);
      expect(replay.errors).toEqual([]);

      // Field by field, event by event: same ids in the same order, and the same answer.
      const liveNodes = liveItems.map((i) => i.machineEvents);
      const replayNodes = replayed.map((i) => i.machineEvents);
      expect(liveNodes.map((n) => n.id)).toEqual(liveExpected.map((n) => n.id));
      expect(replayNodes.map((n) => n.id)).toEqual(full.map((n) => n.id));
      for (const [i, node] of liveExpected.entries()) {
        for (const field of Object.keys(node)) {
          expect({ id: node.id, field, value: liveNodes[i]![field] }).toEqual({
            id: node.id,
            field,
            value: node[field],
          });
        }
      }
      for (const [i, node] of full.entries()) {
        for (const field of Object.keys(node)) {
          expect({ id: node.id, field, value: replayNodes[i]![field] }).toEqual({
            id: node.id,
            field,
            value: node[field],
          });
        }
      }
      await socket.dispose();
    },
  );
});

const EVENT_IDS = `subscription ($since: ID, $machineIds: [ID!]) {
  machineEvents(since: $since, machineIds: $machineIds) { id type }
}`;
interface EventId {
  machineEvents: { id: string; type: string };
}
interface SocketError {
  extensions?: { code?: string; details?: Record<string, unknown> };
}

/** Appends a machine event straight into the log, telling no bus: committed, not yet signalled. */
async function commitSilently(machineId: string, buildingId: string): Promise<number> {
  return t.em().transactional(async (tx) => {
    const [row] = await tx.execute<{ id: string }[]>(
      `insert into machine_events (machine_id, building_id, type, at, data)
       values (?, ?, 'MACHINE_UPDATED', now(), '{}') returning id::text as id`,
      [machineId, buildingId],
    );
    return Number(row!.id);
  });
}

describe('machineEvents(since) with a cursor beyond the newest event', () => {
  it('answers BAD_USER_INPUT with reason CURSOR_AHEAD and the head id, and ends the subscription', async () => {
    const machine = await f.machine();
    expectData(
      await gql(
        team.technician,
        'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "hot" }) { id } }',
        {
          m: machine.id,
        },
      ),
    );
    const head = await headId();
    const socket = connectSocket(t.url, team.technician.token);
    const listenersBefore = t.server.sequencer.listenerCount;
    const ahead = socket.subscribe<EventId>(EVENT_IDS, { since: String(head + 1000) });
    await ahead.done;
    expect(ahead.items).toEqual([]);
    const [error] = ahead.errors as SocketError[];
    expect(error?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      details: {
        field: 'since',
        reason: 'CURSOR_AHEAD',
        since: String(head + 1000),
        headId: String(head),
      },
      requestId: expect.stringMatching(/^ws-/),
    });
    expect(t.server.sequencer.listenerCount).toBe(listenersBefore);

    // The client does what it is told: resumes from the head, and hears what happens next.
    const resumed = socket.subscribe<EventId>(EVENT_IDS, {
      since: error!.extensions!.details!.headId,
      machineIds: [machine.id],
    });
    await settle();
    expectData(
      await gql(
        team.manager,
        'mutation ($m: ID!) { updateMachine(id: $m, input: { importance: 5 }) { id } }',
        {
          m: machine.id,
        },
      ),
    );
    const [next] = await resumed.waitFor(1);
    expect(Number(next!.machineEvents.id)).toBeGreaterThan(head);
    expect(resumed.errors).toEqual([]);
    await socket.dispose();
  });

  it('takes as a cursor an id that was just committed, before this server heard of it', async () => {
    const machine = await f.machine();
    const before = t.server.sequencer.position;
    const justCommitted = await commitSilently(machine.id, machine.building.id);
    expect(justCommitted).toBeGreaterThan(before);
    expect(t.server.sequencer.position).toBeLessThan(justCommitted); // no signal was sent

    const socket = connectSocket(t.url, team.manager.token);
    const sub = socket.subscribe<EventId>(EVENT_IDS, {
      since: String(justCommitted),
      machineIds: [machine.id],
    });
    await settle();
    expectData(
      await gql(
        team.manager,
        'mutation ($m: ID!) { updateMachine(id: $m, input: { importance: 5 }) { id } }',
        {
          m: machine.id,
        },
      ),
    );
    const [next] = await sub.waitFor(1);
    expect(sub.errors).toEqual([]);
    expect(Number(next!.machineEvents.id)).toBeGreaterThan(justCommitted);
    expect(next!.machineEvents.type).toBe('MACHINE_UPDATED');
    await socket.dispose();
  });

  it('still refuses a malformed since with BAD_USER_INPUT', async () => {
    const socket = connectSocket(t.url, team.manager.token);
    const sub = socket.subscribe<EventId>(EVENT_IDS, { since: 'yesterday' });
    await sub.done;
    expect((sub.errors as SocketError[])[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await socket.dispose();
  });
});

interface BoardMachine {
  id: string;
  status: string;
  lastEventId: string | null;
  activeWarnings: { id: string }[];
}
interface LiveEvent {
  machineEvents: {
    id: string;
    type: string;
    toStatus: string | null;
    machine: { id: string };
    warning: { id: string } | null;
  };
}
const LIVE = `subscription ($since: ID, $buildingIds: [ID!], $machineIds: [ID!]) {
  machineEvents(since: $since, buildingIds: $buildingIds, machineIds: $machineIds) {
    id type toStatus machine { id } warning { id }
  }
}`;

/** What a board holds: each machine's status and active warnings. */
type Board = Map<string, { status: string; warnings: Set<string> }>;

function boardOf(machines: BoardMachine[]): Board {
  return new Map(
    machines.map((m) => [
      m.id,
      { status: m.status, warnings: new Set(m.activeWarnings.map((w) => w.id)) },
    ]),
  );
}

/** A board's update rule: each event sets a state, so re-applying one is harmless. */
function apply(board: Board, { machineEvents: e }: LiveEvent): void {
  const tile = board.get(e.machine.id);
  if (!tile) return;
  if (e.type === 'STATUS_CHANGED') tile.status = e.toStatus!;
  if (e.type === 'WARNING_RAISED') tile.warnings.add(e.warning!.id);
  if (e.type === 'WARNING_CLEARED') tile.warnings.delete(e.warning!.id);
}

async function databaseBoard(machineIds: string[]): Promise<Board> {
  const rows = await t
    .em()
    .getConnection()
    .execute<{ id: string; status: string; warnings: string[] | null }[]>(
      `select m.id, m.status,
              array_remove(array_agg(w.id::text order by w.id), null) as warnings
         from machines m
         left join warnings w on w.machine_id = m.id and w.cleared_at is null
        where m.id in (${machineIds.map(() => '?').join(', ')})
        group by m.id, m.status`,
      machineIds,
    );
  return new Map(
    rows.map((r) => [r.id, { status: r.status, warnings: new Set(r.warnings ?? []) }]),
  );
}

async function lastEventOf(column: 'building_id' | 'machine_id', id: string): Promise<number> {
  const [row] = await t
    .em()
    .getConnection()
    .execute<{ max: string | null }[]>(
      `select max(id)::text as max from machine_events where ${column} = ?`,
      [id],
    );
  return Number(row?.max ?? 0);
}

/** Raises and clears warnings on random machines of the list, from `workers` clients at once. */
function writeConcurrently(machineIds: string[], workers: number, opsEach: number): Promise<void> {
  const codes = ['TEMP_HIGH', 'VIBRATION'];
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const worker = async () => {
    for (let i = 0; i < opsEach; i++) {
      const m = pick(machineIds);
      const code = pick(codes);
      // A clear of a code that is not active answers NOT_FOUND: part of the noise, ignored.
      await (Math.random() < 0.55
        ? gql(
            team.technician,
            'mutation ($m: ID!, $c: String) { raiseWarning(input: { machineId: $m, message: "sensor", code: $c }) { id } }',
            { m, c: code },
          )
        : gql(
            team.technician,
            'mutation ($m: ID!, $c: String) { clearWarning(machineId: $m, code: $c) { id } }',
            { m, c: code },
          ));
    }
  };
  return Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
}

describe('lastEventId: a snapshot stitched to the live stream with no gap', () => {
  it('machines { lastEventId } + machineEvents(since: lastEventId) ends equal to the database, while writers run', async () => {
    const building = await f.building();
    const machines = await Promise.all(Array.from({ length: 6 }, () => f.machine({ building })));
    const ids = machines.map((m) => m.id);
    const socket = connectSocket(t.url, team.manager.token);
    const writing = writeConcurrently(ids, 4, 30);
    const clients: {
      board: Board;
      since: number;
      events: ReturnType<typeof socket.subscribe<LiveEvent>>;
      page: BoardMachine[];
      headAfter: number;
    }[] = [];
    for (let i = 0; i < 5; i++) {
      await sleep(40 + Math.random() * 60);
      const page = expectData(
        await gql<{ machines: { lastEventId: string; nodes: BoardMachine[] } }>(
          team.manager,
          `query ($b: [ID!]) { machines(filter: { buildingIds: $b }) {
             lastEventId nodes { id status lastEventId activeWarnings { id } } } }`,
          { b: [building.id] },
        ),
      ).machines;
      expect(page.nodes).toHaveLength(ids.length);
      expect(page.nodes.every((n) => n.lastEventId === page.lastEventId)).toBe(true);
      clients.push({
        board: boardOf(page.nodes),
        since: Number(page.lastEventId),
        events: socket.subscribe<LiveEvent>(LIVE, {
          since: page.lastEventId,
          buildingIds: [building.id],
        }),
        page: page.nodes,
        headAfter: await headId(),
      });
    }
    await writing;

    // Each page reflects every event up to its lastEventId: where a machine's status did not
    // change again before the page was answered, the page shows the status as of lastEventId.
    const changes = await t
      .em()
      .getConnection()
      .execute<{ id: string; machine_id: string; to_status: string }[]>(
        `select id::text, machine_id, to_status from machine_events
          where building_id = ? and type = 'STATUS_CHANGED' order by id`,
        [building.id],
      );
    for (const client of clients) {
      for (const tile of client.page) {
        const ofMachine = changes.filter((c) => c.machine_id === tile.id);
        const changedAgain = ofMachine.some(
          (c) => Number(c.id) > client.since && Number(c.id) <= client.headAfter,
        );
        if (changedAgain) continue;
        const asOfCursor = ofMachine.filter((c) => Number(c.id) <= client.since).at(-1);
        expect({ machine: tile.id, status: tile.status }).toEqual({
          machine: tile.id,
          status: asOfCursor?.to_status ?? 'OK',
        });
      }
    }

    const last = await lastEventOf('building_id', building.id);
    const truth = await databaseBoard(ids);
    for (const client of clients) {
      const expected = (
        await t
          .em()
          .getConnection()
          .execute<{ n: string }[]>(
            'select count(*)::text as n from machine_events where building_id = ? and id > ?',
            [building.id, client.since],
          )
      )[0]!.n;
      const got = await client.events.waitFor(Number(expected), 15_000);
      expect(client.events.errors).toEqual([]);
      if (got.length > 0) expect(Number(got.at(-1)!.machineEvents.id)).toBe(last);
      for (const event of got) apply(client.board, event);
      expect(client.board).toEqual(truth);
    }
    await socket.dispose();
  }, 60_000);

  it('machine(id) { lastEventId } + machineEvents(since, machineIds) ends equal to the database, while writers run', async () => {
    const machine = await f.machine();
    const socket = connectSocket(t.url, team.manager.token);
    const writing = writeConcurrently([machine.id], 3, 25);
    const clients: {
      board: Board;
      since: number;
      events: ReturnType<typeof socket.subscribe<LiveEvent>>;
    }[] = [];
    for (let i = 0; i < 4; i++) {
      await sleep(40 + Math.random() * 60);
      const read = expectData(
        await gql<{ machine: BoardMachine }>(
          team.technician,
          'query ($id: ID!) { machine(id: $id) { id status lastEventId activeWarnings { id } } }',
          { id: machine.id },
        ),
      ).machine;
      expect(read.lastEventId).toMatch(/^\d+$/);
      clients.push({
        board: boardOf([read]),
        since: Number(read.lastEventId),
        events: socket.subscribe<LiveEvent>(LIVE, {
          since: read.lastEventId,
          machineIds: [machine.id],
        }),
      });
    }
    await writing;
    const truth = await databaseBoard([machine.id]);
    for (const client of clients) {
      const expected = (
        await t
          .em()
          .getConnection()
          .execute<{ n: string }[]>(
            'select count(*)::text as n from machine_events where machine_id = ? and id > ?',
            [machine.id, client.since],
          )
      )[0]!.n;
      const got = await client.events.waitFor(Number(expected), 15_000);
      for (const event of got) apply(client.board, event);
      expect(client.board).toEqual(truth);
    }
    await socket.dispose();
  }, 60_000);

  it('reads the head before the rows: an event committed while the rows are read is not claimed', async () => {
    const machine = await f.machine();
    let committedMeanwhile = 0;
    const { result, lastEventId } = await readSnapshot(
      { em: t.em(), sequencer: t.server.sequencer },
      async (em) => {
        committedMeanwhile = await commitSilently(machine.id, machine.building.id);
        return em.findOneOrFail(Machine, { id: machine.id });
      },
    );
    expect(result.id).toBe(machine.id);
    // Claimed, the client would start after it and never see it; unclaimed, it is replayed.
    expect(Number(lastEventId)).toBeLessThan(committedMeanwhile);
  });

  it('is null on a machine reached through another object, and refused like machines to anonymous callers', async () => {
    const machine = await f.machine();
    const w = expectData(
      await gql<{ raiseWarning: { machine: { lastEventId: string | null } } }>(
        team.technician,
        'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "x" }) { machine { lastEventId } } }',
        { m: machine.id },
      ),
    );
    expect(w.raiseWarning.machine.lastEventId).toBeNull();
    expect(errorCode(await t.gql('{ machines { lastEventId } }'))).toBe('UNAUTHENTICATED');
  });
});
