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
import { ApiClient } from '../api-clients/api-client.entity.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { generateApiToken } from '../api-clients/api-token.js';
import { Building } from '../buildings/building.entity.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Machine } from '../machines/machine.entity.js';
import { MachineStatus } from '../machines/machine.status.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { FaultCase } from './fault-case.entity.js';
import { FaultStatus, Severity } from './fault-case.enums.js';
import { FaultNote } from './fault-note.entity.js';

let t: TestServer;
let factory: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let otherRepair: TestUser;

type Who = 'manager' | 'technician' | 'repair' | 'otherRepair' | 'anonymous';

beforeAll(async () => {
  t = await startTestServer();
  factory = new Factory(t);
  team = await factory.team();
  otherRepair = await factory.user(Role.REPAIR);
});
afterAll(() => t.close());

function tokenOf(who: Who): string | undefined {
  if (who === 'anonymous') return undefined;
  if (who === 'otherRepair') return otherRepair.token;
  return team[who].token;
}

function as<T = Record<string, unknown>>(
  who: Who | { token: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const token = typeof who === 'string' ? tokenOf(who) : who.token;
  return t.gql<T>(query, variables, token ? { token } : {});
}

const F =
  'id status severity description version reopenCount resolutionNote acknowledgedAt startedAt resolvedAt';

interface CaseData {
  id: string;
  status: FaultStatus;
  severity: Severity;
  description: string;
  version: number;
  reopenCount: number;
  resolutionNote: string | null;
  acknowledgedAt: string | null;
  startedAt: string | null;
  resolvedAt: string | null;
}

const OPEN = `mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { ${F} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateFaultCaseInput!) { updateFaultCase(id: $id, input: $input) { ${F} } }`;
const ASSIGN = `mutation ($id: ID!, $assigneeId: ID!, $v: Int) { assignFaultCase(id: $id, assigneeId: $assigneeId, expectedVersion: $v) { ${F} assignee { id } } }`;
const ACK = `mutation ($id: ID!, $v: Int) { acknowledgeFaultCase(id: $id, expectedVersion: $v) { ${F} } }`;
const START = `mutation ($id: ID!, $v: Int) { startRepair(id: $id, expectedVersion: $v) { ${F} } }`;
const NOTE = `mutation ($id: ID!, $body: String!) { addFaultNote(faultCaseId: $id, body: $body) { id body createdAt author { kind id name } } }`;
const RESOLVE = `mutation ($id: ID!, $note: String!, $v: Int) { resolveFaultCase(id: $id, resolutionNote: $note, expectedVersion: $v) { ${F} } }`;
const REOPEN = `mutation ($id: ID!, $reason: String!, $v: Int) { reopenFaultCase(id: $id, reason: $reason, expectedVersion: $v) { ${F} } }`;
const GET = `query ($id: ID!) { faultCase(id: $id) { ${F} } }`;

async function machineStatus(machineId: string): Promise<MachineStatus> {
  return (await t.em().findOneOrFail(Machine, { id: machineId })).status;
}

async function events(machineId: string): Promise<MachineEvent[]> {
  return t.em().find(MachineEvent, { machine: machineId }, { orderBy: { id: 'asc' } });
}

async function openCase(
  machineId: string,
  who: Who = 'manager',
  severity = Severity.HIGH,
): Promise<CaseData> {
  const res = await as<{ openFaultCase: CaseData }>(who, OPEN, {
    input: { machineId, description: 'Spindle vibrates above 3000 rpm', severity },
  });
  return expectData(res).openFaultCase;
}

/** A case on a fresh machine, walked by the manager to `status`, assigned to `assignee`. */
async function caseIn(
  status: FaultStatus,
  assignee: TestUser | null = team.repair,
): Promise<{ machineId: string; fc: CaseData }> {
  const machine = await factory.machine();
  let fc = await openCase(machine.id);
  if (assignee)
    fc = expectData(
      await as<{ assignFaultCase: CaseData }>('manager', ASSIGN, {
        id: fc.id,
        assigneeId: assignee.user.id,
      }),
    ).assignFaultCase;
  if (status === FaultStatus.OPEN) return { machineId: machine.id, fc };
  if (status === FaultStatus.RESOLVED) {
    fc = expectData(
      await as<{ resolveFaultCase: CaseData }>('manager', RESOLVE, { id: fc.id, note: 'Fixed' }),
    ).resolveFaultCase;
    return { machineId: machine.id, fc };
  }
  fc = expectData(
    await as<{ acknowledgeFaultCase: CaseData }>('manager', ACK, { id: fc.id }),
  ).acknowledgeFaultCase;
  if (status === FaultStatus.ACKNOWLEDGED) return { machineId: machine.id, fc };
  fc = expectData(await as<{ startRepair: CaseData }>('manager', START, { id: fc.id })).startRepair;
  return { machineId: machine.id, fc };
}

/** Everything a mutation on the case could change: the row, its notes, the machine and its log. */
async function snapshot(caseId: string, machineId: string) {
  const em = t.em();
  const fc = await em.findOneOrFail(FaultCase, { id: caseId });
  const machine = await em.findOneOrFail(Machine, { id: machineId });
  return {
    fc: JSON.stringify(fc),
    notes: await em.count(FaultNote, { faultCase: caseId }),
    cases: await em.count(FaultCase, { machine: machineId }),
    events: await em.count(MachineEvent, { machine: machineId }),
    status: machine.status,
  };
}

async function createApiClient(
  scopes: ApiScope[],
  buildings: Building[] = [],
): Promise<{ token: string }> {
  const em = t.em();
  const { token, tokenHash, displayPrefix } = generateApiToken();
  const client = em.create(ApiClient, {
    name: `Gateway ${tokenHash.slice(0, 6)}`,
    tokenPrefix: displayPrefix,
    tokenHash,
    scopes,
    createdBy: em.getReference(User, team.manager.user.id),
  });
  for (const b of buildings) client.buildings.add(em.getReference(Building, b.id));
  await em.flush();
  return { token };
}

describe('the repair journey', () => {
  it('walks OPEN → ACKNOWLEDGED → IN_PROGRESS → note → RESOLVED with the machine FAULT then OK', async () => {
    const machine = await factory.machine();
    expect(await machineStatus(machine.id)).toBe(MachineStatus.OK);

    const opened = await openCase(machine.id, 'technician', Severity.CRITICAL);
    expect(opened).toMatchObject({
      status: 'OPEN',
      severity: 'CRITICAL',
      version: 1,
      description: 'Spindle vibrates above 3000 rpm',
    });
    expect(await machineStatus(machine.id)).toBe(MachineStatus.FAULT);

    const assigned = expectData(
      await as<{ assignFaultCase: CaseData & { assignee: { id: string } } }>('manager', ASSIGN, {
        id: opened.id,
        assigneeId: team.repair.user.id,
      }),
    ).assignFaultCase;
    expect(assigned.assignee.id).toBe(team.repair.user.id);
    expect(assigned.version).toBe(2);

    const acked = expectData(
      await as<{ acknowledgeFaultCase: CaseData }>('repair', ACK, { id: opened.id, v: 2 }),
    ).acknowledgeFaultCase;
    expect(acked).toMatchObject({ status: 'ACKNOWLEDGED', version: 3 });
    const started = expectData(
      await as<{ startRepair: CaseData }>('repair', START, { id: opened.id, v: 3 }),
    ).startRepair;
    expect(started).toMatchObject({ status: 'IN_PROGRESS', version: 4 });

    const note = expectData(
      await as<{ addFaultNote: { body: string; author: { kind: string; id: string } } }>(
        'repair',
        NOTE,
        { id: opened.id, body: '  Bearing replaced  ' },
      ),
    ).addFaultNote;
    expect(note).toMatchObject({
      body: 'Bearing replaced',
      author: { kind: 'USER', id: team.repair.user.id },
    });
    expect(await machineStatus(machine.id)).toBe(MachineStatus.FAULT);

    const resolved = expectData(
      await as<{ resolveFaultCase: CaseData }>('repair', RESOLVE, {
        id: opened.id,
        note: 'Replaced the front bearing',
        v: 4,
      }),
    ).resolveFaultCase;
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      resolutionNote: 'Replaced the front bearing',
      version: 5,
    });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(await machineStatus(machine.id)).toBe(MachineStatus.OK);

    const full = expectData(
      await as<{ faultCase: Record<string, unknown> }>(
        'repair',
        `query ($id: ID!) { faultCase(id: $id) {
          status machine { id status } assignee { id }
          reportedBy { kind id } assignedBy { id } acknowledgedBy { id } startedBy { id } resolvedBy { id }
          notes { body author { id } } timeToAcknowledgeSeconds timeToResolveSeconds } }`,
        { id: opened.id },
      ),
    ).faultCase;
    expect(full).toMatchObject({
      status: 'RESOLVED',
      machine: { id: machine.id, status: 'OK' },
      assignee: { id: team.repair.user.id },
      reportedBy: { kind: 'USER', id: team.technician.user.id },
      assignedBy: { id: team.manager.user.id },
      acknowledgedBy: { id: team.repair.user.id },
      startedBy: { id: team.repair.user.id },
      resolvedBy: { id: team.repair.user.id },
      notes: [{ body: 'Bearing replaced', author: { id: team.repair.user.id } }],
    });
    expect(full.timeToAcknowledgeSeconds).toBeGreaterThanOrEqual(0);
    expect(full.timeToResolveSeconds).toBeGreaterThanOrEqual(
      full.timeToAcknowledgeSeconds as number,
    );

    const log = await events(machine.id);
    expect(log.map((e) => e.type)).toEqual([
      MachineEventType.FAULT_OPENED,
      MachineEventType.STATUS_CHANGED,
      MachineEventType.FAULT_ASSIGNED,
      MachineEventType.FAULT_ACKNOWLEDGED,
      MachineEventType.FAULT_STARTED,
      MachineEventType.FAULT_NOTE_ADDED,
      MachineEventType.FAULT_RESOLVED,
      MachineEventType.STATUS_CHANGED,
    ]);
    const statusChanges = log.filter((e) => e.type === MachineEventType.STATUS_CHANGED);
    expect(statusChanges.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [MachineStatus.OK, MachineStatus.FAULT],
      [MachineStatus.FAULT, MachineStatus.OK],
    ]);
    expect(
      log
        .filter((e) => e.type !== MachineEventType.STATUS_CHANGED)
        .every((e) => e.faultCase?.id === opened.id),
    ).toBe(true);
    expect(log.every((e) => e.actorUser !== null && e.buildingId === machine.building.id)).toBe(
      true,
    );
    expect(log[0]!.data).toMatchObject({
      severity: 'CRITICAL',
      description: 'Spindle vibrates above 3000 rpm',
    });
    expect(log[2]!.data).toMatchObject({
      assigneeId: team.repair.user.id,
      assigneeName: team.repair.user.name,
    });
    expect(log[6]!.data).toMatchObject({ resolutionNote: 'Replaced the front bearing' });
  });

  it('leaves the machine on WARNING after resolution while a warning is still active', async () => {
    const machine = await factory.machine();
    const em = t.em();
    em.create(Warning, {
      machine: em.getReference(Machine, machine.id),
      message: 'Coolant low',
      raisedByUser: em.getReference(User, team.technician.user.id),
    });
    const m = await em.findOneOrFail(Machine, { id: machine.id });
    m.status = MachineStatus.WARNING;
    await em.flush();

    const fc = await openCase(machine.id);
    expect(await machineStatus(machine.id)).toBe(MachineStatus.FAULT);
    expectData(await as('manager', RESOLVE, { id: fc.id, note: 'Reset the drive' }));
    expect(await machineStatus(machine.id)).toBe(MachineStatus.WARNING);
    const changes = (await events(machine.id)).filter(
      (e) => e.type === MachineEventType.STATUS_CHANGED,
    );
    expect(changes.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [MachineStatus.WARNING, MachineStatus.FAULT],
      [MachineStatus.FAULT, MachineStatus.WARNING],
    ]);
  });

  it('keeps the machine on FAULT while another case is unresolved', async () => {
    const machine = await factory.machine();
    const first = await openCase(machine.id);
    await openCase(machine.id, 'technician', Severity.LOW);
    expectData(await as('manager', RESOLVE, { id: first.id, note: 'Done' }));
    expect(await machineStatus(machine.id)).toBe(MachineStatus.FAULT);
    expect(
      (await events(machine.id)).filter((e) => e.type === MachineEventType.STATUS_CHANGED),
    ).toHaveLength(1);
  });

  it('reopens a resolved case: OPEN again, reopenCount + 1, resolution cleared, machine FAULT', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.RESOLVED);
    expect(await machineStatus(machineId)).toBe(MachineStatus.OK);
    const reopened = expectData(
      await as<{ reopenFaultCase: CaseData }>('technician', REOPEN, {
        id: fc.id,
        reason: 'Vibrates again',
        v: fc.version,
      }),
    ).reopenFaultCase;
    expect(reopened).toMatchObject({
      status: 'OPEN',
      reopenCount: 1,
      resolvedAt: null,
      resolutionNote: null,
      acknowledgedAt: null,
      version: fc.version + 1,
    });
    expect(await machineStatus(machineId)).toBe(MachineStatus.FAULT);
    const row = await t.em().findOneOrFail(FaultCase, { id: fc.id });
    expect(row.resolvedBy).toBeNull();
    const last = (await events(machineId)).slice(-2);
    expect(last.map((e) => e.type)).toEqual([
      MachineEventType.FAULT_REOPENED,
      MachineEventType.STATUS_CHANGED,
    ]);
    expect(last[0]!.data).toMatchObject({
      reason: 'Vibrates again',
      reopenCount: 1,
      previousResolutionNote: 'Fixed',
    });
  });

  it('lets an API client with faults:write open a case, reported by the client', async () => {
    const building = await factory.building();
    const machine = await factory.machine({ building });
    const client = await createApiClient([ApiScope.FAULTS_WRITE], [building]);
    const res = await as<{ openFaultCase: { id: string; reportedBy: { kind: string } } }>(
      client,
      `mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { id reportedBy { kind name } } }`,
      {
        input: { machineId: machine.id, description: 'Sensor: pressure drop', severity: 'MEDIUM' },
      },
    );
    expect(expectData(res).openFaultCase.reportedBy.kind).toBe('API_CLIENT');
    const row = await t.em().findOneOrFail(FaultCase, { id: expectData(res).openFaultCase.id });
    expect(row.reportedByApiClient).not.toBeNull();
    expect(row.reportedByUser).toBeNull();
    const opened = (await events(machine.id)).find(
      (e) => e.type === MachineEventType.FAULT_OPENED,
    )!;
    expect(opened.actorApiClient).not.toBeNull();
  });
});

