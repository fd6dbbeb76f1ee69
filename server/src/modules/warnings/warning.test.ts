import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Machine } from '../machines/machine.entity.js';
import { MachineStatus } from '../machines/machine.status.js';
import { Warning } from './warning.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

interface WarningView {
  id: string;
  message: string;
  code: string | null;
  active: boolean;
  repeatCount: number;
  clearedAt: string | null;
  machine: { id: string; status: MachineStatus };
  raisedBy: { kind: string; id: string } | null;
  clearedBy: { kind: string; id: string } | null;
}

const FIELDS =
  'id message code active repeatCount clearedAt machine { id status } raisedBy { kind id name } clearedBy { kind id name }';
const RAISE = `mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { ${FIELDS} } }`;
const CLEAR = `mutation ($id: ID, $machineId: ID, $code: String) { clearWarning(id: $id, machineId: $machineId, code: $code) { ${FIELDS} } }`;

async function raise(token: string, input: Record<string, unknown>): Promise<WarningView> {
  return expectData(await t.gql<{ raiseWarning: WarningView }>(RAISE, { input }, { token }))
    .raiseWarning;
}

async function clear(token: string, args: Record<string, unknown>): Promise<WarningView> {
  return expectData(await t.gql<{ clearWarning: WarningView }>(CLEAR, args, { token }))
    .clearWarning;
}

/** Everything a denied or invalid call must leave untouched. */
async function snapshot(machineId: string) {
  const em = t.em();
  const machine = await em.findOneOrFail(Machine, { id: machineId });
  return {
    warnings: await em.count(Warning, { machine: machineId }),
    active: await em.count(Warning, { machine: machineId, clearedAt: null }),
    repeats: (await em.find(Warning, { machine: machineId })).reduce(
      (n, w) => n + w.repeatCount,
      0,
    ),
    events: await em.count(MachineEvent, { machine: machineId }),
    status: machine.status,
  };
}

async function apiToken(scopes: string[]): Promise<string> {
  const res = await t.gql<{ createApiClient: { token: string } }>(
    'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }',
    { input: { name: `sensor ${randomUUID().slice(0, 6)}`, scopes } },
    { token: team.manager.token },
  );
  return expectData(res).createApiClient.token;
}

