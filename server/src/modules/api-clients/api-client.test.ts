import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import type { Building } from '../buildings/building.entity.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { Machine } from '../machines/machine.entity.js';
import { Warning } from '../warnings/warning.entity.js';
import { ApiClient } from './api-client.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let hallA: Building;
let hallB: Building;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
  hallA = await f.building();
  hallB = await f.building();
});
afterAll(() => t.close());

interface ClientView {
  id: string;
  name: string;
  scopes: string[];
  tokenPrefix: string;
  revoked: boolean;
  revokedAt: string | null;
  lastUsedAt: string | null;
  buildings: { id: string }[];
  createdBy: { id: string };
}

const CLIENT_FIELDS =
  'id name scopes tokenPrefix revoked revokedAt lastUsedAt buildings { id } createdBy { id }';
const CREATE = `mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token apiClient { ${CLIENT_FIELDS} } } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiClient(id: $id) { ${CLIENT_FIELDS} } }`;
const LIST = `query ($filter: ApiClientFilter) { apiClients(filter: $filter, first: 100) { totalCount nodes { ${CLIENT_FIELDS} } } }`;
const MACHINES = '{ machines(filter: { includeArchived: true }, first: 100) { nodes { id } } }';
const RAISE = 'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }';

async function create(
  input: Record<string, unknown>,
): Promise<{ token: string; apiClient: ClientView }> {
  const res = await t.gql<{ createApiClient: { token: string; apiClient: ClientView } }>(
    CREATE,
    { input },
    { token: team.manager.token },
  );
  return expectData(res).createApiClient;
}

const clientCount = () => t.em().count(ApiClient, {});