describe('transitions', () => {
  it.each([
    ['start an OPEN case', FaultStatus.OPEN, START, {}, FaultStatus.IN_PROGRESS],
    [
      'acknowledge an ACKNOWLEDGED case',
      FaultStatus.ACKNOWLEDGED,
      ACK,
      {},
      FaultStatus.ACKNOWLEDGED,
    ],
    ['acknowledge an IN_PROGRESS case', FaultStatus.IN_PROGRESS, ACK, {}, FaultStatus.ACKNOWLEDGED],
    ['start an IN_PROGRESS case', FaultStatus.IN_PROGRESS, START, {}, FaultStatus.IN_PROGRESS],
    [
      'resolve a RESOLVED case',
      FaultStatus.RESOLVED,
      RESOLVE,
      { note: 'again' },
      FaultStatus.RESOLVED,
    ],
    ['acknowledge a RESOLVED case', FaultStatus.RESOLVED, ACK, {}, FaultStatus.ACKNOWLEDGED],
    ['reopen an OPEN case', FaultStatus.OPEN, REOPEN, { reason: 'x' }, FaultStatus.OPEN],
    [
      'reopen an IN_PROGRESS case',
      FaultStatus.IN_PROGRESS,
      REOPEN,
      { reason: 'x' },
      FaultStatus.OPEN,
    ],
  ])('refuses to %s with BAD_USER_INPUT {from, to}', async (_name, status, mutation, vars, to) => {
    const { machineId, fc } = await caseIn(status);
    const before = await snapshot(fc.id, machineId);
    const res = await as('manager', mutation, { id: fc.id, ...vars });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.details).toEqual({ from: status, to });
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it.each([FaultStatus.OPEN, FaultStatus.ACKNOWLEDGED, FaultStatus.IN_PROGRESS])(
    'resolves from %s',
    async (status) => {
      const { machineId, fc } = await caseIn(status);
      expect(
        expectData(
          await as<{ resolveFaultCase: CaseData }>('manager', RESOLVE, { id: fc.id, note: 'ok' }),
        ).resolveFaultCase.status,
      ).toBe('RESOLVED');
      expect(await machineStatus(machineId)).toBe(MachineStatus.OK);
    },
  );

  it('refuses to edit or assign a resolved case', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.RESOLVED);
    const before = await snapshot(fc.id, machineId);
    expect(
      errorCode(
        await as('manager', UPDATE, {
          id: fc.id,
          input: { severity: 'LOW', expectedVersion: fc.version },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await as('manager', ASSIGN, { id: fc.id, assigneeId: otherRepair.user.id })),
    ).toBe('BAD_USER_INPUT');
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it('lets notes be added to a resolved case', async () => {
    const { fc } = await caseIn(FaultStatus.RESOLVED);
    expectData(await as('repair', NOTE, { id: fc.id, body: 'Part reordered for stock' }));
  });
});

describe('optimistic locking', () => {
  it('edits with the current version and bumps it', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.OPEN, null);
    const updated = expectData(
      await as<{ updateFaultCase: CaseData }>('technician', UPDATE, {
        id: fc.id,
        input: {
          description: ' Now also smoking ',
          severity: 'CRITICAL',
          expectedVersion: fc.version,
        },
      }),
    ).updateFaultCase;
    expect(updated).toMatchObject({
      description: 'Now also smoking',
      severity: 'CRITICAL',
      version: fc.version + 1,
    });
    const last = (await events(machineId)).at(-1)!;
    expect(last.type).toBe(MachineEventType.FAULT_UPDATED);
    expect(last.data).toEqual({
      description: 'Now also smoking',
      severity: { from: 'HIGH', to: 'CRITICAL' },
    });
  });

  it('refuses a stale version with CONFLICT carrying the current case, and overwrites nothing', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.OPEN, null);
    expectData(
      await as('manager', UPDATE, {
        id: fc.id,
        input: { severity: 'LOW', expectedVersion: fc.version },
      }),
    );
    const before = await snapshot(fc.id, machineId);
    const res = await as('technician', UPDATE, {
      id: fc.id,
      input: { description: 'Mine', expectedVersion: fc.version },
    });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0]!.extensions!.details).toMatchObject({
      currentVersion: fc.version + 1,
      current: { id: fc.id, severity: 'LOW' },
    });
    expect(await snapshot(fc.id, machineId)).toEqual(before);
    const row = await t.em().findOneOrFail(FaultCase, { id: fc.id });
    expect(row.description).toBe(fc.description);
  });

  it('lets exactly one of several concurrent edits with the same version win', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.OPEN, null);
    const eventsBefore = (await events(machineId)).length;
    const results = await Promise.all(
      ['one', 'two', 'three', 'four'].map((d, i) =>
        as<{ updateFaultCase: CaseData }>(i % 2 ? 'manager' : 'technician', UPDATE, {
          id: fc.id,
          input: { description: `Edit ${d}`, expectedVersion: fc.version },
        }),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const conflicts = results.filter((r) => errorCode(r) === 'CONFLICT');
    expect(conflicts).toHaveLength(3);
    for (const c of conflicts)
      expect(c.errors![0]!.extensions!.details).toMatchObject({ currentVersion: fc.version + 1 });
    const row = await t.em().findOneOrFail(FaultCase, { id: fc.id });
    expect(row.version).toBe(fc.version + 1);
    expect(row.description).toBe(winners[0]!.data!.updateFaultCase.description);
    expect((await events(machineId)).length).toBe(eventsBefore + 1);
  });

  it.each([
    ['assignFaultCase', ASSIGN, () => ({ assigneeId: otherRepair.user.id })],
    ['acknowledgeFaultCase', ACK, () => ({})],
    ['resolveFaultCase', RESOLVE, () => ({ note: 'x' })],
  ])('%s with a stale expectedVersion is a CONFLICT', async (_name, mutation, vars) => {
    const { machineId, fc } = await caseIn(FaultStatus.OPEN);
    const before = await snapshot(fc.id, machineId);
    const res = await as('manager', mutation, { id: fc.id, v: fc.version - 1, ...vars() });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it('reopen and start with a stale expectedVersion are a CONFLICT', async () => {
    const resolved = await caseIn(FaultStatus.RESOLVED);
    expect(errorCode(await as('manager', REOPEN, { id: resolved.fc.id, reason: 'x', v: 1 }))).toBe(
      'CONFLICT',
    );
    const acked = await caseIn(FaultStatus.ACKNOWLEDGED);
    expect(errorCode(await as('manager', START, { id: acked.fc.id, v: 1 }))).toBe('CONFLICT');
  });
});

