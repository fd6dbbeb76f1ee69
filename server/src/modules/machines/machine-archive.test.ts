import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { FaultStatus } from '../faults/fault-case.enums.js';
import { Warning } from '../warnings/warning.entity.js';
import { Machine } from './machine.entity.js';
import { MachineStatus } from './machine.status.js';

/**
 * Archiving takes a machine off every board. A plant must not lose a breakdown that way: a
 * machine with an unresolved fault case cannot be archived (CONFLICT naming the cases), and
 * its active warnings end with it, each with its WARNING_CLEARED event, in the same
 * transaction as the archive and the status they leave behind.
 */
let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

const ARCHIVE = 'mutation ($id: ID!) { archiveMachine(id: $id) { id archived archivedAt status } }';
const OPEN = `mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { id } }`;
const ASSIGN = `mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }`;
const ACK = `mutation ($id: ID!) { acknowledgeFaultCase(id: $id) { id } }`;
const START = `mutation ($id: ID!) { startRepair(id: $id) { id } }`;
const RESOLVE = `mutation ($id: ID!) { resolveFaultCase(id: $id, resolutionNote: "Fixed") { id } }`;
const REOPEN = `mutation ($id: ID!) { reopenFaultCase(id: $id, reason: "Again") { id } }`;
const RAISE = `mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }`;
const LIST = `query ($filter: MachineFilter) { machines(filter: $filter, first: 100) { nodes { id archived status } } }`;

function asManager<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return t.gql<T>(query, variables, { token: team.manager.token });
}

async function openCase(machineId: string): Promise<string> {
  const res = await asManager<{ openFaultCase: { id: string } }>(OPEN, {
    input: { machineId, description: 'Hydraulic leak', severity: 'HIGH' },
  });
  return expectData(res).openFaultCase.id;
}

async function raiseWarning(machineId: string, code: string): Promise<string> {
  const res = await asManager<{ raiseWarning: { id: string } }>(RAISE, {
    input: { machineId, message: `Condition ${code}`, code },
  });
  return expectData(res).raiseWarning.id;
}

/** Everything an archive could change about a machine. */
async function snapshot(machineId: string) {
  const em = t.em();
  const machine = await em.findOneOrFail(Machine, { id: machineId });
  const cases = await em.find(FaultCase, { machine: machineId }, { orderBy: { id: 'asc' } });
  const warnings = await em.find(Warning, { machine: machineId }, { orderBy: { id: 'asc' } });
  return {
    machine: { archived: machine.archived, archivedAt: machine.archivedAt, status: machine.status },
    cases: cases.map((c) => ({ id: c.id, status: c.status, version: c.version })),
    warnings: warnings.map((w) => ({ id: w.id, clearedAt: w.clearedAt })),
    events: await em.count(MachineEvent, { machine: machineId }),
  };
}

async function boardIds(filter: Record<string, unknown>): Promise<string[]> {
  const res = await asManager<{ machines: { nodes: { id: string }[] } }>(LIST, { filter });
  return expectData(res).machines.nodes.map((m) => m.id);
}

describe('archiveMachine with unresolved fault cases', () => {
  it('refuses with CONFLICT listing every unresolved case, and changes nothing', async () => {
    const building = await f.building();
    const machine = await f.machine({ building });
    const open = await openCase(machine.id);
    const inProgress = await openCase(machine.id);
    expectData(await asManager(ASSIGN, { id: inProgress, a: team.repair.user.id }));
    expectData(await asManager(ACK, { id: inProgress }));
    expectData(await asManager(START, { id: inProgress }));
    const resolved = await openCase(machine.id);
    expectData(await asManager(RESOLVE, { id: resolved }));
    await raiseWarning(machine.id, 'TEMP_HIGH');
    const before = await snapshot(machine.id);
    expect(before.machine.status).toBe(MachineStatus.FAULT);

    const res = await asManager(ARCHIVE, { id: machine.id });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.data).toBeNull();
    const details = res.errors![0]!.extensions!.details as { faultCaseIds: string[] };
    expect([...details.faultCaseIds].sort()).toEqual([open, inProgress].sort());

    expect(await snapshot(machine.id)).toEqual(before);
    expect(await boardIds({ buildingIds: [building.id] })).toEqual([machine.id]);
  });

  it('archives once the last case is resolved', async () => {
    const machine = await f.machine();
    const fc = await openCase(machine.id);
    expect(errorCode(await asManager(ARCHIVE, { id: machine.id }))).toBe('CONFLICT');
    expectData(await asManager(RESOLVE, { id: fc }));
    const archived = expectData(
      await asManager<{ archiveMachine: { archived: boolean; status: string } }>(ARCHIVE, {
        id: machine.id,
      }),
    );
    expect(archived.archiveMachine).toMatchObject({ archived: true, status: MachineStatus.OK });
  });

  it('refuses other roles before looking at the machine', async () => {
    const machine = await f.machine();
    await openCase(machine.id);
    const before = await snapshot(machine.id);
    for (const who of ['technician', 'repair'] as const) {
      const res = await t.gql(ARCHIVE, { id: machine.id }, { token: team[who].token });
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(ARCHIVE, { id: machine.id }))).toBe('UNAUTHENTICATED');
    expect(await snapshot(machine.id)).toEqual(before);
  });
});