describe('createApiClient', () => {
  it('returns the token once and stores only its hash and a display prefix', async () => {
    const { token, apiClient } = await create({
      name: '  Line 3 gateway ',
      scopes: ['WARNINGS_WRITE', 'MACHINES_READ', 'WARNINGS_WRITE'],
      buildingIds: [hallA.id],
    });
    expect(token).toMatch(/^sfk_[A-Za-z0-9_-]{43}$/);
    expect(apiClient).toMatchObject({
      name: 'Line 3 gateway',
      tokenPrefix: token.slice(0, 12),
      revoked: false,
      revokedAt: null,
      lastUsedAt: null,
      buildings: [{ id: hallA.id }],
      createdBy: { id: team.manager.user.id },
    });
    expect([...apiClient.scopes].sort()).toEqual(['MACHINES_READ', 'WARNINGS_WRITE']);
    const rows = await t
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(
        'select row_to_json(c)::text as json, token_hash from api_clients c where id = ?',
        [apiClient.id],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.json).not.toContain(token);
    expect(rows[0]!.json).not.toContain(token.slice(12));
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    // Each client gets its own random token.
    const other = await create({ name: 'other', scopes: ['MACHINES_READ'] });
    expect(other.token).not.toBe(token);
    expect(other.apiClient.buildings).toEqual([]);
  });

  it.each([
    ['empty name', { name: '' }],
    ['blank name', { name: '   ' }],
    ['too long name', { name: 'n'.repeat(121) }],
    ['empty scopes', { scopes: [] }],
    ['unknown scope enum', { scopes: ['ADMIN'] }],
    ['scope given by its REST name', { scopes: ['machines:read'] }],
    ['malformed building id', { buildingIds: ['nope'] }],
    ['unknown building id', { buildingIds: [randomUUID()] }],
    ['missing scopes', { scopes: undefined }],
  ])('rejects %s with BAD_USER_INPUT and creates nothing', async (_kind, patch) => {
    const before = await clientCount();
    const input = { name: 'client', scopes: ['MACHINES_READ'], ...patch };
    expect(errorCode(await t.gql(CREATE, { input }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await clientCount()).toBe(before);
  });

  it('refuses every caller but a manager', async () => {
    const { token: apiToken } = await create({
      name: 'all scopes',
      scopes: ['MACHINES_READ', 'WARNINGS_WRITE', 'FAULTS_WRITE'],
    });
    const before = await clientCount();
    const input = { name: 'sneaky', scopes: ['MACHINES_READ'] };
    for (const token of [team.technician.token, team.repair.token, apiToken]) {
      expect(errorCode(await t.gql(CREATE, { input }, { token }))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(LIST, {}, { token }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(CREATE, { input }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    expect(await clientCount()).toBe(before);
  });
});

describe('using an API token', () => {
  it('reads machines with machines:read and raises warnings with warnings:write, nothing more', async () => {
    const machine = await f.machine({ building: hallA });
    const { token, apiClient } = await create({
      name: 'gateway',
      scopes: ['MACHINES_READ', 'WARNINGS_WRITE'],
    });
    const list = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(MACHINES, {}, { token }),
    );
    expect(list.machines.nodes.map((n) => n.id)).toContain(machine.id);
    expectData(
      await t.gql(
        RAISE,
        { input: { machineId: machine.id, message: 'hot', code: 'T' } },
        { token },
      ),
    );

    const machinesBefore = await t.em().count(Machine, {});
    const createMachine = await t.gql(
      'mutation ($input: CreateMachineInput!) { createMachine(input: $input) { id } }',
      { input: { name: 'by token', buildingId: hallA.id, importance: 3 } },
      { token },
    );
    expect(errorCode(createMachine)).toBe('FORBIDDEN');
    expect(await t.em().count(Machine, {})).toBe(machinesBefore);

    const used = await t.em().findOneOrFail(ApiClient, { id: apiClient.id });
    expect(used.lastUsedAt).not.toBeNull();
    expect(Date.now() - used.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it('is FORBIDDEN for operations whose scope it lacks', async () => {
    const machine = await f.machine({ building: hallA });
    const { token: writeOnly } = await create({ name: 'write only', scopes: ['WARNINGS_WRITE'] });
    const { token: readOnly } = await create({ name: 'read only', scopes: ['MACHINES_READ'] });
    expect(errorCode(await t.gql(MACHINES, {}, { token: writeOnly }))).toBe('FORBIDDEN');
    const before = await t.em().count(Warning, {});
    expect(
      errorCode(
        await t.gql(RAISE, { input: { machineId: machine.id, message: 'x' } }, { token: readOnly }),
      ),
    ).toBe('FORBIDDEN');
    expect(await t.em().count(Warning, {})).toBe(before);
  });

  it('acts only on the buildings it is limited to', async () => {
    const inA = await f.machine({ building: hallA });
    const inB = await f.machine({ building: hallB });
    const { token } = await create({
      name: 'hall A sensor',
      scopes: ['MACHINES_READ', 'WARNINGS_WRITE'],
      buildingIds: [hallA.id],
    });
    const list = expectData(
      await t.gql<{ machines: { nodes: { id: string }[] } }>(MACHINES, {}, { token }),
    );
    const ids = list.machines.nodes.map((n) => n.id);
    expect(ids).toContain(inA.id);
    expect(ids).not.toContain(inB.id);
    expect(
      errorCode(
        await t.gql('query ($id: ID) { machine(id: $id) { id } }', { id: inB.id }, { token }),
      ),
    ).toBe('FORBIDDEN');

    const before = {
      warnings: await t.em().count(Warning, {}),
      events: await t.em().count(MachineEvent, { machine: inB.id }),
    };
    const denied = await t.gql(
      RAISE,
      { input: { machineId: inB.id, message: 'x', code: 'X' } },
      { token },
    );
    expect(errorCode(denied)).toBe('FORBIDDEN');
    expect({
      warnings: await t.em().count(Warning, {}),
      events: await t.em().count(MachineEvent, { machine: inB.id }),
    }).toEqual(before);

    // A warning raised in hall B by someone else cannot be cleared by this token either.
    const raised = expectData(
      await t.gql<{ raiseWarning: { id: string } }>(
        RAISE,
        { input: { machineId: inB.id, message: 'y', code: 'Y' } },
        { token: team.technician.token },
      ),
    ).raiseWarning;
    const clear =
      'mutation ($id: ID, $machineId: ID, $code: String) { clearWarning(id: $id, machineId: $machineId, code: $code) { id } }';
    expect(errorCode(await t.gql(clear, { id: raised.id }, { token }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(clear, { machineId: inB.id, code: 'Y' }, { token }))).toBe(
      'FORBIDDEN',
    );
    expect((await t.em().findOneOrFail(Warning, { id: raised.id })).clearedAt).toBeNull();

    expectData(await t.gql(RAISE, { input: { machineId: inA.id, message: 'ok here' } }, { token }));
  });
});

describe('revokeApiClient', () => {
  it('stops the token at once and keeps the record, flagged', async () => {
    const { token, apiClient } = await create({ name: 'to revoke', scopes: ['MACHINES_READ'] });
    expectData(await t.gql(MACHINES, {}, { token }));
    const revoked = expectData(
      await t.gql<{ revokeApiClient: ClientView }>(
        REVOKE,
        { id: apiClient.id },
        { token: team.manager.token },
      ),
    ).revokeApiClient;
    expect(revoked.revoked).toBe(true);
    expect(revoked.revokedAt).not.toBeNull();
    expect(errorCode(await t.gql(MACHINES, {}, { token }))).toBe('UNAUTHENTICATED');

    // Revoking twice keeps the first time.
    const again = expectData(
      await t.gql<{ revokeApiClient: ClientView }>(
        REVOKE,
        { id: apiClient.id },
        { token: team.manager.token },
      ),
    ).revokeApiClient;
    expect(again.revokedAt).toBe(revoked.revokedAt);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(
      errorCode(await t.gql(REVOKE, { id: randomUUID() }, { token: team.manager.token })),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REVOKE, { id: 'nope' }, { token: team.manager.token }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses every caller but a manager and revokes nothing', async () => {
    const { token, apiClient } = await create({
      name: 'victim',
      scopes: ['MACHINES_READ', 'WARNINGS_WRITE', 'FAULTS_WRITE'],
    });
    for (const who of [team.technician.token, team.repair.token, token]) {
      expect(errorCode(await t.gql(REVOKE, { id: apiClient.id }, { token: who }))).toBe(
        'FORBIDDEN',
      );
    }
    expect(errorCode(await t.gql(REVOKE, { id: apiClient.id }))).toBe('UNAUTHENTICATED');
    expect((await t.em().findOneOrFail(ApiClient, { id: apiClient.id })).revokedAt).toBeNull();
  });
});

describe('apiClients', () => {
  it('lists newest first, with revoked ones unless filtered out', async () => {
    const first = await create({ name: 'older', scopes: ['MACHINES_READ'] });
    const second = await create({ name: 'newer', scopes: ['MACHINES_READ'] });
    expectData(await t.gql(REVOKE, { id: first.apiClient.id }, { token: team.manager.token }));
    type R = { apiClients: { totalCount: number; nodes: ClientView[] } };
    const all = expectData(await t.gql<R>(LIST, {}, { token: team.manager.token })).apiClients
      .nodes;
    const ids = all.map((c) => c.id);
    expect(ids.indexOf(second.apiClient.id)).toBeLessThan(ids.indexOf(first.apiClient.id));
    expect(all.find((c) => c.id === first.apiClient.id)?.revoked).toBe(true);
    const live = expectData(
      await t.gql<R>(LIST, { filter: { includeRevoked: false } }, { token: team.manager.token }),
    ).apiClients.nodes;
    expect(live.map((c) => c.id)).toContain(second.apiClient.id);
    expect(live.map((c) => c.id)).not.toContain(first.apiClient.id);
    expect(live.every((c) => !c.revoked)).toBe(true);
  });
});