describe('object-level rules for repair staff', () => {
  it.each([
    ['acknowledge', FaultStatus.OPEN, ACK, {}],
    ['start', FaultStatus.ACKNOWLEDGED, START, {}],
    ['note', FaultStatus.IN_PROGRESS, NOTE, { body: 'sneaky' }],
    ['resolve', FaultStatus.IN_PROGRESS, RESOLVE, { note: 'sneaky' }],
    ['read', FaultStatus.IN_PROGRESS, GET, {}],
  ])(
    'refuses %s on a case assigned to someone else with FORBIDDEN',
    async (_name, status, op, vars) => {
      const { machineId, fc } = await caseIn(status, team.repair);
      const before = await snapshot(fc.id, machineId);
      const res = await as('otherRepair', op, { id: fc.id, ...vars });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.data?.faultCase ?? null).toBeNull();
      expect(await snapshot(fc.id, machineId)).toEqual(before);
    },
  );

  it('refuses repair staff on an unassigned case', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.OPEN, null);
    const before = await snapshot(fc.id, machineId);
    expect(errorCode(await as('repair', ACK, { id: fc.id }))).toBe('FORBIDDEN');
    expect(errorCode(await as('repair', GET, { id: fc.id }))).toBe('FORBIDDEN');
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it('refuses a technician who tries to resolve, with FORBIDDEN', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.IN_PROGRESS);
    const before = await snapshot(fc.id, machineId);
    expect(errorCode(await as('technician', RESOLVE, { id: fc.id, note: 'done' }))).toBe(
      'FORBIDDEN',
    );
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it('hides the notes of a foreign case inside machine { openFaultCase { notes } }', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.IN_PROGRESS, team.repair);
    expectData(await as('repair', NOTE, { id: fc.id, body: 'Secret: the bypass code is 1234' }));
    const query = `query ($id: ID!) { machine(id: $id) { id openFaultCase { id notes { body } } } }`;
    const res = await as('otherRepair', query, { id: machineId });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors![0]!.path).toEqual(['machine', 'openFaultCase', 'notes']);
    expect(JSON.stringify(res)).not.toContain('1234');
    expect(res.data).toMatchObject({
      machine: { id: machineId, openFaultCase: { id: fc.id, notes: null } },
    });

    // The assignee, managers and technicians read them.
    for (const who of ['repair', 'manager', 'technician'] as const) {
      const ok = expectData(
        await as<{ machine: { openFaultCase: { notes: { body: string }[] } } }>(who, query, {
          id: machineId,
        }),
      );
      expect(ok.machine.openFaultCase.notes.map((n) => n.body)).toEqual([
        'Secret: the bypass code is 1234',
      ]);
    }
  });

  it('refuses the notes of foreign cases in the faultCases list too', async () => {
    const { fc } = await caseIn(FaultStatus.OPEN, team.repair);
    expectData(await as('repair', NOTE, { id: fc.id, body: 'visible to me' }));
    const mine = expectData(
      await as<{ faultCases: { nodes: { id: string; notes: { body: string }[] }[] } }>(
        'repair',
        `{ faultCases(first: 100) { nodes { id notes { body } } } }`,
      ),
    );
    expect(mine.faultCases.nodes.find((n) => n.id === fc.id)!.notes.map((n) => n.body)).toEqual([
      'visible to me',
    ]);
    const theirs = expectData(
      await as<{ faultCases: { nodes: { id: string }[] } }>(
        'otherRepair',
        `{ faultCases(first: 100) { nodes { id notes { body } } } }`,
      ),
    );
    expect(theirs.faultCases.nodes.find((n) => n.id === fc.id)).toBeUndefined();
  });
});

