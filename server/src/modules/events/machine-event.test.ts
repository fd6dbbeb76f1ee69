import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { generateApiToken } from '../api-clients/api-token.js';
import { createApiClient } from '../../testing/rest-client.js';
import type { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { MachineEvent } from './machine-event.entity.js';
import { MachineEventType } from './machine-event.type.js';

let t: TestServer;
let factory: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let otherRepair: TestUser;

beforeAll(async () => {
  t = await startTestServer();
  factory = new Factory(t);
  team = await factory.team();
  otherRepair = await factory.user(Role.REPAIR);
});
afterAll(() => t.close());

function as<T = Record<string, unknown>>(
  who: { token: string } | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return t.gql<T>(query, variables, who ? { token: who.token } : {});
}

const OPEN = `mutation ($machineId: ID!) { openFaultCase(input: { machineId: $machineId, description: "Hydraulic leak", severity: HIGH }) { id version } }`;
const ASSIGN = `mutation ($id: ID!, $assigneeId: ID!) { assignFaultCase(id: $id, assigneeId: $assigneeId) { id } }`;
const ACK = `mutation ($id: ID!) { acknowledgeFaultCase(id: $id) { id } }`;
const NOTE = `mutation ($id: ID!, $body: String!) { addFaultNote(faultCaseId: $id, body: $body) { id } }`;
const RESOLVE = `mutation ($id: ID!) { resolveFaultCase(id: $id, resolutionNote: "Seal replaced") { id } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!) { updateFaultCase(id: $id, input: { severity: LOW, expectedVersion: $v }) { id } }`;

const EVENTS = `query ($filter: MachineEventFilter, $first: Int, $after: String) {
  machineEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id type at fromStatus toStatus data machine { id } actor { kind id name } faultCase { id } warning { id } }
  }
}`;

interface EventNode {
  id: string;
  type: MachineEventType;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
  machine: { id: string };
  actor: { kind: string; id: string; name: string } | null;
  faultCase: { id: string } | null;
  warning: { id: string } | null;
}
interface EventsResult {
  machineEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: EventNode[];
  };
}

async function openCase(machineId: string, who: TestUser = team.manager): Promise<string> {
  return expectData(await as<{ openFaultCase: { id: string } }>(who, OPEN, { machineId }))
    .openFaultCase.id;
}

/** The transaction id that last wrote each row: equal ids mean one transaction. */
async function xmins(
  table: 'fault_cases' | 'machines' | 'machine_events' | 'fault_notes',
  where: string,
  params: unknown[],
): Promise<string[]> {
  const rows = await t
    .em()
    .getConnection()
    .execute<{ xmin: string }[]>(`select xmin::text as xmin from ${table} where ${where}`, params);
  return rows.map((r) => r.xmin);
}