describe('archiveMachine with active warnings', () => {
  it('clears them with their events, recomputes the status, and leaves the boards; history stays', async () => {
    const building = await f.building();
    const machine = await f.machine({ building });
    const stays = await f.machine({ building });
    const hot = await raiseWarning(machine.id, 'TEMP_HIGH');
    const loud = await raiseWarning(machine.id, 'NOISE');
    const old = await openCase(machine.id);
    expectData(await asManager(RESOLVE, { id: old }));
    const before = await snapshot(machine.id);
    expect(before.machine.status).toBe(MachineStatus.WARNING);

    const res = await asManager<{
      archiveMachine: { archived: boolean; archivedAt: string; status: string };
    }>(ARCHIVE, { id: machine.id });
    expect(expectData(res).archiveMachine).toMatchObject({
      archived: true,
      status: MachineStatus.OK,
    });

    const em = t.em();
    const warnings = await em.find(Warning, { machine: machine.id });
    expect(warnings.map((w) => w.id).sort()).toEqual([hot, loud].sort());
    for (const w of warnings) {
      expect(w.clearedAt).not.toBeNull();
      expect(w.clearedByUser?.id).toBe(team.manager.user.id);
    }
    const written = await em.find(
      MachineEvent,
      { machine: machine.id },
      { orderBy: { id: 'asc' }, offset: before.events },
    );
    expect(written.map((e) => e.type).sort()).toEqual(
      [
        MachineEventType.WARNING_CLEARED,
        MachineEventType.WARNING_CLEARED,
        MachineEventType.MACHINE_ARCHIVED,
        MachineEventType.STATUS_CHANGED,
      ].sort(),
    );
    expect(
      written
        .filter((e) => e.type === MachineEventType.WARNING_CLEARED)
        .map((e) => e.warning?.id)
        .sort(),
    ).toEqual([hot, loud].sort());
    const change = written.find((e) => e.type === MachineEventType.STATUS_CHANGED)!;
    expect([change.fromStatus, change.toStatus]).toEqual([MachineStatus.WARNING, MachineStatus.OK]);
    expect(new Set(written.map((e) => e.actorUser?.id))).toEqual(new Set([team.manager.user.id]));

    // Off the board (the default filter), still there on request, history kept.
    expect(await boardIds({ buildingIds: [building.id] })).toEqual([stays.id]);
    expect((await boardIds({ buildingIds: [building.id], includeArchived: true })).sort()).toEqual(
      [machine.id, stays.id].sort(),
    );
    const log = expectData(
      await asManager<{ machineEvents: { totalCount: number } }>(
        'query ($m: [ID!]) { machineEvents(filter: { machineIds: $m }) { totalCount } }',
        { m: [machine.id] },
      ),
    );
    expect(log.machineEvents.totalCount).toBe(before.events + written.length);
    expect(await em.count(FaultCase, { machine: machine.id })).toBe(1);
  });

  it('archiving an archived machine again changes nothing', async () => {
    const machine = await f.machine();
    await raiseWarning(machine.id, 'TEMP_HIGH');
    expectData(await asManager(ARCHIVE, { id: machine.id }));
    const before = await snapshot(machine.id);
    expect(expectData(await asManager(ARCHIVE, { id: machine.id }))).toMatchObject({
      archiveMachine: { archived: true },
    });
    expect(await snapshot(machine.id)).toEqual(before);
  });
});

describe('an archived machine stays without unresolved cases', () => {
  it('refuses to reopen a case of an archived machine with BAD_USER_INPUT, nothing changed', async () => {
    const machine = await f.machine();
    const fc = await openCase(machine.id);
    expectData(await asManager(RESOLVE, { id: fc }));
    expectData(await asManager(ARCHIVE, { id: machine.id }));
    const before = await snapshot(machine.id);
    expect(errorCode(await asManager(REOPEN, { id: fc }))).toBe('BAD_USER_INPUT');
    expect(await snapshot(machine.id)).toEqual(before);
    expect(before.cases).toEqual([expect.objectContaining({ status: FaultStatus.RESOLVED })]);
    expect(before.machine.status).toBe(MachineStatus.OK);
  });

  it('still lets repair staff finish a case left open on an archived machine by older versions', async () => {
    const machine = await f.machine();
    const fc = await openCase(machine.id);
    expectData(await asManager(ASSIGN, { id: fc, a: team.repair.user.id }));
    // The state the old archive left behind: archived, FAULT, case open.
    await t
      .em()
      .nativeUpdate(Machine, { id: machine.id }, { archived: true, archivedAt: new Date() });
    const repair = (q: string) => t.gql(q, { id: fc }, { token: team.repair.token });
    expectData(await repair(ACK));
    expectData(await repair(START));
    expectData(await repair(RESOLVE));
    expect((await t.em().findOneOrFail(Machine, { id: machine.id })).status).toBe(MachineStatus.OK);
  });
});