// The read side of the grid — every path to a case (nested lists, events, notes, subscriptions,
// REST) for every viewer and every FaultCase field — is in fault-case.read-grid.test.ts.
describe('role grid', () => {
  type Row = {
    name: string;
    status: FaultStatus;
    query: string;
    vars: (fc: CaseData) => Record<string, unknown>;
    allowed: Who[];
  };
  const rows: Row[] = [
    {
      name: 'updateFaultCase',
      status: FaultStatus.OPEN,
      query: UPDATE,
      vars: (fc) => ({ input: { severity: 'LOW', expectedVersion: fc.version } }),
      allowed: ['manager', 'technician'],
    },
    {
      name: 'assignFaultCase',
      status: FaultStatus.OPEN,
      query: ASSIGN,
      vars: () => ({ assigneeId: otherRepair.user.id }),
      allowed: ['manager'],
    },
    {
      name: 'acknowledgeFaultCase',
      status: FaultStatus.OPEN,
      query: ACK,
      vars: () => ({}),
      allowed: ['manager', 'technician', 'repair'],
    },
    {
      name: 'startRepair',
      status: FaultStatus.ACKNOWLEDGED,
      query: START,
      vars: () => ({}),
      allowed: ['manager', 'technician', 'repair'],
    },
    {
      name: 'addFaultNote',
      status: FaultStatus.IN_PROGRESS,
      query: NOTE,
      vars: () => ({ body: 'note' }),
      allowed: ['manager', 'technician', 'repair'],
    },
    {
      name: 'resolveFaultCase',
      status: FaultStatus.IN_PROGRESS,
      query: RESOLVE,
      vars: () => ({ note: 'fixed' }),
      allowed: ['manager', 'repair'],
    },
    {
      name: 'reopenFaultCase',
      status: FaultStatus.RESOLVED,
      query: REOPEN,
      vars: () => ({ reason: 'again' }),
      allowed: ['manager', 'technician'],
    },
  ];
  const everyone: Who[] = ['manager', 'technician', 'repair', 'anonymous'];

  for (const row of rows) {
    for (const who of everyone) {
      const allowed = row.allowed.includes(who);
      const expected = allowed ? 'succeeds' : who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${row.name} as ${who}: ${expected}`, async () => {
        const { machineId, fc } = await caseIn(row.status, team.repair);
        const before = await snapshot(fc.id, machineId);
        const res = await as(who, row.query, { id: fc.id, ...row.vars(fc) });
        if (allowed) {
          expectData(res);
          expect((await snapshot(fc.id, machineId)).events).toBeGreaterThan(before.events);
        } else {
          expect(errorCode(res)).toBe(expected);
          expect(res.data?.[row.name as keyof typeof res.data] ?? null).toBeNull();
          expect(await snapshot(fc.id, machineId)).toEqual(before);
        }
      });
    }
    it(`${row.name} as an API client (even with faults:write): FORBIDDEN`, async () => {
      const client = await createApiClient([
        ApiScope.FAULTS_WRITE,
        ApiScope.MACHINES_READ,
        ApiScope.WARNINGS_WRITE,
      ]);
      const { machineId, fc } = await caseIn(row.status, team.repair);
      const before = await snapshot(fc.id, machineId);
      expect(errorCode(await as(client, row.query, { id: fc.id, ...row.vars(fc) }))).toBe(
        'FORBIDDEN',
      );
      expect(await snapshot(fc.id, machineId)).toEqual(before);
    });
  }

  it.each([
    ['manager', true],
    ['technician', true],
    ['repair', false],
    ['anonymous', false],
  ] as const)('openFaultCase as %s', async (who, allowed) => {
    const machine = await factory.machine();
    const res = await as(who, OPEN, {
      input: { machineId: machine.id, description: 'Leak', severity: 'LOW' },
    });
    if (allowed) expectData(res);
    else expect(errorCode(res)).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    expect(await t.em().count(FaultCase, { machine: machine.id })).toBe(allowed ? 1 : 0);
    expect(await machineStatus(machine.id)).toBe(allowed ? MachineStatus.FAULT : MachineStatus.OK);
  });

  it('openFaultCase refuses API clients without faults:write, or limited to another building', async () => {
    const building = await factory.building();
    const machine = await factory.machine();
    const noScope = await createApiClient([ApiScope.MACHINES_READ, ApiScope.WARNINGS_WRITE]);
    const elsewhere = await createApiClient([ApiScope.FAULTS_WRITE], [building]);
    const input = { machineId: machine.id, description: 'Leak', severity: 'LOW' };
    expect(errorCode(await as(noScope, OPEN, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await as(elsewhere, OPEN, { input }))).toBe('FORBIDDEN');
    expect(await t.em().count(FaultCase, { machine: machine.id })).toBe(0);
    expect(await t.em().count(MachineEvent, { machine: machine.id })).toBe(0);
  });

  it('queries: anonymous UNAUTHENTICATED, API clients FORBIDDEN', async () => {
    const { fc } = await caseIn(FaultStatus.OPEN);
    const client = await createApiClient([ApiScope.FAULTS_WRITE, ApiScope.MACHINES_READ]);
    expect(errorCode(await as('anonymous', GET, { id: fc.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await as('anonymous', '{ faultCases { totalCount } }'))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await as(client, GET, { id: fc.id }))).toBe('FORBIDDEN');
    expect(errorCode(await as(client, '{ faultCases { totalCount } }'))).toBe('FORBIDDEN');
  });
});

describe('bad input', () => {
  it.each([
    ['empty description', { description: '' }],
    ['blank description', { description: '   \n ' }],
    ['too long description', { description: 'x'.repeat(2001) }],
    ['wrong severity enum', { severity: 'APOCALYPTIC' }],
    ['malformed machine id', { machineId: 'not-a-uuid' }],
    ['unknown machine id', { machineId: '00000000-0000-4000-8000-000000000000' }],
  ])('openFaultCase with %s: BAD_USER_INPUT, nothing created', async (_kind, override) => {
    const machine = await factory.machine();
    const before = await t.em().count(FaultCase, {});
    const res = await as('manager', OPEN, {
      input: { machineId: machine.id, description: 'Leak', severity: 'LOW', ...override },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await t.em().count(FaultCase, {})).toBe(before);
    expect(await t.em().count(MachineEvent, { machine: machine.id })).toBe(0);
  });

  it('accepts a description of exactly 2000 characters', async () => {
    const machine = await factory.machine();
    expectData(
      await as('manager', OPEN, {
        input: { machineId: machine.id, description: 'y'.repeat(2000), severity: 'LOW' },
      }),
    );
    const opened = (await events(machine.id))[0]!;
    expect((opened.data.description as string).length).toBeLessThanOrEqual(200);
  });

  it('openFaultCase on an archived machine: BAD_USER_INPUT', async () => {
    const machine = await factory.machine();
    const em = t.em();
    (await em.findOneOrFail(Machine, { id: machine.id })).archived = true;
    await em.flush();
    expect(
      errorCode(
        await as('manager', OPEN, {
          input: { machineId: machine.id, description: 'Leak', severity: 'LOW' },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await t.em().count(FaultCase, { machine: machine.id })).toBe(0);
  });

  it.each([
    ['blank description', { description: '  ' }],
    ['too long description', { description: 'z'.repeat(2001) }],
    ['wrong severity enum', { severity: 'NOPE' }],
    ['missing expectedVersion', { expectedVersion: undefined }],
  ])('updateFaultCase with %s: BAD_USER_INPUT', async (_kind, override) => {
    const { machineId, fc } = await caseIn(FaultStatus.OPEN, null);
    const before = await snapshot(fc.id, machineId);
    const res = await as('manager', UPDATE, {
      id: fc.id,
      input: { severity: 'LOW', expectedVersion: fc.version, ...override },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it('assignFaultCase to anyone but an active repair worker: BAD_USER_INPUT', async () => {
    const inactive = await factory.user(Role.REPAIR, { active: false });
    const { machineId, fc } = await caseIn(FaultStatus.OPEN, null);
    const before = await snapshot(fc.id, machineId);
    for (const assigneeId of [
      team.technician.user.id,
      team.manager.user.id,
      inactive.user.id,
      '00000000-0000-4000-8000-000000000000',
      'nope',
    ]) {
      expect(errorCode(await as('manager', ASSIGN, { id: fc.id, assigneeId }))).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it.each([
    ['empty', ''],
    ['blank', '  '],
    ['too long', 'n'.repeat(5001)],
  ])('addFaultNote with a %s body: BAD_USER_INPUT', async (_kind, body) => {
    const { machineId, fc } = await caseIn(FaultStatus.IN_PROGRESS);
    const before = await snapshot(fc.id, machineId);
    expect(errorCode(await as('repair', NOTE, { id: fc.id, body }))).toBe('BAD_USER_INPUT');
    expect(await snapshot(fc.id, machineId)).toEqual(before);
  });

  it('blank resolution note or reopen reason: BAD_USER_INPUT', async () => {
    const open = await caseIn(FaultStatus.OPEN);
    expect(errorCode(await as('manager', RESOLVE, { id: open.fc.id, note: ' ' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await as('manager', RESOLVE, { id: open.fc.id, note: 'r'.repeat(5001) })),
    ).toBe('BAD_USER_INPUT');
    const resolved = await caseIn(FaultStatus.RESOLVED);
    expect(errorCode(await as('manager', REOPEN, { id: resolved.fc.id, reason: '' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await t.em().findOneOrFail(FaultCase, { id: open.fc.id })).status).toBe(
      FaultStatus.OPEN,
    );
    expect((await t.em().findOneOrFail(FaultCase, { id: resolved.fc.id })).status).toBe(
      FaultStatus.RESOLVED,
    );
  });

  it.each([
    ['updateFaultCase', UPDATE, { input: { severity: 'LOW', expectedVersion: 1 } }],
    ['assignFaultCase', ASSIGN, { assigneeId: '' }],
    ['acknowledgeFaultCase', ACK, {}],
    ['startRepair', START, {}],
    ['addFaultNote', NOTE, { body: 'x' }],
    ['resolveFaultCase', RESOLVE, { note: 'x' }],
    ['reopenFaultCase', REOPEN, { reason: 'x' }],
    ['faultCase', GET, {}],
  ])('%s: malformed id -> BAD_USER_INPUT, unknown id -> NOT_FOUND', async (_name, op, vars) => {
    const fix = op === ASSIGN ? { assigneeId: team.repair.user.id } : {};
    expect(errorCode(await as('manager', op, { ...vars, ...fix, id: 'garbage' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await as('manager', op, { ...vars, ...fix, id: '9b2f0e0a-1111-4222-8333-444455556666' }),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('queries', () => {
  it('lists newest first with filters and cursor pagination', async () => {
    const building = await factory.building();
    const m1 = await factory.machine({ building });
    const m2 = await factory.machine({ building });
    const a = await openCase(m1.id, 'manager', Severity.LOW);
    const b = await openCase(m2.id, 'technician', Severity.CRITICAL);
    const c = await openCase(m1.id, 'manager', Severity.CRITICAL);
    expectData(await as('manager', RESOLVE, { id: a.id, note: 'ok' }));

    const Q = `query ($filter: FaultCaseFilter, $first: Int, $after: String) { faultCases(filter: $filter, first: $first, after: $after) {
      totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
    type R = {
      faultCases: {
        totalCount: number;
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const all = expectData(
      await as<R>('manager', Q, { filter: { buildingIds: [building.id] } }),
    ).faultCases;
    expect(all.nodes.map((n) => n.id)).toEqual([c.id, b.id, a.id]);
    expect(all.totalCount).toBe(3);

    const page1 = expectData(
      await as<R>('manager', Q, { filter: { buildingIds: [building.id] }, first: 2 }),
    ).faultCases;
    expect(page1.nodes.map((n) => n.id)).toEqual([c.id, b.id]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = expectData(
      await as<R>('manager', Q, {
        filter: { buildingIds: [building.id] },
        first: 2,
        after: page1.pageInfo.endCursor,
      }),
    ).faultCases;
    expect(page2.nodes.map((n) => n.id)).toEqual([a.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const ids = async (filter: Record<string, unknown>, who: Who = 'manager') =>
      expectData(
        await as<R>(who, Q, { filter: { buildingIds: [building.id], ...filter } }),
      ).faultCases.nodes.map((n) => n.id);
    expect(await ids({ machineIds: [m1.id] })).toEqual([c.id, a.id]);
    expect(await ids({ statuses: ['OPEN'] })).toEqual([c.id, b.id]);
    expect(await ids({ severities: ['CRITICAL'], statuses: ['OPEN', 'RESOLVED'] })).toEqual([
      c.id,
      b.id,
    ]);
    expect(await ids({ onlyMine: true }, 'technician')).toEqual([b.id]);
    expect(await ids({ openedFrom: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await ids({ openedTo: new Date(Date.now() + 60_000).toISOString() })).toEqual([
      c.id,
      b.id,
      a.id,
    ]);

    expectData(await as('manager', ASSIGN, { id: b.id, assigneeId: team.repair.user.id }));
    expect(await ids({ assigneeId: team.repair.user.id })).toEqual([b.id]);
    // Repair staff see their own cases only, whatever they ask for.
    expect(await ids({}, 'repair')).toEqual([b.id]);
    expect(await ids({ assigneeId: otherRepair.user.id }, 'repair')).toEqual([]);
    expect(await ids({}, 'otherRepair')).toEqual([]);
  });

  it('rejects first > 100, a bad cursor and malformed filter ids with BAD_USER_INPUT', async () => {
    expect(errorCode(await as('manager', '{ faultCases(first: 101) { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as('manager', '{ faultCases(first: 0) { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await as('manager', '{ faultCases(after: "garbage") { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await as('manager', '{ faultCases(filter: { machineIds: ["x"] }) { totalCount } }'),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await as(
          'manager',
          'query ($s: [FaultStatus!]) { faultCases(filter: { statuses: $s }) { totalCount } }',
          { s: ['BROKEN'] },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it("filters the dispatcher's queue (unassigned) and a window of opening times, per role", async () => {
    const building = await factory.building();
    const machine = await factory.machine({ building });
    const old = await openCase(machine.id, 'manager', Severity.LOW);
    const mid = await openCase(machine.id, 'technician', Severity.HIGH);
    const recent = await openCase(machine.id, 'manager', Severity.CRITICAL);
    const em = t.em();
    await em.nativeUpdate(
      FaultCase,
      { id: old.id },
      { openedAt: new Date('2026-01-10T08:00:00Z') },
    );
    await em.nativeUpdate(
      FaultCase,
      { id: mid.id },
      { openedAt: new Date('2026-01-15T08:00:00Z') },
    );
    expectData(await as('manager', ASSIGN, { id: mid.id, assigneeId: team.repair.user.id }));

    const Q = `query ($filter: FaultCaseFilter) { faultCases(filter: $filter) { totalCount nodes { id } } }`;
    type R = { faultCases: { totalCount: number; nodes: { id: string }[] } };
    const ids = async (filter: Record<string, unknown>, who: Who = 'manager') => {
      const page = expectData(
        await as<R>(who, Q, { filter: { buildingIds: [building.id], ...filter } }),
      ).faultCases;
      expect(page.totalCount).toBe(page.nodes.length);
      return page.nodes.map((n) => n.id);
    };

    // Nobody on it yet: what a manager still has to dispatch.
    expect(await ids({ unassigned: true })).toEqual([recent.id, old.id]);
    expect(await ids({ unassigned: true }, 'technician')).toEqual([recent.id, old.id]);
    expect(await ids({ unassigned: false })).toEqual([recent.id, mid.id, old.id]);
    expect(await ids({ unassigned: true, severities: ['LOW'] })).toEqual([old.id]);

    // openedFrom is inclusive, openedTo exclusive: whole days chain without overlap.
    const day = (d: string) => `2026-01-${d}T00:00:00.000Z`;
    expect(await ids({ openedFrom: day('10'), openedTo: day('15') })).toEqual([old.id]);
    expect(await ids({ openedFrom: day('15'), openedTo: day('16') })).toEqual([mid.id]);
    expect(await ids({ openedFrom: day('10'), openedTo: day('16') })).toEqual([mid.id, old.id]);
    expect(await ids({ openedFrom: '2026-01-10T08:00:00.000Z', openedTo: day('11') })).toEqual([
      old.id,
    ]);
    expect(await ids({ openedTo: '2026-01-10T08:00:00.000Z' })).toEqual([]);
    expect(await ids({ openedFrom: day('16') })).toEqual([recent.id]);

    // Repair staff: their own cases only, whatever the filter asks for.
    expect(await ids({}, 'repair')).toEqual([mid.id]);
    expect(await ids({ unassigned: true }, 'repair')).toEqual([]);
    expect(await ids({ openedFrom: day('15'), openedTo: day('16') }, 'repair')).toEqual([mid.id]);
    expect(await ids({ openedFrom: day('10'), openedTo: day('15') }, 'repair')).toEqual([]);
    expect(await ids({ statuses: ['OPEN'] }, 'otherRepair')).toEqual([]);
  });

  it('refuses contradictory or malformed filters with BAD_USER_INPUT, for every role', async () => {
    const Q = `query ($filter: FaultCaseFilter) { faultCases(filter: $filter) { totalCount } }`;
    const details = (r: GqlResult<unknown>) =>
      r.errors?.[0]?.extensions?.details as { field?: string } | undefined;
    for (const who of ['manager', 'technician', 'repair'] as const) {
      const both = await as(who, Q, {
        filter: { unassigned: true, assigneeId: team.repair.user.id },
      });
      expect(errorCode(both)).toBe('BAD_USER_INPUT');
      expect(details(both)?.field).toBe('unassigned');

      for (const [from, to] of [
        ['2026-02-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
        ['2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ]) {
        const backwards = await as(who, Q, { filter: { openedFrom: from, openedTo: to } });
        expect(errorCode(backwards)).toBe('BAD_USER_INPUT');
        expect(details(backwards)?.field).toBe('openedTo');
      }
      for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '']) {
        expect(errorCode(await as(who, Q, { filter: { openedFrom: bad } }))).toBe('BAD_USER_INPUT');
      }
      expect(errorCode(await as(who, Q, { filter: { severities: ['URGENT'] } }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await as(who, Q, { filter: { assigneeId: 'nobody' } }))).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(errorCode(await as('anonymous', Q, { filter: { unassigned: true } }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('faultCase(id) returns the case to staff and its assignee', async () => {
    const { fc } = await caseIn(FaultStatus.OPEN, team.repair);
    for (const who of ['manager', 'technician', 'repair'] as const) {
      expect(
        expectData(await as<{ faultCase: CaseData }>(who, GET, { id: fc.id })).faultCase.id,
      ).toBe(fc.id);
    }
  });

  it('faultCase(id) { lastEventId } is the newest event the read reflects, for every reader', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.IN_PROGRESS, team.repair);
    const head = async () =>
      Number(
        (
          await t
            .em()
            .getConnection()
            .execute<{ max: string }[]>('select max(id)::text as max from machine_events')
        )[0]!.max,
      );
    for (const who of ['manager', 'technician', 'repair'] as const) {
      const read = expectData(
        await as<{ faultCase: { lastEventId: string | null } }>(
          who,
          'query ($id: ID!) { faultCase(id: $id) { lastEventId } }',
          { id: fc.id },
        ),
      ).faultCase;
      expect(Number(read.lastEventId)).toBe(await head());
    }
    // Not a snapshot when reached through another object (a list, a mutation, a machine).
    const other = expectData(
      await as<{
        faultCases: { nodes: { lastEventId: string | null }[] };
        machine: { openFaultCase: { lastEventId: string | null } };
      }>(
        'manager',
        `query ($m: ID!) { faultCases(filter: { machineIds: [$m] }) { nodes { lastEventId } }
           machine(id: $m) { openFaultCase { lastEventId } } }`,
        { m: machineId },
      ),
    );
    expect(other.faultCases.nodes).toEqual([{ lastEventId: null }]);
    expect(other.machine.openFaultCase.lastEventId).toBeNull();
    const note = await as<{ addFaultNote: { faultCase: { lastEventId: string | null } } }>(
      'repair',
      'mutation ($id: ID!) { addFaultNote(faultCaseId: $id, body: "x") { faultCase { lastEventId } } }',
      { id: fc.id },
    );
    expect(expectData(note).addFaultNote.faultCase.lastEventId).toBeNull();
  });

  it('faultCase { lastEventId } + machineEvents(since, machineIds) carries every later change of the case, once', async () => {
    const { machineId, fc } = await caseIn(FaultStatus.ACKNOWLEDGED, team.repair);
    const read = expectData(
      await as<{ faultCase: { lastEventId: string; version: number } }>(
        'repair',
        'query ($id: ID!) { faultCase(id: $id) { lastEventId version } }',
        { id: fc.id },
      ),
    ).faultCase;
    // Changes after the read, before anyone subscribes: they must be replayed.
    expectData(await as('repair', START, { id: fc.id, v: read.version }));
    expectData(await as('technician', NOTE, { id: fc.id, body: 'Seal ordered' }));
    const socket = connectSocket(t.url, team.repair.token);
    const sub = socket.subscribe<{ machineEvents: { id: string; type: string } }>(
      `subscription ($since: ID, $m: [ID!]) { machineEvents(since: $since, machineIds: $m) { id type } }`,
      { since: read.lastEventId, m: [machineId] },
    );
    const got = await sub.waitFor(2, 10_000);
    expect(got.map((e) => e.machineEvents.type)).toEqual(['FAULT_STARTED', 'FAULT_NOTE_ADDED']);
    expect(got.every((e) => Number(e.machineEvents.id) > Number(read.lastEventId))).toBe(true);
    await socket.dispose();
  });

  it('faultCase(id) keeps its read rule: another repair worker FORBIDDEN, anonymous UNAUTHENTICATED, unknown NOT_FOUND', async () => {
    const { fc } = await caseIn(FaultStatus.OPEN, team.repair);
    const Q = 'query ($id: ID!) { faultCase(id: $id) { id lastEventId } }';
    const foreign = await as('otherRepair', Q, { id: fc.id });
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    expect(foreign.data).toBeNull();
    expect(errorCode(await as('anonymous', Q, { id: fc.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await as('manager', Q, { id: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await as('manager', Q, { id: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
  });
});
