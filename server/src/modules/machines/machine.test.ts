import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { Building } from '../buildings/building.entity.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Role } from '../users/user.role.js';
import { Machine } from './machine.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let hall: Building;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
  hall = await f.building('Hall M');
});
afterAll(() => t.close());

const CREATE = `mutation ($input: CreateMachineInput!) {
  createMachine(input: $input) { id name location importance assetCode status archived building { id name } }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateMachineInput!) {
  updateMachine(id: $id, input: $input) { id name importance location assetCode building { id } }
}`;
const ARCHIVE = 'mutation ($id: ID!) { archiveMachine(id: $id) { id archived archivedAt } }';
const ASSIGN = `mutation ($machineId: ID!, $ids: [ID!]!) {
  assignTechnicians(machineId: $machineId, technicianIds: $ids) { id technicians { id } }
}`;
const LIST = `query ($filter: MachineFilter, $first: Int) {
  machines(filter: $filter, first: $first) { totalCount nodes { id name } }
}`;

const machineCount = () => t.em().count(Machine, {});

describe('createMachine', () => {
  it('creates a machine with status OK, a generated asset code and a creation event', async () => {
    const data = expectData(
      await t.gql<{
        createMachine: { id: string; status: string; assetCode: string; building: { id: string } };
      }>(
        CREATE,
        { input: { name: ' CNC 9 ', buildingId: hall.id, importance: 4, location: 'Line 2' } },
        { token: team.manager.token },
      ),
    );
    expect(data.createMachine).toMatchObject({
      name: 'CNC 9',
      status: 'OK',
      building: { id: hall.id },
    });
    expect(data.createMachine.assetCode).toMatch(/^M-[0-9A-F]{8}$/);
    const events = await t.em().find(MachineEvent, { machine: data.createMachine.id });
    expect(events.map((e) => e.type)).toEqual([MachineEventType.MACHINE_CREATED]);
  });

  it.each(['technician', 'repair'] as const)(
    'is FORBIDDEN for %s and creates nothing',
    async (role) => {
      const before = await machineCount();
      const result = await t.gql(
        CREATE,
        { input: { name: 'X', buildingId: hall.id, importance: 3 } },
        { token: team[role].token },
      );
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
      expect(await machineCount()).toBe(before);
    },
  );

  it('is UNAUTHENTICATED for anonymous callers', async () => {
    const before = await machineCount();
    expect(
      errorCode(await t.gql(CREATE, { input: { name: 'X', buildingId: hall.id, importance: 3 } })),
    ).toBe('UNAUTHENTICATED');
    expect(await machineCount()).toBe(before);
  });

  it.each([
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a too long name', { name: 'x'.repeat(121) }],
    ['importance 0', { importance: 0 }],
    ['importance 6', { importance: 6 }],
    ['a malformed building id', { buildingId: 'not-an-id' }],
    ['an unknown building id', { buildingId: '00000000-0000-4000-8000-000000000000' }],
    ['a bad asset code', { assetCode: 'has spaces' }],
    ['a too long location', { location: 'l'.repeat(121) }],
    ['no building at all', { buildingId: null }],
    ['both a building id and a name', { buildingName: 'Hall 9' }],
    ['a blank building name', { buildingId: null, buildingName: '   ' }],
    ['a too long building name', { buildingId: null, buildingName: 'b'.repeat(121) }],
  ])('rejects %s with BAD_USER_INPUT', async (_kind, override) => {
    const before = await machineCount();
    const input = { name: 'Valid', buildingId: hall.id, importance: 3, ...override };
    expect(errorCode(await t.gql(CREATE, { input }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await machineCount()).toBe(before);
  });

  it('names each broken field with its rule, so a form can mark it in its own words', async () => {
    const input = { name: 'x'.repeat(121), buildingId: hall.id, importance: 6 };
    const result = await t.gql(CREATE, { input }, { token: team.manager.token });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const fields = (
      result.errors?.[0]?.extensions as {
        details: { fields: { field: string; constraints: string[]; problems: string[] }[] };
      }
    ).details.fields;
    expect(fields.map((f) => [f.field, f.constraints])).toEqual([
      ['name', ['maxLength']],
      ['importance', ['max']],
    ]);
    expect(fields[0]!.problems[0]).toMatch(/name/);
  });

  it('rejects a wrong type for importance with BAD_USER_INPUT', async () => {
    const input = { name: 'Valid', buildingId: hall.id, importance: 'high' };
    expect(errorCode(await t.gql(CREATE, { input }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('takes a building by name, ignoring case, and creates it when none has the name', async () => {
    const named = (buildingName: string) =>
      t.gql<{ createMachine: { building: { id: string; name: string } } }>(
        CREATE,
        { input: { name: 'Lathe', buildingName, importance: 2 } },
        { token: team.manager.token },
      );
    const existing = expectData(await named(hall.name.toUpperCase()));
    expect(existing.createMachine.building.id).toBe(hall.id);
    const fresh = `Annex ${randomUUID().slice(0, 6)}`;
    const created = expectData(await named(` ${fresh} `)).createMachine.building;
    expect(created.name).toBe(fresh);
    expect(expectData(await named(fresh)).createMachine.building.id).toBe(created.id);
    expect(await t.em().count(Building, { name: fresh })).toBe(1);
  });

  it('refuses a duplicate asset code with CONFLICT', async () => {
    const existing = await f.machine({ building: hall });
    const input = {
      name: 'Dup',
      buildingId: hall.id,
      importance: 3,
      assetCode: existing.assetCode,
    };
    expect(errorCode(await t.gql(CREATE, { input }, { token: team.manager.token }))).toBe(
      'CONFLICT',
    );
  });
});

describe('updateMachine and archiveMachine', () => {
  it('updates the given fields and records what changed', async () => {
    const machine = await f.machine({ building: hall });
    const other = await f.building();
    const data = expectData(
      await t.gql<{
        updateMachine: { name: string; importance: number; building: { id: string } };
      }>(
        UPDATE,
        { id: machine.id, input: { name: 'Renamed', importance: 5, buildingId: other.id } },
        { token: team.manager.token },
      ),
    );
    expect(data.updateMachine).toMatchObject({
      name: 'Renamed',
      importance: 5,
      building: { id: other.id },
    });
    const event = await t
      .em()
      .findOneOrFail(MachineEvent, { machine: machine.id, type: MachineEventType.MACHINE_UPDATED });
    expect(event.data).toMatchObject({ name: 'Renamed', importance: 5, buildingId: other.id });
    expect(event.buildingId).toBe(other.id);
  });

  it('refuses other roles and bad input without changing anything', async () => {
    const machine = await f.machine({ building: hall, name: 'Stays' });
    for (const role of ['technician', 'repair'] as const) {
      expect(
        errorCode(
          await t.gql(
            UPDATE,
            { id: machine.id, input: { name: 'No' } },
            { token: team[role].token },
          ),
        ),
      ).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(UPDATE, { id: machine.id, input: { name: 'No' } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorCode(
        await t.gql(
          UPDATE,
          { id: machine.id, input: { importance: 9 } },
          { token: team.manager.token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql(UPDATE, { id: 'nope', input: { name: 'No' } }, { token: team.manager.token }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql(
          UPDATE,
          { id: '00000000-0000-4000-8000-000000000000', input: { name: 'No' } },
          { token: team.manager.token },
        ),
      ),
    ).toBe('NOT_FOUND');
    expect((await t.em().findOneOrFail(Machine, machine.id)).name).toBe('Stays');
  });

  it('archives: hidden from the board by default, history kept, archived machines refuse changes', async () => {
    const machine = await f.machine({ building: hall, name: 'Old Lathe' });
    for (const role of ['technician', 'repair'] as const) {
      expect(errorCode(await t.gql(ARCHIVE, { id: machine.id }, { token: team[role].token }))).toBe(
        'FORBIDDEN',
      );
    }
    expect(errorCode(await t.gql(ARCHIVE, { id: machine.id }))).toBe('UNAUTHENTICATED');
    expect((await t.em().findOneOrFail(Machine, machine.id)).archived).toBe(false);

    const archived = expectData(
      await t.gql<{ archiveMachine: { archived: boolean } }>(
        ARCHIVE,
        { id: machine.id },
        { token: team.manager.token },
      ),
    );
    expect(archived.archiveMachine.archived).toBe(true);

    const visible = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(
        LIST,
        { filter: { buildingIds: [hall.id] } },
        { token: team.manager.token },
      ),
    );
    expect(visible.machines.nodes.map((m) => m.id)).not.toContain(machine.id);
    const all = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(
        LIST,
        { filter: { buildingIds: [hall.id], includeArchived: true } },
        { token: team.manager.token },
      ),
    );
    expect(all.machines.nodes.map((m) => m.id)).toContain(machine.id);
    expect(
      await t
        .em()
        .count(MachineEvent, { machine: machine.id, type: MachineEventType.MACHINE_ARCHIVED }),
    ).toBe(1);
    expect(
      errorCode(
        await t.gql(
          UPDATE,
          { id: machine.id, input: { name: 'Zombie' } },
          { token: team.manager.token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('assignTechnicians', () => {
  it('replaces the assigned technicians; only active technicians qualify', async () => {
    const machine = await f.machine({ building: hall });
    const a = await f.user(Role.TECHNICIAN);
    const b = await f.user(Role.TECHNICIAN);
    const data = expectData(
      await t.gql<{ assignTechnicians: { technicians: { id: string }[] } }>(
        ASSIGN,
        { machineId: machine.id, ids: [a.user.id, b.user.id] },
        { token: team.manager.token },
      ),
    );
    expect(data.assignTechnicians.technicians.map((x) => x.id).sort()).toEqual(
      [a.user.id, b.user.id].sort(),
    );

    const inactive = await f.user(Role.TECHNICIAN, { active: false });
    for (const ids of [
      [team.repair.user.id],
      [inactive.user.id],
      ['00000000-0000-4000-8000-000000000000'],
      ['bad'],
    ]) {
      expect(
        errorCode(
          await t.gql(ASSIGN, { machineId: machine.id, ids }, { token: team.manager.token }),
        ),
      ).toBe('BAD_USER_INPUT');
    }
    for (const role of ['technician', 'repair'] as const) {
      expect(
        errorCode(
          await t.gql(ASSIGN, { machineId: machine.id, ids: [] }, { token: team[role].token }),
        ),
      ).toBe('FORBIDDEN');
    }
    const stored = await t.em().findOneOrFail(Machine, machine.id, { populate: ['technicians'] });
    expect(
      stored.technicians
        .getItems()
        .map((u) => u.id)
        .sort(),
    ).toEqual([a.user.id, b.user.id].sort());
  });
});

describe('machines query', () => {
  it('shows a technician their assigned machines by default, and all on request', async () => {
    const building = await f.building();
    const tech = await f.user(Role.TECHNICIAN);
    const mine = await f.machine({ building, technicians: [tech.user] });
    const notMine = await f.machine({ building });
    const byDefault = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(
        LIST,
        { filter: { buildingIds: [building.id] } },
        { token: tech.token },
      ),
    );
    expect(byDefault.machines.nodes.map((m) => m.id)).toEqual([mine.id]);
    const all = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(
        LIST,
        { filter: { buildingIds: [building.id], onlyAssignedToMe: false } },
        { token: tech.token },
      ),
    );
    expect(all.machines.nodes.map((m) => m.id).sort()).toEqual([mine.id, notMine.id].sort());
  });

  it('searches name and asset code, treating wildcards literally', async () => {
    const building = await f.building();
    const press = await f.machine({ building, name: 'Press 50% duty' });
    await f.machine({ building, name: 'Press 500' });
    const found = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(
        LIST,
        { filter: { buildingIds: [building.id], search: '50%' } },
        { token: team.manager.token },
      ),
    );
    expect(found.machines.nodes.map((m) => m.id)).toEqual([press.id]);
  });

  type PageInfo = { hasNextPage: boolean; endCursor: string | null };

  it('searches text holding SQL placeholders and quotes as plain text', async () => {
    // The board's statement is written around the filter's SQL and its parameters bound
    // after: a '?' or a quote in what was typed must stay text, never shift a parameter.
    const building = await f.building();
    const odd = await f.machine({ building, name: `Why? O'Neil's $1 ?? press` });
    await f.machine({ building, name: 'Plain press' });
    for (const search of ['Why?', `O'Neil's`, '$1 ??', '?']) {
      const found = expectData(
        await t.gql<{ machines: { totalCount: number; nodes: { id: string }[] } }>(
          'query ($filter: MachineFilter) { machines(filter: $filter, first: 5) { totalCount nodes { id } } }',
          { filter: { buildingIds: [building.id], search } },
          { token: team.manager.token },
        ),
      );
      expect(found.machines.nodes.map((m) => m.id)).toEqual([odd.id]);
      expect(found.machines.totalCount).toBe(1);
    }
    // The same in a cursor: paging one by one past such names finds each machine once.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { machines: { nodes: { name: string }[]; pageInfo: PageInfo } } = expectData(
        await t.gql(
          'query ($b: [ID!], $after: String) { machines(filter: { buildingIds: $b }, first: 1, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }',
          { b: [building.id], after },
          { token: team.manager.token },
        ),
      );
      seen.push(...page.machines.nodes.map((m) => m.name));
      after = page.machines.pageInfo.hasNextPage ? page.machines.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['Plain press', `Why? O'Neil's $1 ?? press`]);
  });

  it('finds a machine by the asset code on its label', async () => {
    const machine = await f.machine({ building: hall });
    const data = expectData(
      await t.gql<{ machine: { id: string } }>(
        'query ($c: String) { machine(assetCode: $c) { id } }',
        { c: machine.assetCode },
        { token: team.repair.token },
      ),
    );
    expect(data.machine.id).toBe(machine.id);
    expect(
      errorCode(
        await t.gql(
          'query ($c: String) { machine(assetCode: $c) { id } }',
          { c: 'NOPE-1' },
          { token: team.repair.token },
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.gql('{ machine { id } }', {}, { token: team.repair.token }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('narrows to a selection of machines by id, with the same reading rules as the board', async () => {
    const building = await f.building();
    const other = await f.building();
    const tech = await f.user(Role.TECHNICIAN);
    const a = await f.machine({ building, name: 'Sel A', technicians: [tech.user] });
    const b = await f.machine({ building: other, name: 'Sel B' });
    const archived = await f.machine({ building, name: 'Sel C' });
    await t.gql(ARCHIVE, { id: archived.id }, { token: team.manager.token });
    const ids = [b.id, a.id, archived.id, randomUUID()];
    const names = async (
      filter: Record<string, unknown>,
      token: string | undefined = team.manager.token,
    ) =>
      expectData(
        await t.gql<{ machines: { totalCount: number; nodes: { name: string }[] } }>(
          LIST,
          { filter },
          { token },
        ),
      ).machines.nodes.map((m) => m.name);

    // By name, archived left out unless asked for, unknown ids simply absent.
    expect(await names({ ids })).toEqual(['Sel A', 'Sel B']);
    expect(await names({ ids, includeArchived: true })).toEqual(['Sel A', 'Sel B', 'Sel C']);
    // Combined with the other filters (all must hold).
    expect(await names({ ids, buildingIds: [other.id] })).toEqual(['Sel B']);
    expect(await names({ ids: [] })).toEqual([]);
    // A technician still sees their own machines unless they ask for all.
    expect(await names({ ids }, tech.token)).toEqual(['Sel A']);
    expect(await names({ ids, onlyAssignedToMe: false }, tech.token)).toEqual(['Sel A', 'Sel B']);
    // A token limited to a building sees nothing of another through the selection.
    const { createApiClient } = expectData(
      await t.gql<{ createApiClient: { token: string } }>(
        `mutation ($i: CreateApiClientInput!) { createApiClient(input: $i) { token } }`,
        { i: { name: 'sel sensor', scopes: ['MACHINES_READ'], buildingIds: [building.id] } },
        { token: team.manager.token },
      ),
    );
    expect(await names({ ids }, createApiClient.token)).toEqual(['Sel A']);
  });

  it.each([
    ['a malformed id', { ids: ['not-an-id'] }],
    ['more than 100 ids', { ids: Array.from({ length: 101 }, () => randomUUID()) }],
    ['ids that are not a list of strings', { ids: [{ id: 1 }] }],
  ])('refuses a selection with %s (BAD_USER_INPUT)', async (_kind, filter) => {
    expect(errorCode(await t.gql(LIST, { filter }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('answers a selection only to readers', async () => {
    const machine = await f.machine({ building: hall });
    expect(errorCode(await t.gql(LIST, { filter: { ids: [machine.id] } }))).toBe('UNAUTHENTICATED');
  });

  it('caps page size at 100 and rejects a forged cursor', async () => {
    expect(errorCode(await t.gql(LIST, { first: 101 }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.gql(LIST, { first: 0 }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await t.gql(
          '{ machines(after: "garbage!") { totalCount } }',
          {},
          { token: team.manager.token },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql(LIST, { filter: { statuses: ['BROKEN'] } }, { token: team.manager.token }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
