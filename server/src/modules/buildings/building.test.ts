import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { createApiClient } from '../../testing/rest-client.js';
import { Building } from './building.entity.js';

let t: TestServer;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  team = await new Factory(t).team();
});
afterAll(() => t.close());

const CREATE = 'mutation ($name: String!) { createBuilding(input: { name: $name }) { id name } }';

describe('buildings', () => {
  it('lets a manager create a building that every role then sees', async () => {
    const created = expectData(
      await t.gql<{ createBuilding: { name: string } }>(
        CREATE,
        { name: 'Hall Z' },
        { token: team.manager.token },
      ),
    );
    expect(created.createBuilding.name).toBe('Hall Z');
    for (const who of Object.values(team)) {
      const list = expectData(
        await t.gql<{ buildings: { name: string }[] }>(
          '{ buildings { name } }',
          {},
          { token: who.token },
        ),
      );
      expect(list.buildings.map((b) => b.name)).toContain('Hall Z');
    }
  });

  it.each(['technician', 'repair'] as const)(
    'refuses %s with FORBIDDEN and creates nothing',
    async (role) => {
      const result = await t.gql(CREATE, { name: `Hall of ${role}` }, { token: team[role].token });
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(await t.em().count(Building, { name: `Hall of ${role}` })).toBe(0);
    },
  );

  it('shows an API token limited to buildings only those; an unlimited one all', async () => {
    const f = new Factory(t);
    const [mine, theirs] = [await f.building(), await f.building()];
    const limited = await createApiClient(t, team.manager.token, ['MACHINES_READ'], [mine.id]);
    const unlimited = await createApiClient(t, team.manager.token, ['MACHINES_READ']);
    const names = async (token: string) =>
      expectData(
        await t.gql<{ buildings: { name: string }[] }>('{ buildings { name } }', {}, { token }),
      ).buildings.map((b) => b.name);
    expect(await names(limited.token)).toEqual([mine.name]);
    expect(await names(unlimited.token)).toEqual(expect.arrayContaining([mine.name, theirs.name]));
    const noScope = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    expect(errorCode(await t.gql('{ buildings { name } }', {}, { token: noScope.token }))).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    expect(errorCode(await t.gql(CREATE, { name: 'Anon Hall' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ buildings { id } }'))).toBe('UNAUTHENTICATED');
    expect(await t.em().count(Building, { name: 'Anon Hall' })).toBe(0);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(121)],
  ])('rejects a %s name with BAD_USER_INPUT', async (_kind, name) => {
    const before = await t.em().count(Building, {});
    expect(errorCode(await t.gql(CREATE, { name }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.em().count(Building, {})).toBe(before);
  });

  it('rejects a duplicate name, in any spelling of case, with CONFLICT', async () => {
    await new Factory(t).building('Hall Dup');
    for (const name of ['Hall Dup', 'hall dup', ' HALL DUP ']) {
      expect(errorCode(await t.gql(CREATE, { name }, { token: team.manager.token }))).toBe(
        'CONFLICT',
      );
    }
    expect(await t.em().count(Building, { name: { $ilike: 'hall dup' } })).toBe(1);
  });

  it('names the field of a refused name, so a form can show it there', async () => {
    await new Factory(t).building('Hall Field');
    const taken = await t.gql(CREATE, { name: 'HALL FIELD' }, { token: team.manager.token });
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(taken.errors![0]!.extensions!.details).toMatchObject({
      field: 'name',
      existing: 'Hall Field',
    });
    const blank = await t.gql(CREATE, { name: '  ' }, { token: team.manager.token });
    expect(blank.errors![0]!.extensions!.details).toMatchObject({ field: 'name' });
  });
});

const RENAME =
  'mutation ($id: ID!, $name: String!) { updateBuilding(id: $id, input: { name: $name }) { id name } }';

describe('renaming a building', () => {
  const nameOf = async (id: string) =>
    (await t.em().findOneOrFail(Building, { id }, { refresh: true })).name;

  it('lets a manager rename it; machines stay in it and every reader sees the new name', async () => {
    const f = new Factory(t);
    const building = await f.building('Hall Old');
    const machine = await f.machine({ building });
    const renamed = expectData(
      await t.gql<{ updateBuilding: { id: string; name: string } }>(
        RENAME,
        { id: building.id, name: '  Hall New  ' },
        { token: team.manager.token },
      ),
    );
    expect(renamed.updateBuilding).toEqual({ id: building.id, name: 'Hall New' });
    const seen = expectData(
      await t.gql<{ machine: { building: { id: string; name: string } } }>(
        'query ($id: ID!) { machine(id: $id) { building { id name } } }',
        { id: machine.id },
        { token: team.technician.token },
      ),
    );
    expect(seen.machine.building).toEqual({ id: building.id, name: 'Hall New' });
  });

  it("allows changing the case of its own name, but not taking another building's", async () => {
    const f = new Factory(t);
    const [a, b] = [await f.building('Hall Case'), await f.building('Hall Other')];
    expectData(await t.gql(RENAME, { id: a.id, name: 'HALL CASE' }, { token: team.manager.token }));
    expect(await nameOf(a.id)).toBe('HALL CASE');
    for (const name of ['Hall Other', 'hall other', ' HALL OTHER ']) {
      const result = await t.gql(RENAME, { id: a.id, name }, { token: team.manager.token });
      expect(errorCode(result)).toBe('CONFLICT');
      expect(result.errors![0]!.extensions!.details).toMatchObject({
        field: 'name',
        existing: 'Hall Other',
      });
    }
    expect(await nameOf(a.id)).toBe('HALL CASE');
    expect(await nameOf(b.id)).toBe('Hall Other');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(121)],
  ])('rejects a %s name with BAD_USER_INPUT and changes nothing', async (_kind, name) => {
    const building = await new Factory(t).building();
    const result = await t.gql(RENAME, { id: building.id, name }, { token: team.manager.token });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await nameOf(building.id)).toBe(building.name);
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ['a malformed id', 'hall-a', 'BAD_USER_INPUT'],
  ])('refuses %s', async (_kind, id, code) => {
    expect(errorCode(await t.gql(RENAME, { id, name: 'X' }, { token: team.manager.token }))).toBe(
      code,
    );
  });

  it.each(['technician', 'repair'] as const)(
    'refuses %s with FORBIDDEN and renames nothing',
    async (role) => {
      const building = await new Factory(t).building(`Hall ${role} stays`);
      const result = await t.gql(
        RENAME,
        { id: building.id, name: 'Hall Renamed' },
        { token: team[role].token },
      );
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(await nameOf(building.id)).toBe(`Hall ${role} stays`);
    },
  );

  it('refuses an API token and an anonymous caller', async () => {
    const building = await new Factory(t).building('Hall Guarded');
    const client = await createApiClient(t, team.manager.token, [
      'MACHINES_READ',
      'WARNINGS_WRITE',
      'FAULTS_WRITE',
    ]);
    expect(
      errorCode(await t.gql(RENAME, { id: building.id, name: 'Hall X' }, { token: client.token })),
    ).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(RENAME, { id: building.id, name: 'Hall X' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await nameOf(building.id)).toBe('Hall Guarded');
  });
});
