import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../modules/users/user.role.js';
import { Factory, type TestUser } from '../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../testing/harness.js';
import { inputProbes, type InputProbe } from '../testing/input-probes.js';
import { connectSocket, type SocketClient } from '../testing/ws-client.js';
import { findNulInput } from './nul-input.js';
import { getSchema } from './schema.js';

/**
 * A NUL character cannot be stored by PostgreSQL; every input holding one is refused at the
 * GraphQL edge with BAD_USER_INPUT naming the position, before any resolver runs (issue 8,
 * item 1). The probes come from the schema, so a new argument or input field is covered
 * without anyone remembering it.
 */

const NUL = '\u0000';
const probes = inputProbes(await getSchema(), NUL);
const byKind = (...kinds: InputProbe['kind'][]) => probes.filter((p) => kinds.includes(p.kind));

let t: TestServer;
let manager: TestUser;
let socket: SocketClient;
let before: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  manager = await new Factory(t).user(Role.MANAGER);
  socket = connectSocket(t.url, manager.token);
  before = await databaseSnapshot();
});
afterAll(async () => {
  await socket.dispose();
  await t.close();
});

/** Every table's rows, hashed: any insert, update or delete changes it. */
async function databaseSnapshot(): Promise<Record<string, string>> {
  const conn = t.em().getConnection();
  const tables = await conn.execute<{ name: string }[]>(
    `select quote_ident(tablename) as name from pg_tables where schemaname = current_schema() order by 1`,
  );
  const snapshot: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await conn.execute<{ digest: string | null }[]>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`,
    );
    snapshot[name] = row!.digest ?? '';
  }
  return snapshot;
}

/** What a refusal at the edge must look like over HTTP. */
function refusal(result: GqlResult<unknown>) {
  const details = result.errors?.[0]?.extensions?.details as { field?: string } | undefined;
  return {
    status: result.status,
    code: errorCode(result),
    field: details?.field,
    errors: result.errors?.length,
    data: result.data,
  };
}
const refused = (field: string) => ({
  status: 400,
  code: 'BAD_USER_INPUT',
  field,
  errors: 1,
  data: undefined,
});

/** A literal its scalar itself refuses (a malformed date): a validation error, as for any typo. */
const invalidDocument = {
  status: 400,
  code: 'GRAPHQL_VALIDATION_FAILED',
  field: undefined,
  errors: 1,
  data: undefined,
};

/** Runs one operation over the socket; its errors (an `error` message) or its results. */
async function overSocket(query: string, variables: Record<string, unknown> = {}) {
  const sub = socket.subscribe(query, variables);
  // A refused operation ends at once; one that was accepted would stream: stop waiting then.
  await Promise.race([sub.done, sub.waitFor(1, 3000).catch(() => undefined)]);
  sub.stop();
  const errors = sub.errors.flat() as {
    extensions?: { code?: string; details?: { field?: string } };
  }[];
  return {
    code: errors[0]?.extensions?.code,
    field: errors[0]?.extensions?.details?.field,
    errors: errors.length,
    items: sub.items.length,
  };
}
const refusedOverSocket = (field: string) => ({
  code: 'BAD_USER_INPUT',
  field,
  errors: 1,
  items: 0,
});
const invalidDocumentOverSocket = {
  code: 'GRAPHQL_VALIDATION_FAILED',
  field: undefined,
  errors: 1,
  items: 0,
};

describe('the probes generated from the schema', () => {
  it('cover every text input the issue names, and more', () => {
    const names = probes.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Mutation.login(email)',
        'Mutation.login(password)',
        'Mutation.raiseWarning(input.message)',
        'Mutation.raiseWarning(input.machineId)',
        'Mutation.openFaultCase(input.description)',
        'Mutation.createMachine(input.name)',
        'Mutation.createMachine(input.buildingName)',
        'Mutation.createMachine(input.location)',
        'Mutation.createBuilding(input.name)',
        'Mutation.createUser(input.email)',
        'Mutation.createApiClient(input.name)',
        'Mutation.createApiClient(input.buildingIds[0])',
        'Mutation.addFaultNote(body)',
        'Mutation.resolveFaultCase(resolutionNote)',
        'Mutation.reopenFaultCase(reason)',
        'Query.machine(assetCode)',
        'Query.machines(filter.search)',
        'Query.users(filter.search)',
        'Subscription.machineEvents(since)',
        'Subscription.machineStatusChanged(buildingIds[0])',
      ]),
    );
    expect(byKind('query', 'mutation').length).toBeGreaterThan(40);
  });
});

describe.each(byKind('query', 'mutation'))('over HTTP: $name', (probe) => {
  it('is refused as a variable, signed in and anonymous, and as a literal', async () => {
    const { query, variables } = probe.byVariable;
    expect(refusal(await t.gql(query, variables, manager))).toEqual(refused(probe.field));
    expect(refusal(await t.gql(query, variables))).toEqual(refused(probe.field));
    expect(refusal(await t.gql(probe.byLiteral.query, {}, manager))).toEqual(
      probe.scalarRefusesLiteral ? invalidDocument : refused(probe.field),
    );
  });
});

describe('over the WebSocket', () => {
  it.each(byKind('subscription'))('refuses $name as a variable and as a literal', async (probe) => {
    const { query, variables } = probe.byVariable;
    expect(await overSocket(query, variables)).toEqual(refusedOverSocket(probe.field));
    expect(await overSocket(probe.byLiteral.query)).toEqual(
      probe.scalarRefusesLiteral ? invalidDocumentOverSocket : refusedOverSocket(probe.field),
    );
  });

  it('refuses every query and mutation probe as a variable', async () => {
    const wrong: string[] = [];
    for (const probe of byKind('query', 'mutation')) {
      const { query, variables } = probe.byVariable;
      const outcome = await overSocket(query, variables);
      const expected = refusedOverSocket(probe.field);
      if (JSON.stringify(outcome) !== JSON.stringify(expected))
        wrong.push(`${probe.name}: ${JSON.stringify(outcome)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('still runs the same operations without the NUL', async () => {
    const result = await overSocket(
      'query Q($s: String) { machines(filter: { search: $s }) { totalCount } }',
      {
        s: 'Machine',
      },
    );
    expect(result).toEqual({ code: undefined, field: undefined, errors: 0, items: 1 });
  });
});