describe('events are appended with each change', () => {
  it('writes the case, the machine status and the events in one transaction', async () => {
    const machine = await factory.machine();
    const caseId = await openCase(machine.id);
    const [caseTx] = await xmins('fault_cases', 'id = ?', [caseId]);
    const [machineTx] = await xmins('machines', 'id = ?', [machine.id]);
    const eventTxs = await xmins('machine_events', 'machine_id = ?', [machine.id]);
    expect(eventTxs).toHaveLength(2);
    expect(new Set([caseTx, machineTx, ...eventTxs]).size).toBe(1);

    expectData(await as(team.manager, NOTE, { id: caseId, body: 'Checked the pump' }));
    const [noteTx] = await xmins('fault_notes', 'fault_case_id = ?', [caseId]);
    const noteEventTx = await xmins(
      'machine_events',
      `machine_id = ? and type = 'FAULT_NOTE_ADDED'`,
      [machine.id],
    );
    expect(noteEventTx).toEqual([noteTx]);

    expectData(await as(team.manager, RESOLVE, { id: caseId }));
    const [resolvedTx] = await xmins('fault_cases', 'id = ?', [caseId]);
    const resolveEvents = await xmins(
      'machine_events',
      `machine_id = ? and type in ('FAULT_RESOLVED', 'STATUS_CHANGED') and to_status is distinct from 'FAULT'`,
      [machine.id],
    );
    expect(resolveEvents).toEqual([resolvedTx, resolvedTx]);
    expect(await xmins('machines', 'id = ?', [machine.id])).toEqual([resolvedTx]);
  });

  it('records one event per change with the case, the actor and useful data', async () => {
    const machine = await factory.machine();
    const caseId = await openCase(machine.id, team.technician);
    expectData(await as(team.manager, ASSIGN, { id: caseId, assigneeId: team.repair.user.id }));
    expectData(await as(team.repair, ACK, { id: caseId }));
    expectData(await as(team.repair, NOTE, { id: caseId, body: 'Ordered a new seal kit' }));
    const rows = await t
      .em()
      .find(MachineEvent, { machine: machine.id }, { orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.type, r.actorUser?.id, r.faultCase?.id ?? null])).toEqual([
      [MachineEventType.FAULT_OPENED, team.technician.user.id, caseId],
      [MachineEventType.STATUS_CHANGED, team.technician.user.id, null],
      [MachineEventType.FAULT_ASSIGNED, team.manager.user.id, caseId],
      [MachineEventType.FAULT_ACKNOWLEDGED, team.repair.user.id, caseId],
      [MachineEventType.FAULT_NOTE_ADDED, team.repair.user.id, caseId],
    ]);
    expect(rows[0]!.data).toEqual({ severity: 'HIGH', description: 'Hydraulic leak' });
    expect(rows[1]).toMatchObject({ fromStatus: 'OK', toStatus: 'FAULT' });
    expect(rows[3]!.data).toEqual({ from: 'OPEN', to: 'ACKNOWLEDGED' });
    expect(rows[4]!.data).toMatchObject({ body: 'Ordered a new seal kit' });
  });

  it('appends nothing when a change is refused', async () => {
    const machine = await factory.machine();
    const caseId = await openCase(machine.id);
    const before = await t.em().count(MachineEvent, { machine: machine.id });
    expect(errorCode(await as(team.manager, UPDATE, { id: caseId, v: 99 }))).toBe('CONFLICT');
    expect(
      errorCode(
        await as(team.manager, 'mutation ($id: ID!) { startRepair(id: $id) { id } }', {
          id: caseId,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(otherRepair, ACK, { id: caseId }))).toBe('FORBIDDEN');
    expect(await t.em().count(MachineEvent, { machine: machine.id })).toBe(before);
  });
});

describe('machineEvents', () => {
  let building: Building;
  let machineA: string;
  let machineB: string;
  let mineCase: string;
  let foreignCase: string;

  beforeAll(async () => {
    building = await factory.building();
    machineA = (await factory.machine({ building })).id;
    machineB = (await factory.machine({ building })).id;
    mineCase = await openCase(machineA);
    expectData(await as(team.manager, ASSIGN, { id: mineCase, assigneeId: team.repair.user.id }));
    foreignCase = await openCase(machineB);
    expectData(
      await as(team.manager, ASSIGN, { id: foreignCase, assigneeId: otherRepair.user.id }),
    );
    expectData(await as(otherRepair, NOTE, { id: foreignCase, body: 'private detail' }));
    for (let i = 0; i < 3; i++) {
      expectData(await as(team.technician, NOTE, { id: mineCase, body: `note ${i}` }));
    }
    expectData(await as(team.manager, RESOLVE, { id: mineCase }));
  });

  const inBuilding = () => ({ buildingIds: [building.id] });

  it('returns the log newest first with its fields resolved', async () => {
    const res = expectData(
      await as<EventsResult>(team.manager, EVENTS, { filter: inBuilding() }),
    ).machineEvents;
    const dbRows = await t
      .em()
      .find(MachineEvent, { buildingId: building.id }, { orderBy: { id: 'desc' } });
    expect(res.nodes.map((n) => Number(n.id))).toEqual(dbRows.map((r) => r.id));
    expect(res.totalCount).toBe(dbRows.length);
    const resolved = res.nodes.find((n) => n.type === MachineEventType.FAULT_RESOLVED)!;
    expect(resolved).toMatchObject({
      machine: { id: machineA },
      actor: { kind: 'USER', id: team.manager.user.id, name: team.manager.user.name },
      faultCase: { id: mineCase },
      warning: null,
    });
    const cleared = res.nodes.find(
      (n) =>
        n.type === MachineEventType.STATUS_CHANGED &&
        n.machine.id === machineA &&
        n.toStatus === 'OK',
    )!;
    expect(cleared).toMatchObject({ fromStatus: 'FAULT', toStatus: 'OK', faultCase: null });
  });

  it('walks every event exactly once with a cursor', async () => {
    const all = await t
      .em()
      .find(MachineEvent, { buildingId: building.id }, { orderBy: { id: 'desc' } });
    expect(all.length).toBeGreaterThan(8);
    const seen: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: EventsResult['machineEvents'] = expectData(
        await as<EventsResult>(team.technician, EVENTS, { filter: inBuilding(), first: 3, after }),
      ).machineEvents;
      seen.push(...page.nodes.map((n) => Number(n.id)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      // New events while paging land before the cursor and never disturb the walk.
      if (pages === 1)
        expectData(await as(team.technician, NOTE, { id: foreignCase, body: 'meanwhile' }));
    }
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by machine, type, fault case and time', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      expectData(
        await as<EventsResult>(team.manager, EVENTS, {
          filter: { ...inBuilding(), ...filter },
          first: 100,
        }),
      ).machineEvents.nodes;
    expect((await ids({ machineIds: [machineB] })).every((n) => n.machine.id === machineB)).toBe(
      true,
    );
    expect((await ids({ types: ['STATUS_CHANGED'] })).map((n) => n.type)).toEqual(
      Array(3).fill('STATUS_CHANGED'),
    );
    const ofCase = await ids({ faultCaseId: mineCase });
    expect(ofCase.map((n) => n.type)).toEqual([
      'FAULT_RESOLVED',
      'FAULT_NOTE_ADDED',
      'FAULT_NOTE_ADDED',
      'FAULT_NOTE_ADDED',
      'FAULT_ASSIGNED',
      'FAULT_OPENED',
    ]);
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect((await ids({ to: new Date(Date.now() + 60_000).toISOString() })).length).toBeGreaterThan(
      0,
    );
    expect(await ids({ buildingIds: [(await factory.building()).id] })).toEqual([]);
  });

  it('filters by actor: users and API clients, one list', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      expectData(
        await as<EventsResult>(team.manager, EVENTS, {
          filter: { ...inBuilding(), ...filter },
          first: 100,
        }),
      ).machineEvents.nodes;
    const byTechnician = await ids({ actorIds: [team.technician.user.id] });
    // Three notes, and the one the cursor test added meanwhile.
    expect(byTechnician.map((n) => n.type)).toEqual(Array(4).fill('FAULT_NOTE_ADDED'));
    expect(new Set(byTechnician.map((n) => n.actor?.id))).toEqual(
      new Set([team.technician.user.id]),
    );
    const sensor = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const raised = expectData(
      await as<{ raiseWarning: { id: string } }>(
        sensor,
        'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "Hot" }) { id } }',
        { m: machineB },
      ),
    );
    // machineB is in FAULT: the warning changes no status, so it is the client's one event.
    expect(raised.raiseWarning.id).toBeTruthy();
    const both = await ids({ actorIds: [sensor.id, otherRepair.user.id] });
    expect(new Set(both.map((n) => n.actor?.id))).toEqual(
      new Set([sensor.id, otherRepair.user.id]),
    );
    expect(both.filter((n) => n.actor?.kind === 'API_CLIENT').map((n) => n.type)).toEqual([
      'WARNING_RAISED',
    ]);
    expect(await ids({ actorIds: [(await factory.user(Role.TECHNICIAN)).user.id] })).toEqual([]);
  });

  it('shows repair staff machine history but the fault events of their own cases only', async () => {
    const nodes = expectData(
      await as<EventsResult>(team.repair, EVENTS, { filter: inBuilding(), first: 100 }),
    ).machineEvents.nodes;
    expect(nodes.some((n) => n.type === 'STATUS_CHANGED' && n.machine.id === machineB)).toBe(true);
    expect(nodes.filter((n) => n.faultCase).every((n) => n.faultCase!.id === mineCase)).toBe(true);
    expect(nodes.some((n) => n.faultCase?.id === mineCase)).toBe(true);
    expect(JSON.stringify(nodes)).not.toContain('private detail');
    const foreign = expectData(
      await as<EventsResult>(team.repair, EVENTS, { filter: { faultCaseId: foreignCase } }),
    ).machineEvents;
    expect(foreign.nodes).toEqual([]);
    expect(foreign.totalCount).toBe(0);
    // The other repair worker sees the other half.
    const theirs = expectData(
      await as<EventsResult>(otherRepair, EVENTS, { filter: { faultCaseId: foreignCase } }),
    ).machineEvents;
    expect(theirs.nodes.length).toBeGreaterThan(0);
  });

  it('rejects first > 100, first < 1, a bad cursor and malformed filter values with BAD_USER_INPUT', async () => {
    expect(errorCode(await as(team.manager, EVENTS, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(team.manager, EVENTS, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(team.manager, EVENTS, { after: 'not-a-cursor' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as(team.manager, EVENTS, { filter: { machineIds: ['x'] } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as(team.manager, EVENTS, { filter: { faultCaseId: 'x' } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as(team.manager, EVENTS, { filter: { actorIds: ['x'] } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as(team.manager, EVENTS, { filter: { types: ['EXPLODED'] } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as(team.manager, EVENTS, { filter: { from: 'yesterday' } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses anonymous callers and API clients', async () => {
    expect(errorCode(await as(null, EVENTS))).toBe('UNAUTHENTICATED');
    const em = t.em();
    const { token, tokenHash, displayPrefix } = generateApiToken();
    em.create(ApiClient, {
      name: 'Reader',
      tokenPrefix: displayPrefix,
      tokenHash,
      scopes: [ApiScope.MACHINES_READ, ApiScope.FAULTS_WRITE, ApiScope.WARNINGS_WRITE],
      createdBy: em.getReference(User, team.manager.user.id),
    });
    await em.flush();
    const res = await as({ token }, EVENTS);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data?.machineEvents ?? null).toBeNull();
  });

  it('keeps the fault case of a log entry FORBIDDEN to a repair worker it is not assigned to', async () => {
    // Reached through the case's own notes path, the rule is the same as faultCase(id).
    const row = await t.em().findOneOrFail(FaultCase, { id: foreignCase });
    expect(row.assignee?.id).toBe(otherRepair.user.id);
    const res = await as(team.repair, `query ($id: ID!) { faultCase(id: $id) { id } }`, {
      id: foreignCase,
    });
    expect(errorCode(res)).toBe('FORBIDDEN');
  });
});
