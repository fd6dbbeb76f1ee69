import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { createApiClient } from '../testing/rest-client.js';

let t: TestServer;
let manager: TestUser;

beforeAll(async () => {
  t = await startTestServer();
  const f = new Factory(t);
  manager = (await f.team()).manager;
  const machines = [await f.machine(), await f.machine(), await f.machine()];
  // Something on every list: events, a warning, a fault case, an API client.
  for (const [i, m] of machines.entries()) {
    expectData(
      await t.gql(
        'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }',
        { input: { machineId: m.id, message: `w${i}` } },
        { token: manager.token },
      ),
    );
    expectData(
      await t.gql(
        'mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { id } }',
        { input: { machineId: m.id, description: `f${i}`, severity: 'LOW' } },
        { token: manager.token },
      ),
    );
  }
  await createApiClient(t, manager.token, ['MACHINES_READ']);
  await createApiClient(t, manager.token, ['MACHINES_READ']);
});
afterAll(() => t.close());

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const list = (field: string) =>
  `query ($after: String) { ${field}(first: 2, after: $after) { totalCount nodes { id } pageInfo { endCursor } } }`;

describe('page cursors', () => {
  it('page through a list with the cursors the server hands out', async () => {
    type Page = { machines: { nodes: { id: string }[]; pageInfo: { endCursor: string } } };
    const first = expectData(await t.gql<Page>(list('machines'), {}, { token: manager.token }));
    const second = expectData(
      await t.gql<Page>(
        list('machines'),
        { after: first.machines.pageInfo.endCursor },
        { token: manager.token },
      ),
    );
    expect(second.machines.nodes.length).toBeGreaterThan(0);
    const firstIds = new Set(first.machines.nodes.map((n) => n.id));
    expect(second.machines.nodes.some((n) => firstIds.has(n.id))).toBe(false);
  });

  it.each(['machines', 'machineEvents', 'warnings', 'faultCases', 'users', 'apiClients'])(
    'accept the cursors the server hands out on %s',
    async (field) => {
      type Page = Record<string, { pageInfo: { endCursor: string | null } }>;
      const query = `query ($after: String) { ${field}(first: 1, after: $after) { pageInfo { endCursor } } }`;
      const first = expectData(await t.gql<Page>(query, {}, { token: manager.token }));
      const after = first[field]!.pageInfo.endCursor;
      expect(after).not.toBeNull();
      expectData(await t.gql<Page>(query, { after }, { token: manager.token }));
    },
  );

  it.each([
    ['machines', 'not base64 json at all!'],
    ['machines', encode({ name: 'a' })],
    ['machines', encode(['a'])],
    ['machines', encode(['a', 'not-a-uuid'])],
    ['machines', encode([{ $ne: 'zzz' }, { $ne: '00000000-0000-4000-8000-000000000000' }])],
    ['machines', encode(['a', '00000000-0000-4000-8000-000000000000', 'extra'])],
    ['warnings', encode(['garbage', '00000000-0000-4000-8000-000000000000'])],
    ['faultCases', encode([12, '00000000-0000-4000-8000-000000000000'])],
    ['users', encode(['a', 'not-a-uuid'])],
    ['machineEvents', encode(['12'])],
  ])('refuse a forged cursor on %s (%s) with BAD_USER_INPUT', async (field, after) => {
    const result = await t.gql(list(field), { after }, { token: manager.token });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});