describe('raiseWarning', () => {
  it.each(['manager', 'technician'] as const)(
    'lets a %s raise a warning that turns the machine WARNING',
    async (role) => {
      const m = await f.machine();
      const w = await raise(team[role].token, { machineId: m.id, message: '  Oil pressure low  ' });
      expect(w).toMatchObject({
        message: 'Oil pressure low',
        code: null,
        active: true,
        repeatCount: 1,
      });
      expect(w.machine).toEqual({ id: m.id, status: MachineStatus.WARNING });
      expect(w.raisedBy).toMatchObject({ kind: 'USER', id: team[role].user.id });
      expect(w.clearedBy).toBeNull();
      const events = await t.em().find(MachineEvent, { machine: m.id }, { orderBy: { id: 'asc' } });
      expect(events.map((e) => e.type)).toEqual([
        MachineEventType.WARNING_RAISED,
        MachineEventType.STATUS_CHANGED,
      ]);
      expect(events[0]!.data).toEqual({ message: 'Oil pressure low', code: null });
      expect(events[0]!.warning?.id).toBe(w.id);
      expect(events[1]).toMatchObject({
        fromStatus: MachineStatus.OK,
        toStatus: MachineStatus.WARNING,
      });
    },
  );

  it('refuses repair staff with FORBIDDEN and anonymous with UNAUTHENTICATED, changing nothing', async () => {
    const m = await f.machine();
    const before = await snapshot(m.id);
    const input = { machineId: m.id, message: 'x' };
    expect(errorCode(await t.gql(RAISE, { input }, { token: team.repair.token }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(RAISE, { input }))).toBe('UNAUTHENTICATED');
    expect(await snapshot(m.id)).toEqual(before);
  });

  it('lets an API client with warnings:write raise, and refuses one without it', async () => {
    const m = await f.machine();
    const writer = await apiToken(['WARNINGS_WRITE']);
    const reader = await apiToken(['MACHINES_READ', 'FAULTS_WRITE']);
    const before = await snapshot(m.id);
    expect(
      errorCode(
        await t.gql(RAISE, { input: { machineId: m.id, message: 'hot' } }, { token: reader }),
      ),
    ).toBe('FORBIDDEN');
    expect(await snapshot(m.id)).toEqual(before);
    const w = await raise(writer, { machineId: m.id, message: 'hot', code: 'TEMP_HIGH' });
    expect(w.raisedBy?.kind).toBe('API_CLIENT');
    const row = await t.em().findOneOrFail(Warning, { id: w.id });
    expect(row.raisedByUser).toBeNull();
    expect(row.raisedByApiClient).not.toBeNull();
  });

  it.each([
    ['empty message', { message: '' }],
    ['blank message', { message: '  \t ' }],
    ['too long message', { message: 'x'.repeat(501) }],
    ['code with a space', { message: 'm', code: 'TEMP HIGH' }],
    ['empty code', { message: 'm', code: '' }],
    ['too long code', { message: 'm', code: 'C'.repeat(65) }],
    ['code with a slash', { message: 'm', code: 'a/b' }],
    ['malformed machine id', { message: 'm', machineId: 'not-a-uuid' }],
    ['unknown machine id', { message: 'm', machineId: randomUUID() }],
    ['message of the wrong type', { message: 42 }],
    ['missing message', { message: undefined }],
  ])('rejects a %s with BAD_USER_INPUT and changes nothing', async (_kind, patch) => {
    const m = await f.machine();
    const before = await snapshot(m.id);
    const input = { machineId: m.id, ...patch };
    expect(errorCode(await t.gql(RAISE, { input }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await snapshot(m.id)).toEqual(before);
  });

  it('accepts a 500-character message and every allowed code character', async () => {
    const m = await f.machine();
    const w = await raise(team.technician.token, {
      machineId: m.id,
      message: `  ${'y'.repeat(500)}  `,
      code: 'Az09_.:-',
    });
    expect(w.message).toHaveLength(500);
    expect(w.code).toBe('Az09_.:-');
  });

  it('refuses an archived machine with BAD_USER_INPUT', async () => {
    const m = await f.machine();
    await t.em().nativeUpdate(Machine, { id: m.id }, { archived: true, archivedAt: new Date() });
    const before = await snapshot(m.id);
    const res = await t.gql(
      RAISE,
      { input: { machineId: m.id, message: 'm' } },
      { token: team.manager.token },
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await snapshot(m.id)).toEqual(before);
  });

  it('keeps one row per active code: three reports count three repeats', async () => {
    const m = await f.machine();
    const first = await raise(team.technician.token, {
      machineId: m.id,
      message: 'Temp 85C',
      code: 'TEMP_HIGH',
    });
    await raise(team.technician.token, { machineId: m.id, message: 'Temp 87C', code: 'TEMP_HIGH' });
    const third = await raise(team.manager.token, {
      machineId: m.id,
      message: 'Temp 90C',
      code: 'TEMP_HIGH',
    });
    expect(third.id).toBe(first.id);
    expect(third.repeatCount).toBe(3);
    expect(third.message).toBe('Temp 85C');
    const rows = await t.em().find(Warning, { machine: m.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.repeatCount).toBe(3);
    expect(rows[0]!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(rows[0]!.raisedAt.getTime());
    expect((await t.em().findOneOrFail(Machine, { id: m.id })).status).toBe(MachineStatus.WARNING);
    expect(
      await t.em().count(MachineEvent, { machine: m.id, type: MachineEventType.WARNING_RAISED }),
    ).toBe(1);
    // A warning without a code, or with another code, is a warning of its own.
    await raise(team.technician.token, { machineId: m.id, message: 'Noise' });
    await raise(team.technician.token, { machineId: m.id, message: 'Noise' });
    await raise(team.technician.token, { machineId: m.id, message: 'Vibration', code: 'VIB_HIGH' });
    expect(await t.em().count(Warning, { machine: m.id })).toBe(4);
  });

  it('deduplicates concurrent reports of one code without a unique-index error', async () => {
    const m = await f.machine();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.gql<{ raiseWarning: WarningView }>(
          RAISE,
          { input: { machineId: m.id, message: `r${i}`, code: 'BURST' } },
          { token: team.technician.token },
        ),
      ),
    );
    const ids = new Set(results.map((r) => expectData(r).raiseWarning.id));
    expect(ids.size).toBe(1);
    const rows = await t.em().find(Warning, { machine: m.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.repeatCount).toBe(12);
  });
});

describe('clearWarning', () => {
  it.each(['manager', 'technician', 'repair'] as const)(
    'lets a %s clear by id; the row stays as history',
    async (role) => {
      const m = await f.machine();
      const w = await raise(team.technician.token, { machineId: m.id, message: 'Belt worn' });
      const cleared = await clear(team[role].token, { id: w.id });
      expect(cleared).toMatchObject({ id: w.id, active: false, message: 'Belt worn' });
      expect(cleared.clearedAt).not.toBeNull();
      expect(cleared.clearedBy).toMatchObject({ kind: 'USER', id: team[role].user.id });
      expect(cleared.raisedBy).toMatchObject({ kind: 'USER', id: team.technician.user.id });
      expect(cleared.machine.status).toBe(MachineStatus.OK);
      const row = await t.em().findOneOrFail(Warning, { id: w.id });
      expect(row.clearedAt).not.toBeNull();
      expect(row.clearedByUser?.id).toBe(team[role].user.id);
      const types = (
        await t.em().find(MachineEvent, { machine: m.id }, { orderBy: { id: 'asc' } })
      ).map((e) => e.type);
      expect(types).toEqual([
        MachineEventType.WARNING_RAISED,
        MachineEventType.STATUS_CHANGED,
        MachineEventType.WARNING_CLEARED,
        MachineEventType.STATUS_CHANGED,
      ]);
    },
  );

  it('clears by machine and code, returns the machine to OK, and a new report starts a new row', async () => {
    const m = await f.machine();
    const sensor = await apiToken(['WARNINGS_WRITE']);
    const w = await raise(sensor, { machineId: m.id, message: 'hot', code: 'TEMP_HIGH' });
    await raise(sensor, { machineId: m.id, message: 'hot', code: 'TEMP_HIGH' });
    const cleared = await clear(sensor, { machineId: m.id, code: 'TEMP_HIGH' });
    expect(cleared).toMatchObject({ id: w.id, active: false, repeatCount: 2 });
    expect(cleared.clearedBy?.kind).toBe('API_CLIENT');
    expect(cleared.machine.status).toBe(MachineStatus.OK);
    expect((await t.em().findOneOrFail(Machine, { id: m.id })).status).toBe(MachineStatus.OK);
    const again = await raise(sensor, { machineId: m.id, message: 'hot again', code: 'TEMP_HIGH' });
    expect(again.id).not.toBe(w.id);
    expect(again.repeatCount).toBe(1);
    expect(await t.em().count(Warning, { machine: m.id })).toBe(2);
  });

  it('keeps the machine WARNING while another warning is active', async () => {
    const m = await f.machine();
    const a = await raise(team.technician.token, { machineId: m.id, message: 'a', code: 'A' });
    await raise(team.technician.token, { machineId: m.id, message: 'b', code: 'B' });
    expect((await clear(team.repair.token, { id: a.id })).machine.status).toBe(
      MachineStatus.WARNING,
    );
    expect((await clear(team.repair.token, { machineId: m.id, code: 'B' })).machine.status).toBe(
      MachineStatus.OK,
    );
  });

  it('is idempotent: clearing a cleared warning returns it unchanged and records nothing', async () => {
    const m = await f.machine();
    const w = await raise(team.technician.token, { machineId: m.id, message: 'x', code: 'X' });
    const first = await clear(team.technician.token, { id: w.id });
    const before = await snapshot(m.id);
    const byId = await clear(team.manager.token, { id: w.id });
    const byCode = await clear(team.manager.token, { machineId: m.id, code: 'X' });
    for (const again of [byId, byCode]) {
      expect(again.id).toBe(w.id);
      expect(again.clearedAt).toBe(first.clearedAt);
      expect(again.clearedBy?.id).toBe(team.technician.user.id);
    }
    expect(await snapshot(m.id)).toEqual(before);
  });

  it('clears on an archived machine (tidying up keeps working)', async () => {
    const m = await f.machine();
    const w = await raise(team.technician.token, { machineId: m.id, message: 'x' });
    await t.em().nativeUpdate(Machine, { id: m.id }, { archived: true, archivedAt: new Date() });
    expect((await clear(team.manager.token, { id: w.id })).active).toBe(false);
  });

  it('refuses anonymous callers and API clients without warnings:write, changing nothing', async () => {
    const m = await f.machine();
    const w = await raise(team.technician.token, { machineId: m.id, message: 'x', code: 'X' });
    const reader = await apiToken(['MACHINES_READ']);
    const before = await snapshot(m.id);
    expect(errorCode(await t.gql(CLEAR, { id: w.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(CLEAR, { machineId: m.id, code: 'X' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(CLEAR, { id: w.id }, { token: reader }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CLEAR, { machineId: m.id, code: 'X' }, { token: reader }))).toBe(
      'FORBIDDEN',
    );
    expect(await snapshot(m.id)).toEqual(before);
  });

  it('answers bad arguments with BAD_USER_INPUT and missing targets with NOT_FOUND', async () => {
    const m = await f.machine();
    const w = await raise(team.technician.token, { machineId: m.id, message: 'x', code: 'X' });
    const before = await snapshot(m.id);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'BAD_USER_INPUT'],
      [{ machineId: m.id }, 'BAD_USER_INPUT'],
      [{ code: 'X' }, 'BAD_USER_INPUT'],
      [{ id: w.id, code: 'X' }, 'BAD_USER_INPUT'],
      [{ id: w.id, machineId: m.id, code: 'X' }, 'BAD_USER_INPUT'],
      [{ id: 'nope' }, 'BAD_USER_INPUT'],
      [{ machineId: 'nope', code: 'X' }, 'BAD_USER_INPUT'],
      [{ machineId: m.id, code: 'bad code' }, 'BAD_USER_INPUT'],
      [{ id: 12 }, 'BAD_USER_INPUT'],
      [{ id: randomUUID() }, 'NOT_FOUND'],
      [{ machineId: randomUUID(), code: 'X' }, 'NOT_FOUND'],
      [{ machineId: m.id, code: 'NEVER_RAISED' }, 'NOT_FOUND'],
      // A machine given with the id must be the warning's own.
      [{ id: w.id, machineId: (await f.machine()).id }, 'NOT_FOUND'],
      [{ id: w.id, machineId: 'nope' }, 'BAD_USER_INPUT'],
    ];
    for (const [args, code] of cases) {
      const got = errorCode(await t.gql(CLEAR, args, { token: team.manager.token }));
      expect({ args, code: got }).toEqual({ args, code });
    }
    expect(await snapshot(m.id)).toEqual(before);
  });
});

describe('warnings query', () => {
  it('lists active and cleared warnings, newest first, filtered by machine', async () => {
    const m = await f.machine();
    const a = await raise(team.technician.token, { machineId: m.id, message: 'a' });
    const b = await raise(team.technician.token, { machineId: m.id, message: 'b' });
    await clear(team.technician.token, { id: a.id });
    const q =
      'query ($filter: WarningFilter) { warnings(filter: $filter, first: 10) { totalCount nodes { id active } } }';
    type R = { warnings: { totalCount: number; nodes: { id: string; active: boolean }[] } };
    for (const who of Object.values(team)) {
      const all = expectData(
        await t.gql<R>(q, { filter: { machineIds: [m.id] } }, { token: who.token }),
      );
      expect(all.warnings.nodes.map((n) => n.id)).toEqual([b.id, a.id]);
    }
    const active = expectData(
      await t.gql<R>(
        q,
        { filter: { machineIds: [m.id], active: true } },
        { token: team.repair.token },
      ),
    );
    expect(active.warnings.nodes).toEqual([{ id: b.id, active: true }]);
    const cleared = expectData(
      await t.gql<R>(
        q,
        { filter: { machineIds: [m.id], active: false } },
        { token: team.repair.token },
      ),
    );
    expect(cleared.warnings.nodes).toEqual([{ id: a.id, active: false }]);
    expect(errorCode(await t.gql(q, { filter: { machineIds: [m.id] } }))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await t.gql(q, { filter: { machineIds: ['nope'] } }, { token: team.manager.token }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql('{ warnings(first: 101) { totalCount } }', {}, { token: team.manager.token }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