describe('the database', () => {
  it('is unchanged by every probe above', async () => {
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe('a refused mutation', () => {
  const CREATE = `mutation Create($input: CreateMachineInput!) {
    createMachine(input: $input) { id name location }
  }`;
  const input = (location: string) => ({
    name: `NUL probe ${location.length}`,
    buildingName: 'NUL probe hall',
    importance: 3,
    location,
  });

  it('changes nothing, while the same input without the NUL is stored', async () => {
    const start = await databaseSnapshot();
    const result = await t.gql(CREATE, { input: input(`Line 1${NUL}`) }, manager);
    expect(refusal(result)).toEqual(refused('input.location'));
    expect(await databaseSnapshot()).toEqual(start);

    const stored = expectData(
      await t.gql<{ createMachine: { location: string } }>(
        CREATE,
        { input: input('Line 1') },
        manager,
      ),
    );
    expect(stored.createMachine.location).toBe('Line 1');
    expect(await databaseSnapshot()).not.toEqual(start);
  });

  it('is refused whichever way the NUL is escaped in a literal', async () => {
    const start = await databaseSnapshot();
    for (const escaped of ['\\u0000', '\\u{0}', '\\u{000000}']) {
      const result = await t.gql(
        `mutation { createBuilding(input: { name: "Hall${escaped}" }) { id } }`,
        {},
        manager,
      );
      expect(refusal(result)).toEqual(refused('input.name'));
    }
    expect(await databaseSnapshot()).toEqual(start);
  });

  it('login with a NUL is refused for anyone and records no attempt', async () => {
    const start = await databaseSnapshot();
    const result = await t.gql(
      'mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      { email: manager.user.email, password: `x${NUL}` },
    );
    expect(refusal(result)).toEqual(refused('password'));
    expect(await databaseSnapshot()).toEqual(start);
  });
});

describe('findNulInput', () => {
  const doc = parse('query Q($a: String = "ok") { machines(first: 1) { totalCount } }');
  const fieldOf = (variables: Record<string, unknown>) =>
    (findNulInput(doc, variables)?.extensions.details as { field?: string } | undefined)?.field;

  it('names the position in nested variables, lists and object keys', () => {
    expect(fieldOf({ a: 'fine', b: [{ c: 'ok' }, { c: `x${NUL}` }] })).toBe('b[1].c');
    expect(fieldOf({ input: { [`k${NUL}`]: 1 } })).toBe('input.k\\u0000');
    expect(fieldOf({ a: 'fine', n: 1, t: true, z: null })).toBeUndefined();
  });

  it('walks variables of any depth without exhausting the stack', () => {
    let deep: unknown = `x${NUL}`;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(fieldOf({ deep })).toMatch(/^deep(\[0\]){200000}$/);
  });

  it('finds literals in variable defaults and directive arguments', () => {
    const withDefault = parse(`query Q($s: String = "a\\u0000") { me { id } }`);
    expect(findNulInput(withDefault, {})?.extensions.details).toMatchObject({ field: 's' });
    const inDirective = parse(`{ me { id @skip(if: false) @auth(requires: "x\\u0000") } }`);
    expect(findNulInput(inDirective, {})?.extensions.details).toMatchObject({ field: 'requires' });
  });
});
