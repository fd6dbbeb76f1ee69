import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, TEST_PASSWORD, type TestUser } from '../../testing/factories.js';
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
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { User } from './user.entity.js';
import { Role } from './user.role.js';

let t: TestServer;
let factory: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  factory = new Factory(t);
  team = await factory.team();
});
afterAll(() => t.close());

let ipCounter = 0;
const freshIp = () => `172.16.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const USER_FIELDS = 'id email name role active';
const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
const DEACTIVATE = `mutation ($id: ID!) {
  deactivateUser(id: $id) { user { ${USER_FIELDS} } endedSessions unassignedMachines { id name } } }`;
const REACTIVATE = `mutation ($id: ID!) { reactivateUser(id: $id) { ${USER_FIELDS} } }`;
const USERS = `query ($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${USER_FIELDS} } edges { cursor node { id } } } }`;
const ME = '{ me { id role } }';
const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password, deliverRefreshToken: BODY) { accessToken refreshToken user { id role } } }`;
const REFRESH =
  'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken } }';

interface Deactivation {
  user: UserRow;
  endedSessions: number;
  unassignedMachines: { id: string; name: string }[];
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

const uniq = () => Math.random().toString(36).slice(2, 10);
const newUserInput = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${uniq()}@test.shopfloor`,
  name: `New ${uniq()}`,
  role: 'TECHNICIAN',
  password: 'a long enough passphrase',
  ...overrides,
});

async function signIn(email: string, password = TEST_PASSWORD) {
  return t.gql<{
    login: { accessToken: string; refreshToken: string; user: { id: string; role: Role } } | null;
  }>(LOGIN, { email, password }, { headers: { 'x-forwarded-for': freshIp() } });
}

/** A snapshot of the users table, to prove a refused request changed nothing. */
async function snapshot(): Promise<string> {
  const rows = await t.em().find(User, {}, { orderBy: { id: 'asc' }, populate: ['passwordHash'] });
  return JSON.stringify(
    rows.map((u) => [u.id, u.email, u.name, u.role, u.active, u.tokenVersion, u.passwordHash]),
  );
}

async function expectRefusedForOthers(
  query: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const before = await snapshot();
  for (const role of ['technician', 'repair'] as const) {
    expect(errorCode(await t.gql(query, variables, { token: team[role].token }))).toBe('FORBIDDEN');
  }
  expect(errorCode(await t.gql(query, variables))).toBe('UNAUTHENTICATED');
  expect(await snapshot()).toBe(before);
}

describe('me', () => {
  it('returns the signed-in user, for every role', async () => {
    for (const who of Object.values(team)) {
      const me = expectData(
        await t.gql<{ me: { id: string; role: Role } }>(ME, {}, { token: who.token }),
      ).me;
      expect(me).toEqual({ id: who.user.id, role: who.user.role });
    }
  });
});

describe('users', () => {
  let people: TestUser[];

  beforeAll(async () => {
    people = [
      await factory.user(Role.REPAIR, { name: 'Zed Listing', email: `zed-listing@test.shopfloor` }),
      await factory.user(Role.REPAIR, { name: 'Amy Listing', email: `amy-listing@test.shopfloor` }),
      await factory.user(Role.TECHNICIAN, {
        name: 'Bob Listing',
        email: `bob-listing@test.shopfloor`,
        active: false,
      }),
    ];
  });

  it('lists users for a manager, ordered by name, filtered and paged', async () => {
    const all = expectData(
      await t.gql<{ users: { totalCount: number; nodes: UserRow[] } }>(
        USERS,
        { first: 100 },
        { token: team.manager.token },
      ),
    ).users;
    const names = all.nodes.map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(all.totalCount).toBe(await t.em().count(User, {}));

    const search = expectData(
      await t.gql<{ users: { nodes: UserRow[] } }>(
        USERS,
        { filter: { search: 'LISTING' } },
        { token: team.manager.token },
      ),
    ).users.nodes.map((u) => u.name);
    expect(search).toEqual(['Amy Listing', 'Bob Listing', 'Zed Listing']);

    const activeRepair = expectData(
      await t.gql<{ users: { nodes: UserRow[] } }>(
        USERS,
        { filter: { search: 'listing', roles: ['REPAIR', 'TECHNICIAN'], active: true } },
        { token: team.manager.token },
      ),
    ).users.nodes.map((u) => u.name);
    expect(activeRepair).toEqual(['Amy Listing', 'Zed Listing']);

    const inactive = expectData(
      await t.gql<{ users: { nodes: UserRow[] } }>(
        USERS,
        { filter: { active: false, search: 'listing' } },
        { token: team.manager.token },
      ),
    ).users.nodes;
    expect(inactive.map((u) => u.id)).toEqual([people[2]!.user.id]);

    const page1 = expectData(
      await t.gql<{
        users: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: UserRow[] };
      }>(USERS, { filter: { search: 'listing' }, first: 2 }, { token: team.manager.token }),
    ).users;
    expect(page1.nodes.map((u) => u.name)).toEqual(['Amy Listing', 'Bob Listing']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = expectData(
      await t.gql<{ users: { pageInfo: { hasNextPage: boolean }; nodes: UserRow[] } }>(
        USERS,
        { filter: { search: 'listing' }, first: 2, after: page1.pageInfo.endCursor },
        { token: team.manager.token },
      ),
    ).users;
    expect(page2.nodes.map((u) => u.name)).toEqual(['Zed Listing']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('treats LIKE wildcards in the search as text', async () => {
    const r = expectData(
      await t.gql<{ users: { nodes: UserRow[] } }>(
        USERS,
        { filter: { search: '%' } },
        { token: team.manager.token },
      ),
    );
    expect(r.users.nodes).toEqual([]);
  });

  it.each([
    ['first 0', { first: 0 }],
    ['first 101', { first: 101 }],
    ['a bad cursor', { after: 'nonsense' }],
    ['a wrong role enum', { filter: { roles: ['ADMIN'] } }],
    ['a too long search', { filter: { search: 'x'.repeat(101) } }],
  ])('rejects %s with BAD_USER_INPUT', async (_k, variables) => {
    expect(errorCode(await t.gql(USERS, variables, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('is for managers only', async () => {
    for (const role of ['technician', 'repair'] as const) {
      const r = await t.gql(USERS, {}, { token: team[role].token });
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(r.data?.users ?? null).toBeNull();
    }
    expect(errorCode(await t.gql(USERS))).toBe('UNAUTHENTICATED');
  });
});

describe('createUser', () => {
  it('creates a user who can then sign in; the e-mail is trimmed and lower-cased', async () => {
    const input = newUserInput({ email: `  Mixed.Case-${uniq()}@Test.Shopfloor `, role: 'REPAIR' });
    const created = expectData(
      await t.gql<{ createUser: UserRow }>(CREATE, { input }, { token: team.manager.token }),
    ).createUser;
    expect(created.email).toBe((input.email as string).trim().toLowerCase());
    expect(created).toMatchObject({ role: 'REPAIR', active: true, name: input.name });
    const session = expectData(await signIn(created.email, input.password as string)).login!;
    expect(session.user).toEqual({ id: created.id, role: 'REPAIR' });
    const stored = await t
      .em()
      .findOneOrFail(User, { id: created.id }, { populate: ['passwordHash'] });
    expect(stored.passwordHash.startsWith('$argon2id$')).toBe(true);
  });

  it('refuses an e-mail already taken, in any case, with CONFLICT', async () => {
    const before = await t.em().count(User, {});
    const r = await t.gql(
      CREATE,
      { input: newUserInput({ email: team.repair.user.email.toUpperCase() }) },
      { token: team.manager.token },
    );
    expect(errorCode(r)).toBe('CONFLICT');
    expect(await t.em().count(User, {})).toBe(before);
  });

  it.each([
    ['8 characters', 'k9$Lm2vQ'],
    ['64 characters', 'q'.repeat(32) + 'w'.repeat(32)],
    ['128 characters', 'z'.repeat(64) + 'y'.repeat(64)],
    ['spaces kept as typed', '  leading and trailing  '],
    ['8 emoji (code points, not UTF-16 units)', '🔧🔩⚙️🛠🔧🔩🛠🔧'],
  ])('accepts a password of %s', async (_k, password) => {
    const input = newUserInput({ password });
    const created = expectData(
      await t.gql<{ createUser: UserRow }>(CREATE, { input }, { token: team.manager.token }),
    ).createUser;
    expectData(await signIn(created.email, password));
    if (password.trim() !== password)
      expect(errorCode(await signIn(created.email, password.trim()))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a 7-character password', { password: 'k9$Lm2v' }],
    ['a 129-character password', { password: 'x'.repeat(129) }],
    ['a common password', { password: 'password123' }],
    ['a common password in capitals', { password: 'PASSWORD123' }],
    [
      'the e-mail as password',
      { email: 'same-as-pass@test.shopfloor', password: 'same-as-pass@test.shopfloor' },
    ],
    ['an empty e-mail', { email: '' }],
    ['a malformed e-mail', { email: 'not-an-email' }],
    ['a too long e-mail', { email: `${'x'.repeat(250)}@test.shopfloor` }],
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a too long name', { name: 'n'.repeat(121) }],
    ['an unknown role', { role: 'ADMIN' }],
    ['a missing role', { role: null }],
  ])('rejects %s with BAD_USER_INPUT and creates nothing', async (_k, overrides) => {
    const before = await snapshot();
    const r = await t.gql(
      CREATE,
      { input: newUserInput(overrides) },
      { token: team.manager.token },
    );
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['active', 'active: false'],
    ['tokenVersion', 'tokenVersion: 5'],
    ['id', 'id: "00000000-0000-4000-8000-000000000000"'],
    ['passwordHash', 'passwordHash: "x"'],
  ])('has no %s field to set', async (_k, field) => {
    const before = await snapshot();
    const r = await t.gql(
      `mutation { createUser(input: { email: "f-${uniq()}@test.shopfloor", name: "F", role: REPAIR, password: "a long enough passphrase", ${field} }) { id } }`,
      {},
      { token: team.manager.token },
    );
    expect(errorCode(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await snapshot()).toBe(before);
  });

  it('is for managers only', async () => {
    await expectRefusedForOthers(CREATE, { input: newUserInput() });
  });
});

describe('updateUser', () => {
  it('renames without touching sessions', async () => {
    const u = await factory.user(Role.REPAIR);
    const r = expectData(
      await t.gql<{ updateUser: UserRow }>(
        UPDATE,
        { id: u.user.id, input: { name: '  Renamed Person ' } },
        { token: team.manager.token },
      ),
    );
    expect(r.updateUser.name).toBe('Renamed Person');
    expect(errorCode(await t.gql(ME, {}, { token: u.token }))).toBeUndefined();
  });

  it('changes the role and kills every older token (access and refresh)', async () => {
    const u = await factory.user(Role.TECHNICIAN);
    const session = expectData(await signIn(u.user.email)).login!;
    const r = expectData(
      await t.gql<{ updateUser: UserRow }>(
        UPDATE,
        { id: u.user.id, input: { role: 'REPAIR' } },
        { token: team.manager.token },
      ),
    );
    expect(r.updateUser.role).toBe('REPAIR');
    expect(errorCode(await t.gql(ME, {}, { token: u.token }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(REFRESH, { token: session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    const fresh = expectData(await signIn(u.user.email)).login!;
    expect(fresh.user.role).toBe('REPAIR');
  });

  it('keeps tokens when the role given is the current one', async () => {
    const u = await factory.user(Role.TECHNICIAN);
    expectData(
      await t.gql(
        UPDATE,
        { id: u.user.id, input: { role: 'TECHNICIAN' } },
        { token: team.manager.token },
      ),
    );
    expect(errorCode(await t.gql(ME, {}, { token: u.token }))).toBeUndefined();
  });

  it.each([
    [
      'an unknown id',
      { id: '00000000-0000-4000-8000-000000000000', input: { name: 'X' } },
      'NOT_FOUND',
    ],
    ['a malformed id', { id: 'not-a-uuid', input: { name: 'X' } }, 'BAD_USER_INPUT'],
    ['an empty name', { input: { name: '' } }, 'BAD_USER_INPUT'],
    ['a too long name', { input: { name: 'n'.repeat(121) } }, 'BAD_USER_INPUT'],
    ['a wrong role enum', { input: { role: 'OWNER' } }, 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_k, variables, code) => {
    const u = await factory.user(Role.REPAIR);
    const before = await snapshot();
    expect(
      errorCode(
        await t.gql(UPDATE, { id: u.user.id, ...variables }, { token: team.manager.token }),
      ),
    ).toBe(code);
    expect(await snapshot()).toBe(before);
  });

  it('has no field for email, active or tokenVersion', async () => {
    for (const field of ['email: "x@y.z"', 'active: false', 'tokenVersion: 9']) {
      const r = await t.gql(
        `mutation { updateUser(id: "${team.repair.user.id}", input: { ${field} }) { id } }`,
        {},
        { token: team.manager.token },
      );
      expect(errorCode(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('is for managers only', async () => {
    await expectRefusedForOthers(UPDATE, { id: team.repair.user.id, input: { role: 'MANAGER' } });
  });
});

describe('deactivateUser and reactivateUser', () => {
  it('deactivates: older tokens and refresh tokens die, sign-in fails, the row stays', async () => {
    const u = await factory.user(Role.REPAIR);
    const session = expectData(await signIn(u.user.email)).login!;
    const r = expectData(
      await t.gql<{ deactivateUser: Deactivation }>(
        DEACTIVATE,
        { id: u.user.id },
        { token: team.manager.token },
      ),
    );
    expect(r.deactivateUser.user.active).toBe(false);
    expect(r.deactivateUser.endedSessions).toBe(1);
    expect(r.deactivateUser.unassignedMachines).toEqual([]);
    expect(errorCode(await t.gql(ME, {}, { token: u.token }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(REFRESH, { token: session.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await signIn(u.user.email))).toBe('UNAUTHENTICATED');
    expect(await t.em().count(RefreshToken, { user: u.user.id, revokedAt: null })).toBe(0);
    expect(await t.em().count(User, { id: u.user.id })).toBe(1);
    // Deactivating again is harmless, and says it ended nothing more.
    const again = expectData(
      await t.gql<{ deactivateUser: Deactivation }>(
        DEACTIVATE,
        { id: u.user.id },
        { token: team.manager.token },
      ),
    );
    expect(again.deactivateUser).toMatchObject({ endedSessions: 0, unassignedMachines: [] });

    const back = expectData(
      await t.gql<{ reactivateUser: UserRow }>(
        REACTIVATE,
        { id: u.user.id },
        { token: team.manager.token },
      ),
    );
    expect(back.reactivateUser.active).toBe(true);
    // Sessions from before stay ended; a new sign-in works.
    expect(errorCode(await t.gql(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
    expectData(await signIn(u.user.email));
  });

  it('tells what it did: each open session it ended and each machine it took them off', async () => {
    const f = new Factory(t);
    const tech = await f.user(Role.TECHNICIAN);
    // Two browsers, one of which signed out: two sessions are open.
    const phone = expectData(await signIn(tech.user.email)).login!;
    expectData(await signIn(tech.user.email));
    const ended = expectData(await signIn(tech.user.email)).login!;
    expectData(
      await t.gql('mutation ($r: String) { logout(refreshToken: $r) }', { r: ended.refreshToken }),
    );
    // A refreshed session is still one session.
    expectData(await t.gql(REFRESH, { token: phone.refreshToken }));
    const [lathe, drill, other] = [
      await f.machine({ name: 'Lathe Z' }),
      await f.machine({ name: 'Drill A' }),
      await f.machine({ name: 'Not theirs' }),
    ];
    const ASSIGN =
      'mutation ($id: ID!, $ids: [ID!]!) { assignTechnicians(machineId: $id, technicianIds: $ids) { id } }';
    for (const m of [lathe, drill]) {
      expectData(
        await t.gql(ASSIGN, { id: m.id, ids: [tech.user.id] }, { token: team.manager.token }),
      );
    }
    const r = expectData(
      await t.gql<{ deactivateUser: Deactivation }>(
        DEACTIVATE,
        { id: tech.user.id },
        { token: team.manager.token },
      ),
    );
    expect(r.deactivateUser.endedSessions).toBe(2);
    expect(r.deactivateUser.unassignedMachines).toEqual([
      { id: drill.id, name: 'Drill A' },
      { id: lathe.id, name: 'Lathe Z' },
    ]);
    expect(r.deactivateUser.unassignedMachines.map((m) => m.id)).not.toContain(other.id);
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ['a malformed id', '12345', 'BAD_USER_INPUT'],
  ])('refuses %s', async (_k, id, code) => {
    const before = await snapshot();
    expect(errorCode(await t.gql(DEACTIVATE, { id }, { token: team.manager.token }))).toBe(code);
    expect(errorCode(await t.gql(REACTIVATE, { id }, { token: team.manager.token }))).toBe(code);
    expect(await snapshot()).toBe(before);
  });

  it('is for managers only', async () => {
    const u = await factory.user(Role.REPAIR);
    await expectRefusedForOthers(DEACTIVATE, { id: u.user.id });
    await t.em().nativeUpdate(User, { id: u.user.id }, { active: false });
    await expectRefusedForOthers(REACTIVATE, { id: u.user.id });
  });
});

describe('machine assignments of someone who stops being an active technician', () => {
  const ASSIGN =
    'mutation ($id: ID!, $ids: [ID!]!) { assignTechnicians(machineId: $id, technicianIds: $ids) { id } }';
  const technicianIdsOf = async (machineId: string) =>
    (
      await t
        .em()
        .execute<{ user_id: string }[]>(
          'select user_id from machine_technicians where machine_id = ? order by user_id',
          [machineId],
        )
    ).map((r) => r.user_id);

  it.each([
    [
      'a role change',
      (id: string) =>
        t.gql(UPDATE, { id, input: { role: 'REPAIR' } }, { token: team.manager.token }),
    ],
    ['deactivation', (id: string) => t.gql(DEACTIVATE, { id }, { token: team.manager.token })],
  ])('end with %s, each machine logging it; the others stay', async (_kind, change) => {
    const f = new Factory(t);
    const [leaving, staying] = [await f.user(Role.TECHNICIAN), await f.user(Role.TECHNICIAN)];
    const machines = [await f.machine(), await f.machine()];
    for (const m of machines) {
      expectData(
        await t.gql(
          ASSIGN,
          { id: m.id, ids: [leaving.user.id, staying.user.id] },
          { token: team.manager.token },
        ),
      );
    }
    expectData(await change(leaving.user.id));
    for (const m of machines) {
      expect(await technicianIdsOf(m.id)).toEqual([staying.user.id]);
      const [last] = await t
        .em()
        .find(MachineEvent, { machine: m.id }, { orderBy: { id: 'desc' }, limit: 1 });
      expect(last).toMatchObject({
        type: MachineEventType.TECHNICIANS_ASSIGNED,
        data: { technicianIds: [staying.user.id], removedTechnicianId: leaving.user.id },
      });
    }
    // The manager's next edit of the list works (nothing stale left in it).
    const newcomer = await f.user(Role.TECHNICIAN);
    expectData(
      await t.gql(
        ASSIGN,
        { id: machines[0]!.id, ids: [staying.user.id, newcomer.user.id] },
        { token: team.manager.token },
      ),
    );
  });

  it('leave machines untouched when a repair worker is deactivated', async () => {
    const f = new Factory(t);
    const repair = await f.user(Role.REPAIR);
    const machine = await f.machine();
    const before = await t.em().count(MachineEvent, { machine: machine.id });
    expectData(await t.gql(DEACTIVATE, { id: repair.user.id }, { token: team.manager.token }));
    expect(await t.em().count(MachineEvent, { machine: machine.id })).toBe(before);
  });
});

describe('the last active manager', () => {
  it('cannot be demoted or deactivated (CONFLICT); with a second manager it can', async () => {
    const em = t.em();
    const others = await em.find(User, {
      role: Role.MANAGER,
      active: true,
      id: { $ne: team.manager.user.id },
    });
    await em.nativeUpdate(User, { id: { $in: others.map((u) => u.id) } }, { active: false });
    try {
      const me = team.manager.user.id;
      const before = await snapshot();
      expect(
        errorCode(
          await t.gql(
            UPDATE,
            { id: me, input: { role: 'TECHNICIAN' } },
            { token: team.manager.token },
          ),
        ),
      ).toBe('CONFLICT');
      expect(errorCode(await t.gql(DEACTIVATE, { id: me }, { token: team.manager.token }))).toBe(
        'CONFLICT',
      );
      expect(await snapshot()).toBe(before);
      // Renaming oneself is fine.
      expectData(
        await t.gql(
          UPDATE,
          { id: me, input: { name: 'Still The Manager' } },
          { token: team.manager.token },
        ),
      );

      // Two managers demoting each other at the same moment: one must stay.
      const second = await factory.user(Role.MANAGER);
      const results: GqlResult[] = await Promise.all([
        t.gql(
          UPDATE,
          { id: second.user.id, input: { role: 'REPAIR' } },
          { token: team.manager.token },
        ),
        t.gql(UPDATE, { id: me, input: { role: 'REPAIR' } }, { token: second.token }),
      ]);
      expect(results.map(errorCode).filter((c) => c === 'CONFLICT').length).toBeGreaterThanOrEqual(
        1,
      );
      expect(await t.em().count(User, { role: Role.MANAGER, active: true })).toBe(1);
    } finally {
      await t.em().nativeUpdate(User, { id: { $in: others.map((u) => u.id) } }, { active: true });
    }
  });
});

describe("another person's e-mail and account state", () => {
  const TECHNICIANS = `query ($id: ID!) { machine(id: $id) { technicians { id name FIELD } } }`;

  it('are for managers; staff and API clients see technicians by name only', async () => {
    const f = new Factory(t);
    // A manager of its own: an earlier test may have demoted the team's.
    const boss = await f.user(Role.MANAGER);
    const machine = await f.machine();
    expectData(
      await t.gql(
        'mutation ($id: ID!, $ids: [ID!]!) { assignTechnicians(machineId: $id, technicianIds: $ids) { id } }',
        { id: machine.id, ids: [team.technician.user.id] },
        { token: boss.token },
      ),
    );
    const asManager = expectData(
      await t.gql<{ machine: { technicians: { email: string }[] } }>(
        TECHNICIANS.replace('FIELD', 'email active'),
        { id: machine.id },
        { token: boss.token },
      ),
    );
    expect(asManager.machine.technicians[0]!.email).toBe(team.technician.user.email);
    const em = t.em();
    const { token: gateway, tokenHash, displayPrefix } = generateApiToken();
    em.create(ApiClient, {
      name: 'Board reader',
      tokenPrefix: displayPrefix,
      tokenHash,
      scopes: [ApiScope.MACHINES_READ],
      createdBy: em.getReference(User, boss.user.id),
    });
    await em.flush();
    for (const token of [team.repair.token, gateway]) {
      expect(
        expectData(
          await t.gql<{ machine: { technicians: { name: string }[] } }>(
            TECHNICIANS.replace('FIELD', 'role'),
            { id: machine.id },
            { token },
          ),
        ).machine.technicians.map((u) => u.name),
      ).toEqual([team.technician.user.name]);
      for (const field of ['email', 'active']) {
        const result = await t.gql(
          TECHNICIANS.replace('FIELD', field),
          { id: machine.id },
          { token },
        );
        expect(errorCode(result)).toBe('FORBIDDEN');
        expect(JSON.stringify(result)).not.toContain(team.technician.user.email);
      }
    }
  });

  it('are visible to the person themself, also in the sign-in answer', async () => {
    const me = expectData(
      await t.gql<{ me: { email: string; active: boolean } }>(
        '{ me { email active } }',
        {},
        { token: team.technician.token },
      ),
    ).me;
    expect(me).toEqual({ email: team.technician.user.email, active: true });
    const login = expectData(
      await t.gql<{ login: { user: { email: string; active: boolean } } }>(
        `mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password, deliverRefreshToken: BODY) { user { email active } } }`,
        { email: team.repair.user.email, password: TEST_PASSWORD },
        { headers: { 'x-forwarded-for': freshIp() } },
      ),
    ).login;
    expect(login.user).toEqual({ email: team.repair.user.email, active: true });
  });
});

describe('API clients', () => {
  it('can neither read nor manage users, nor use me / changePassword, even with every scope', async () => {
    const em = t.em();
    const { token, tokenHash, displayPrefix } = generateApiToken();
    em.create(ApiClient, {
      name: 'Gateway',
      tokenPrefix: displayPrefix,
      tokenHash,
      scopes: Object.values(ApiScope),
      createdBy: em.getReference(User, team.manager.user.id),
    });
    await em.flush();
    const before = await snapshot();
    const attempts: [string, Record<string, unknown>][] = [
      [USERS, {}],
      [ME, {}],
      [CREATE, { input: newUserInput() }],
      [UPDATE, { id: team.repair.user.id, input: { role: 'MANAGER' } }],
      [DEACTIVATE, { id: team.repair.user.id }],
      [REACTIVATE, { id: team.repair.user.id }],
      [
        'mutation { changePassword(currentPassword: "x", newPassword: "a long enough passphrase") { accessToken } }',
        {},
      ],
    ];
    for (const [query, variables] of attempts) {
      expect(errorCode(await t.gql(query, variables, { token }))).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toBe(before);
  });
});
