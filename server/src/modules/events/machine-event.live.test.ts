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
import { Role } from '../users/user.role.js';

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

      // Repair staff read a case's events while it is theirs: live, the case was opened before
      // it was assigned to them, so FAULT_OPENED reached them only when read later.
      const liveExpected =
        who === 'repair' ? stable.filter((n) => n.type !== 'FAULT_OPENED') : stable;
      const liveItems = await live.waitFor(liveExpected.length);
      expect(live.errors).toEqual([]);
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
    await tx.execute('select pg_advisory_xact_lock(7140001)'); // the writers' lock
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

void errorCode;
void Role;
