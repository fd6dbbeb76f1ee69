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
});
