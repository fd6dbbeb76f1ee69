import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { createApiClient } from '../testing/rest-client.js';

let t: TestServer;
let manager: TestUser;
let machineId: string;

beforeAll(async () => {
  t = await startTestServer();
  const f = new Factory(t);
  manager = (await f.team()).manager;
  const machine = await f.machine();
  machineId = machine.id;
  // 120 active warnings without codes (nothing dedups them), raised one second apart.
  await t.em().execute(
    `insert into warnings (id, machine_id, message, raised_at, last_seen_at, repeat_count)
     select gen_random_uuid(), ?, 'w' || n, now() - make_interval(secs => 200 - n),
            now(), 1
       from generate_series(1, 120) as n`,
    [machine.id],
  );
  expectData(
    await t.gql(
      'mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { id } }',
      { input: { machineId: machine.id, description: 'Jam', severity: 'LOW' } },
      { token: manager.token },
    ),
  );
  await createApiClient(t, manager.token, ['MACHINES_READ']);
});
afterAll(() => t.close());

const MACHINE_LISTS = (args: string) => `query ($id: ID!) { machine(id: $id) {
  activeWarnings${args} { message } technicians${args} { id } unresolvedFaultCases${args} { id }
} }`;

describe('nested lists', () => {
  it('return the first `first` items in order, 50 by default, never more than 100', async () => {
    type Lists = { machine: { activeWarnings: { message: string }[] } };
    const byDefault = expectData(
      await t.gql<Lists>(MACHINE_LISTS(''), { id: machineId }, { token: manager.token }),
    );
    expect(byDefault.machine.activeWarnings).toHaveLength(50);
    const five = expectData(
      await t.gql<Lists>(MACHINE_LISTS('(first: 5)'), { id: machineId }, { token: manager.token }),
    );
    expect(five.machine.activeWarnings.map((w) => w.message)).toEqual([
      'w1',
      'w2',
      'w3',
      'w4',
      'w5',
    ]);
    const most = expectData(
      await t.gql<Lists>(
        MACHINE_LISTS('(first: 100)'),
        { id: machineId },
        { token: manager.token },
      ),
    );
    expect(most.machine.activeWarnings).toHaveLength(100);
  });

  it.each([
    ['machine lists', MACHINE_LISTS('(first: 101)')],
    ['machine lists', MACHINE_LISTS('(first: 0)')],
    ['buildings', '{ buildings(first: 101) { id } }'],
    ['fault case notes', '{ faultCases(first: 1) { nodes { notes(first: 0) { id } } } }'],
    ['API client buildings', '{ apiClients(first: 1) { nodes { buildings(first: 500) { id } } } }'],
  ])('refuse a `first` out of 1..100 on %s with BAD_USER_INPUT', async (_what, query) => {
    const result = await t.gql(query, { id: machineId }, { token: manager.token });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});
