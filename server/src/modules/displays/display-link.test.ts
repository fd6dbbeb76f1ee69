import { createHash, randomUUID } from 'node:crypto';
import {
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSchema } from '../../graphql/schema.js';
import { ROUTES } from '../../rest/routes/index.js';
import { Factory, TEST_PASSWORD, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { rest } from '../../testing/rest-client.js';
import { connectSocket } from '../../testing/ws-client.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import type { Building } from '../buildings/building.entity.js';
import type { Machine } from '../machines/machine.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let hallA: Building;
let hallB: Building;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
  hallA = await f.building(`A ${randomUUID().slice(0, 6)}`);
  hallB = await f.building(`B ${randomUUID().slice(0, 6)}`);
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Subscribing is asynchronous on the server: give it time to register. */
const settle = () => sleep(150);

interface LinkView {
  id: string;
  name: string;
  tokenPrefix: string;
  chime: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  buildings: { id: string; name: string }[];
}

const LINK_FIELDS =
  'id name tokenPrefix chime createdAt lastUsedAt revokedAt buildings { id name }';
const CREATE = `mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token displayLink { ${LINK_FIELDS} } } }`;
const REVOKE = `mutation ($id: ID!) { revokeDisplayLink(id: $id) { ${LINK_FIELDS} } }`;
const LIST = `{ displayLinks { ${LINK_FIELDS} } }`;
const CURRENT = '{ currentDisplay { id name chime buildings { id name } } }';
const MACHINES =
  '{ machines(first: 100) { lastEventId nodes { id status building { id } openFaultCase { id severity status assignee { id name } } } } }';
const OPEN_CASE =
  'mutation ($m: ID!, $d: String!) { openFaultCase(input: { machineId: $m, description: $d, severity: HIGH }) { id } }';
const RAISE =
  'mutation ($m: ID!, $c: String) { raiseWarning(input: { machineId: $m, message: "Oil hot", code: $c }) { id } }';

async function create(
  input: Record<string, unknown>,
): Promise<{ token: string; displayLink: LinkView }> {
  const res = await t.gql<{ createDisplayLink: { token: string; displayLink: LinkView } }>(
    CREATE,
    { input },
    { token: team.manager.token },
  );
  return expectData(res).createDisplayLink;
}

async function apiToken(scopes: string[]): Promise<{ id: string; token: string }> {
  const res = await t.gql<{ createApiClient: { token: string; apiClient: { id: string } } }>(
    'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token apiClient { id } } }',
    { input: { name: `gateway ${randomUUID().slice(0, 6)}`, scopes } },
    { token: team.manager.token },
  );
  const { token, apiClient } = expectData(res).createApiClient;
  return { id: apiClient.id, token };
}

const details = (res: GqlResult<unknown>) =>
  res.errors?.[0]?.extensions?.details as Record<string, unknown> | undefined;

/** Everything a refused operation could have changed; `last_used_at` is a hint, not data. */
async function databaseFingerprint(): Promise<string> {
  const tables = [
    'users',
    'buildings',
    'machines',
    'machine_technicians',
    'warnings',
    'fault_cases',
    'fault_notes',
    'machine_events',
    'refresh_tokens',
    'idempotency_keys',
    'api_client_buildings',
  ];
  const parts: string[] = [];
  const connection = t.em().getConnection();
  for (const table of tables) {
    const [row] = await connection.execute<{ h: string | null }[]>(
      `select md5(string_agg(x::text, ',' order by x::text)) as h from ${table} x`,
    );
    parts.push(`${table}:${row?.h ?? ''}`);
  }
  const [clients] = await connection.execute<{ h: string | null }[]>(
    `select md5(string_agg((id, name, purpose, chime, scopes, revoked_at)::text, ',' order by id)) as h from api_clients`,
  );
  parts.push(`api_clients:${clients?.h ?? ''}`);
  return parts.join('|');
}

describe('createDisplayLink', () => {
  it('returns the token once, stores its hash, and makes a read-only DISPLAY client', async () => {
    const { token, displayLink } = await create({
      name: '  Hall A north wall ',
      buildingIds: [hallB.id, hallA.id, hallA.id],
      chime: true,
    });
    expect(token).toMatch(/^sfk_[A-Za-z0-9_-]{43}$/);
    expect(displayLink).toMatchObject({
      name: 'Hall A north wall',
      tokenPrefix: token.slice(0, 12),
      chime: true,
      lastUsedAt: null,
      revokedAt: null,
      buildings: [
        { id: hallA.id, name: hallA.name },
        { id: hallB.id, name: hallB.name },
      ],
    });
    const row = await t.em().findOneOrFail(ApiClient, { id: displayLink.id });
    expect(row.purpose).toBe('DISPLAY');
    expect(row.scopes).toEqual(['machines:read']);
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const [raw] = await t
      .em()
      .getConnection()
      .execute<{ json: string }[]>(
        'select row_to_json(c)::text as json from api_clients c where id = ?',
        [displayLink.id],
      );
    expect(raw!.json).not.toContain(token.slice(12));

    // chime is opt-in: omitted or null means no chime.
    expect((await create({ name: 'quiet', buildingIds: [hallA.id] })).displayLink.chime).toBe(
      false,
    );
    expect(
      (await create({ name: 'quiet too', buildingIds: [hallA.id], chime: null })).displayLink.chime,
    ).toBe(false);
    // 120 characters is the longest name.
    const longest = 'n'.repeat(120);
    expect((await create({ name: longest, buildingIds: [hallA.id] })).displayLink.name).toBe(
      longest,
    );
  });

  it.each([
    ['empty name', { name: '' }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['too long name', { name: 'n'.repeat(121) }, 'name'],
    ['no buildings', { buildingIds: [] }, 'buildingIds'],
    ['malformed building id', { buildingIds: ['nope'] }, 'buildingIds'],
    ['unknown building id', { buildingIds: [randomUUID()] }, 'buildingIds'],
    ['one known and one unknown building', { buildingIds: ['KNOWN', randomUUID()] }, 'buildingIds'],
    [
      'more than 100 buildings',
      { buildingIds: Array.from({ length: 101 }, () => randomUUID()) },
      'buildingIds',
    ],
    ['missing buildingIds', { buildingIds: undefined }, undefined],
    ['null name', { name: null }, undefined],
  ])('rejects %s with BAD_USER_INPUT and creates nothing', async (_kind, patch, field) => {
    const before = await databaseFingerprint();
    const input: Record<string, unknown> = { name: 'screen', buildingIds: [hallA.id], ...patch };
    if (Array.isArray(input.buildingIds)) {
      input.buildingIds = input.buildingIds.map((id) => (id === 'KNOWN' ? hallA.id : id));
    }
    const res = await t.gql(CREATE, { input }, { token: team.manager.token });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    if (field) expect(details(res)?.field).toBe(field);
    expect(await databaseFingerprint()).toBe(before);
  });
});

describe('managing display links', () => {
  it('lists display links newest first with revoked ones, and keeps them out of apiClients', async () => {
    const older = await create({ name: 'older screen', buildingIds: [hallA.id] });
    const newer = await create({ name: 'newer screen', buildingIds: [hallB.id] });
    const api = await apiToken(['MACHINES_READ']);
    expectData(await t.gql(REVOKE, { id: older.displayLink.id }, { token: team.manager.token }));

    const links = expectData(
      await t.gql<{ displayLinks: LinkView[] }>(LIST, {}, { token: team.manager.token }),
    ).displayLinks;
    const ids = links.map((l) => l.id);
    expect(ids.indexOf(newer.displayLink.id)).toBeLessThan(ids.indexOf(older.displayLink.id));
    expect(ids).not.toContain(api.id);
    expect(links.find((l) => l.id === older.displayLink.id)!.revokedAt).not.toBeNull();
    const times = links.map((l) => Date.parse(l.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const clients = expectData(
      await t.gql<{ apiClients: { nodes: { id: string }[] } }>(
        '{ apiClients(first: 100) { nodes { id } } }',
        {},
        { token: team.manager.token },
      ),
    ).apiClients.nodes.map((c) => c.id);
    expect(clients).toContain(api.id);
    expect(clients).not.toContain(newer.displayLink.id);
    expect(clients).not.toContain(older.displayLink.id);
  });

  it('revokes once, keeps the record, and is not the way to revoke API clients (nor they it)', async () => {
    const { token, displayLink } = await create({ name: 'to revoke', buildingIds: [hallA.id] });
    expectData(await t.gql(CURRENT, {}, { token }));
    const revoked = expectData(
      await t.gql<{ revokeDisplayLink: LinkView }>(
        REVOKE,
        { id: displayLink.id },
        { token: team.manager.token },
      ),
    ).revokeDisplayLink;
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.buildings.map((b) => b.id)).toEqual([hallA.id]);
    const again = expectData(
      await t.gql<{ revokeDisplayLink: LinkView }>(
        REVOKE,
        { id: displayLink.id },
        { token: team.manager.token },
      ),
    ).revokeDisplayLink;
    expect(again.revokedAt).toBe(revoked.revokedAt);

    // revokeApiClient does not touch display links; revokeDisplayLink not API clients.
    const live = await create({ name: 'live', buildingIds: [hallA.id] });
    const api = await apiToken(['MACHINES_READ']);
    const revokeClient = 'mutation ($id: ID!) { revokeApiClient(id: $id) { id } }';
    expect(
      errorCode(
        await t.gql(revokeClient, { id: live.displayLink.id }, { token: team.manager.token }),
      ),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REVOKE, { id: api.id }, { token: team.manager.token }))).toBe(
      'NOT_FOUND',
    );
    expect(
      (await t.em().findOneOrFail(ApiClient, { id: live.displayLink.id })).revokedAt,
    ).toBeNull();
    expect((await t.em().findOneOrFail(ApiClient, { id: api.id })).revokedAt).toBeNull();
    expectData(await t.gql(CURRENT, {}, { token: live.token }));
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(
      errorCode(await t.gql(REVOKE, { id: randomUUID() }, { token: team.manager.token })),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REVOKE, { id: 'nope' }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses every caller but a manager on the three management operations, and changes nothing', async () => {
    const victim = await create({ name: 'victim', buildingIds: [hallA.id] });
    const display = await create({ name: 'other screen', buildingIds: [hallA.id] });
    const api = await apiToken(['MACHINES_READ', 'WARNINGS_WRITE', 'FAULTS_WRITE']);
    const before = await databaseFingerprint();
    const input = { name: 'sneaky', buildingIds: [hallA.id] };
    const callers: [string, string | undefined, string][] = [
      ['technician', team.technician.token, 'FORBIDDEN'],
      ['repair', team.repair.token, 'FORBIDDEN'],
      ['API client', api.token, 'FORBIDDEN'],
      ['display link', display.token, 'FORBIDDEN'],
      ['anonymous', undefined, 'UNAUTHENTICATED'],
    ];
    for (const [who, token, code] of callers) {
      expect(errorCode(await t.gql(CREATE, { input }, { token })), `${who} create`).toBe(code);
      expect(errorCode(await t.gql(LIST, {}, { token })), `${who} list`).toBe(code);
      expect(
        errorCode(await t.gql(REVOKE, { id: victim.displayLink.id }, { token })),
        `${who} revoke`,
      ).toBe(code);
    }
    expect(await databaseFingerprint()).toBe(before);
  });
});

describe('currentDisplay', () => {
  it("gives a display its own settings, people null, and a revoked link's screen the reason", async () => {
    const { token, displayLink } = await create({
      name: 'Hall wall',
      buildingIds: [hallB.id, hallA.id],
      chime: true,
    });
    const current = expectData(
      await t.gql<{ currentDisplay: Record<string, unknown> }>(CURRENT, {}, { token }),
    ).currentDisplay;
    expect(current).toEqual({
      id: displayLink.id,
      name: 'Hall wall',
      chime: true,
      buildings: [
        { id: hallA.id, name: hallA.name },
        { id: hallB.id, name: hallB.name },
      ],
    });
    for (const user of Object.values(team)) {
      const res = await t.gql<{ currentDisplay: unknown }>(CURRENT, {}, { token: user.token });
      expect(expectData(res).currentDisplay).toBeNull();
    }

    expectData(await t.gql(REVOKE, { id: displayLink.id }, { token: team.manager.token }));
    const revoked = await t.gql(CURRENT, {}, { token });
    expect(errorCode(revoked)).toBe('UNAUTHENTICATED');
    expect(details(revoked)?.reason).toBe('REVOKED');
    // Its board reads say the same, so the screen learns it from whichever call comes first.
    const board = await t.gql(MACHINES, {}, { token });
    expect([errorCode(board), details(board)?.reason]).toEqual(['UNAUTHENTICATED', 'REVOKED']);

    // An unknown token, a revoked API token and no token at all: no reason.
    const api = await apiToken(['MACHINES_READ']);
    expectData(
      await t.gql(
        'mutation ($id: ID!) { revokeApiClient(id: $id) { id } }',
        { id: api.id },
        { token: team.manager.token },
      ),
    );
    for (const other of [`sfk_${'x'.repeat(43)}`, api.token, 'garbage', undefined]) {
      const res = await t.gql(CURRENT, {}, { token: other });
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(details(res)?.reason).toBeUndefined();
    }
  });

  it('refuses a link whose buildings are all gone rather than show every building', async () => {
    const lonely = await f.building();
    const { token, displayLink } = await create({ name: 'lonely', buildingIds: [lonely.id] });
    expectData(await t.gql(CURRENT, {}, { token }));
    const em = t.em();
    await em
      .getConnection()
      .execute('delete from api_client_buildings where api_client_id = ?', [displayLink.id]);
    // No path of the app does this; the cached identity hears of it as of any change to a link.
    await t.server.bus.publishInvalidation(em, { kind: 'apiClient', apiClientId: displayLink.id });
    expect(errorCode(await t.gql(MACHINES, {}, { token }))).toBe('UNAUTHENTICATED');
  });
});

describe('a display link reads the board of its buildings', () => {
  let inA: Machine;
  let inB: Machine;
  let token: string;

  beforeAll(async () => {
    inA = await f.machine({ building: hallA });
    inB = await f.machine({ building: hallB });
    expectData(
      await t.gql(
        OPEN_CASE,
        { m: inA.id, d: 'Secret seal detail' },
        { token: team.technician.token },
      ),
    );
    ({ token } = await create({ name: 'Hall A', buildingIds: [hallA.id] }));
  });

  it('sees its buildings, their machines and the board fields of their cases, nothing more', async () => {
    const buildings = expectData(
      await t.gql<{ buildings: { id: string }[] }>('{ buildings { id } }', {}, { token }),
    ).buildings;
    expect(buildings.map((b) => b.id)).toEqual([hallA.id]);

    type Board = {
      machines: {
        lastEventId: string;
        nodes: {
          id: string;
          status: string;
          building: { id: string };
          openFaultCase: { severity: string; assignee: null } | null;
        }[];
      };
    };
    const board = expectData(await t.gql<Board>(MACHINES, {}, { token })).machines;
    expect(board.nodes.every((n) => n.building.id === hallA.id)).toBe(true);
    const tile = board.nodes.find((n) => n.id === inA.id)!;
    expect(tile).toMatchObject({ status: 'FAULT', openFaultCase: { severity: 'HIGH' } });
    expect(board.nodes.map((n) => n.id)).not.toContain(inB.id);
    // Asking for another building by filter gives nothing, not that building.
    const asked = expectData(
      await t.gql<{ machines: { totalCount: number; nodes: { id: string }[] } }>(
        'query ($b: [ID!]) { machines(filter: { buildingIds: $b, includeArchived: true }) { totalCount nodes { id } } }',
        { b: [hallB.id] },
        { token },
      ),
    ).machines;
    expect(asked).toEqual({ totalCount: 0, nodes: [] });

    const one = expectData(
      await t.gql<{ machine: { id: string } }>(
        'query ($id: ID) { machine(id: $id) { id name status } }',
        { id: inA.id },
        { token },
      ),
    );
    expect(one.machine.id).toBe(inA.id);
    // Another building's machine: FORBIDDEN, as for any building-limited token.
    const foreign = await t.gql(
      'query ($id: ID) { machine(id: $id) { id } }',
      { id: inB.id },
      { token },
    );
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    expect(foreign.data).toBeNull();
    const byAsset = await t.gql(
      'query ($a: String) { machine(assetCode: $a) { id } }',
      { a: inB.assetCode },
      { token },
    );
    expect(errorCode(byAsset)).toBe('FORBIDDEN');

    // The case's detail stays hidden: FORBIDDEN in that cell, the tile stands.
    const detail = await t.gql<{ machine: { openFaultCase: { description: string | null } } }>(
      'query ($id: ID) { machine(id: $id) { openFaultCase { severity description notes { id } reportedBy { name } } } }',
      { id: inA.id },
      { token },
    );
    expect(detail.data?.machine.openFaultCase).toMatchObject({
      severity: 'HIGH',
      description: null,
    });
    expect(detail.errors?.map((e) => e.extensions?.code)).toEqual(
      expect.arrayContaining(['FORBIDDEN']),
    );
    expect(JSON.stringify(detail)).not.toContain('Secret');
  });

  it('updates lastUsedAt at most once a minute', async () => {
    const { token: fresh, displayLink } = await create({ name: 'usage', buildingIds: [hallA.id] });
    const used = async () =>
      (await t.em().findOneOrFail(ApiClient, { id: displayLink.id })).lastUsedAt;
    expect(await used()).toBeNull();
    expectData(await t.gql(CURRENT, {}, { token: fresh }));
    const first = await used();
    expect(first).not.toBeNull();

    // Within the minute: left alone.
    const recent = new Date(Date.now() - 30_000);
    await t.em().nativeUpdate(ApiClient, { id: displayLink.id }, { lastUsedAt: recent });
    expectData(await t.gql(CURRENT, {}, { token: fresh }));
    expect((await used())!.getTime()).toBe(recent.getTime());

    // Older than a minute: written again. A minute on, the cached identity (kept at most a
    // minute) is looked up anew, and that lookup writes the hint.
    const old = new Date(Date.now() - 120_000);
    await t.em().nativeUpdate(ApiClient, { id: displayLink.id }, { lastUsedAt: old });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      expectData(await t.gql(CURRENT, {}, { token: fresh }));
      expect((await used())!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    } finally {
      vi.useRealTimers();
    }

    const listed = expectData(
      await t.gql<{ displayLinks: LinkView[] }>(LIST, {}, { token: team.manager.token }),
    ).displayLinks.find((l) => l.id === displayLink.id)!;
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('is FORBIDDEN on every other query and every mutation, and changes nothing', async () => {
    const schema = await getSchema();
    const allowed = new Set(['buildings', 'machines', 'wholeBoard', 'machine', 'currentDisplay']);
    const queries = Object.values(schema.getQueryType()!.getFields()).filter(
      (q) => !allowed.has(q.name),
    );
    const mutations = Object.values(schema.getMutationType()!.getFields());
    // The named negatives of the brief are among them.
    expect(queries.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'faultCases',
        'faultCase',
        'users',
        'apiClients',
        'machineEvents',
        'me',
        'warnings',
        'displayLinks',
      ]),
    );
    expect(mutations.length).toBeGreaterThan(20);
    const before = await databaseFingerprint();
    for (const [kind, fields] of [
      ['query', queries],
      ['mutation', mutations],
    ] as const) {
      for (const field of fields) {
        const { document, variables } = probe(kind, field, inA.id);
        const res = await t.gql(document, variables, { token });
        expect(errorCode(res), `${kind} ${field.name}: ${JSON.stringify(res.errors)}`).toBe(
          'FORBIDDEN',
        );
      }
    }
    expect(await databaseFingerprint()).toBe(before);
    // Sign-in with good credentials is refused too: a screen's request is a screen's.
    const login = await t.gql(
      'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: team.manager.user.email, p: TEST_PASSWORD },
      { token },
    );
    expect(errorCode(login)).toBe('FORBIDDEN');
  });

  it('is refused by every REST route with 403 JSON, reads included', async () => {
    const before = await databaseFingerprint();
    for (const route of ROUTES) {
      const path = route.path
        .replace('{machineId}', inA.id)
        .replace('{faultId}', randomUUID())
        .replace('{warningId}', randomUUID());
      const res = await rest<{ error: { code: string } }>(t, route.method.toUpperCase(), path, {
        token,
        ...(route.requestBody
          ? {
              body: {
                description: 'x',
                severity: 'LOW',
                message: 'x',
                code: 'X',
                email: 'a@b.c',
                password: 'x',
              },
            }
          : {}),
      });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await databaseFingerprint()).toBe(before);
    // The same read with a manager's token works: the refusal is the display's.
    expect((await rest(t, 'GET', '/api/machines/', { token: team.manager.token })).status).toBe(
      200,
    );
  });

  it('follows its buildings live: machineEvents (with since), machineStatusChanged, warningRepeated', async () => {
    const { lastEventId } = expectData(
      await t.gql<{ machines: { lastEventId: string } }>(MACHINES, {}, { token }),
    ).machines;
    const quiet = await f.machine({ building: hallA });
    const other = await f.machine({ building: hallB });
    const socket = connectSocket(t.url, token);
    const events = socket.subscribe<{
      machineEvents: {
        id: string;
        type: string;
        machine: { id: string };
        faultCase: { severity: string } | null;
      };
    }>(
      'subscription ($since: ID) { machineEvents(since: $since) { id type machine { id } faultCase { severity } } }',
      { since: lastEventId },
    );
    const statuses = socket.subscribe<{
      machineStatusChanged: { machineId: string; status: string };
    }>('subscription { machineStatusChanged { machineId status } }');
    const repeats = socket.subscribe<{
      warningRepeated: { machineId: string; repeatCount: number };
    }>('subscription { warningRepeated { machineId repeatCount } }');
    await settle();
    // Changes in hall B first: none of them may reach the screen.
    for (let i = 0; i < 2; i++) {
      expectData(await t.gql(RAISE, { m: other.id, c: 'HOT' }, { token: team.technician.token }));
    }
    for (let i = 0; i < 2; i++) {
      expectData(await t.gql(RAISE, { m: quiet.id, c: 'HOT' }, { token: team.technician.token }));
    }
    expectData(
      await t.gql(OPEN_CASE, { m: quiet.id, d: 'Belt torn' }, { token: team.technician.token }),
    );
    const got = await events.waitFor(4);
    expect(got.every((g) => g.machineEvents.machine.id === quiet.id)).toBe(true);
    expect(got.map((g) => g.machineEvents.type)).toEqual(
      expect.arrayContaining(['WARNING_RAISED', 'FAULT_OPENED']),
    );
    const opened = got.find((g) => g.machineEvents.type === 'FAULT_OPENED')!;
    expect(opened.machineEvents.faultCase).toEqual({ severity: 'HIGH' });
    const statusChanges = await statuses.waitFor(2);
    expect(statusChanges.map((s) => s.machineStatusChanged)).toEqual([
      { machineId: quiet.id, status: 'WARNING' },
      { machineId: quiet.id, status: 'FAULT' },
    ]);
    const [repeat] = await repeats.waitFor(1);
    expect(repeat!.warningRepeated).toMatchObject({ machineId: quiet.id, repeatCount: 2 });
    await sleep(400);
    for (const item of [...events.items.map((e) => e.machineEvents.machine.id)])
      expect(item).toBe(quiet.id);
    expect(statuses.items.every((s) => s.machineStatusChanged.machineId === quiet.id)).toBe(true);
    expect(repeats.items.every((r) => r.warningRepeated.machineId === quiet.id)).toBe(true);
    expect(events.errors).toEqual([]);

    // Everything else over the socket is refused: the case feed, other queries.
    const cases = socket.subscribe('subscription { faultCaseChanged { id } }');
    await cases.done;
    expect(JSON.stringify(cases.errors)).toContain('FORBIDDEN');
    const log = socket.subscribe('{ machineEvents(first: 5) { nodes { id } } }');
    await log.done;
    expect(JSON.stringify(log.errors)).toContain('FORBIDDEN');
    await socket.dispose();
  });

  it('loses its open socket within the revalidation interval after revocation, and cannot reconnect', async () => {
    const { token: screen, displayLink } = await create({
      name: 'doomed',
      buildingIds: [hallA.id],
    });
    const socket = connectSocket(t.url, screen);
    const sub = socket.subscribe('subscription { machineStatusChanged { machineId } }');
    await settle();
    expectData(await t.gql(REVOKE, { id: displayLink.id }, { token: team.manager.token }));
    const started = Date.now();
    const closed = await socket.closed;
    expect(closed.code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(4000);
    await sub.done;

    const again = connectSocket(t.url, screen);
    expect((await again.closed).code).toBe(4403);
    await again.dispose();
    await socket.dispose();
  }, 10_000);
});

/** The schema's root fields a display may reach: opening one more needs this test changed. */
describe('the display surface of the schema', () => {
  it('is exactly the board reads, and every public operation checks for displays itself', async () => {
    const schema = await getSchema();
    const displayFields: string[] = [];
    const unguarded: string[] = [];
    for (const type of [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]) {
      for (const field of Object.values(type!.getFields())) {
        const auth = field.astNode?.directives?.find((d) => d.name.value === 'auth');
        if (!auth) unguarded.push(`${type!.name}.${field.name}`);
        const display = auth?.arguments?.find((a) => a.name.value === 'display');
        if (display?.value.kind === 'BooleanValue' && display.value.value) {
          displayFields.push(`${type!.name}.${field.name}`);
        }
      }
    }
    expect(displayFields.sort()).toEqual([
      'Query.buildings',
      'Query.currentDisplay',
      'Query.machine',
      'Query.machines',
      'Query.wholeBoard',
      'Subscription.machineEvents',
      'Subscription.machineStatusChanged',
      'Subscription.warningRepeated',
    ]);
    // These have no @auth (they are public); their resolvers refuse displays (tested above).
    expect(unguarded.sort()).toEqual([
      'Mutation.login',
      'Mutation.logout',
      'Mutation.refreshSession',
    ]);
  });
});

/** A well-typed document for a root field, with every required argument given a sample value. */
function probe(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  machineId: string,
): { document: string; variables: Record<string, unknown> } {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const uses: string[] = [];
  required.forEach((arg, i) => {
    definitions.push(`$a${i}: ${String(arg.type)}`);
    uses.push(`${arg.name}: $a${i}`);
    variables[`a${i}`] = sample(arg.type, machineId);
  });
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const defs = definitions.length ? `(${definitions.join(', ')})` : '';
  const args = uses.length ? `(${uses.join(', ')})` : '';
  return { document: `${kind}${defs} { ${field.name}${args}${selection} }`, variables };
}

function sample(type: GraphQLInputType, machineId: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, machineId);
  if (isListType(type)) return [sample(type.ofType, machineId)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type, machineId)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]!.name;
  switch (type.name) {
    case 'ID':
      return machineId;
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return new Date().toISOString();
    case 'JSONObject':
      return {};
    default:
      return 'x';
  }
}
