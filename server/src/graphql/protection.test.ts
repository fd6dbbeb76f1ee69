import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Building } from '../modules/buildings/building.entity.js';
import { Role } from '../modules/users/user.role.js';
import { Factory, type TestUser } from '../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../testing/harness.js';
import { DOCUMENT_LIMITS } from './protection.js';

/**
 * Document limits (SECURITY.md 1–4). Each rejected document carries a `createBuilding`
 * mutation with a unique name: finding no such building afterwards proves the rejection
 * happened before any resolver ran, not merely that an error came back.
 */

let t: TestServer;
let manager: TestUser;

beforeAll(async () => {
  t = await startTestServer();
  manager = await new Factory(t).user(Role.MANAGER);
});
afterAll(() => t.close());

const asManager = (query: string, variables: Record<string, unknown> = {}) =>
  t.gql(query, variables, { token: manager.token });

async function buildingsNamed(prefix: string): Promise<number> {
  return t.em().count(Building, { name: { $like: `${prefix}%` } });
}

/** Rejected at validation: HTTP 400, no data at all, a pre-execution code. */
function expectRejected(result: GqlResult<unknown>): void {
  expect(result.status).toBe(400);
  expect(result.data).toBeUndefined();
  expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(errorCode(result));
}

/** `__type { fields { type { ofType ... } } } }`: real field nesting to `depth` levels. */
function nestedIntrospection(depth: number): string {
  const inner = 'ofType { '.repeat(depth - 4) + 'name' + ' }'.repeat(depth - 4);
  return `__type(name: "Machine") { fields { type { ${inner} } } }`;
}

async function postDocument(query: string, operationName: string): Promise<GqlResult<unknown>> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.token}` },
    body: JSON.stringify({ query, operationName }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: GqlResult['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

/** A full wall-board page, written with fragments the way the web app's client writes it. */
const BOARD_WITH_FRAGMENTS = `
  query Board { machines(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ...MachineCard } } }
  fragment MachineCard on Machine {
    id name status statusSince importance location
    building { ...BuildingName } technicians { id name }
    activeWarnings { ...WarningChip } openFaultCase { ...CaseBadge }
  }
  fragment BuildingName on Building { id name }
  fragment WarningChip on Warning { id message code }
  fragment CaseBadge on FaultCase { id severity status }`;

describe('document limits', () => {
  it('sets every limit explicitly', () => {
    expect(DOCUMENT_LIMITS).toMatchObject({
      maxDepth: 8,
      maxAliases: 15,
      maxTokens: 1000,
      maxCost: 5000,
    });
  });

  it('accepts a selection 8 levels deep', async () => {
    expectData(await asManager(`{ ${nestedIntrospection(8)} }`));
  });

  it('rejects a selection 9 levels deep', async () => {
    expectRejected(await asManager(`{ ${nestedIntrospection(9)} }`));
  });

  it('rejects a whole document with a too deep operation, so its mutation never runs', async () => {
    // Validation covers every operation of the document, whichever one is asked for.
    const result = await postDocument(
      `mutation Make { createBuilding(input: { name: "depth-deep" }) { id } } query Deep { ${nestedIntrospection(9)} }`,
      'Make',
    );
    expectRejected(result);
    expect(await buildingsNamed('depth-deep')).toBe(0);
  });

  it('counts depth through fragments as fields, not as extra levels', async () => {
    expectData(await asManager(BOARD_WITH_FRAGMENTS));
    const deepViaFragments = `{ ...Q } fragment Q on Query { ${nestedIntrospection(9).replace('fields {', 'fields { ...F } } fragment F on __Type { fields {')} }`;
    expectRejected(await asManager(deepViaFragments));
  });

  it('rejects more than 15 aliases before any of them runs', async () => {
    const aliases = Array.from(
      { length: DOCUMENT_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: createBuilding(input: { name: "alias-${i}" }) { id }`,
    );
    expectRejected(await asManager(`mutation { ${aliases.join(' ')} }`));
    expect(await buildingsNamed('alias-')).toBe(0);
  });

  it('accepts 15 aliases', async () => {
    const aliases = Array.from(
      { length: DOCUMENT_LIMITS.maxAliases },
      (_, i) => `b${i}: buildings { id }`,
    );
    expectData(await asManager(`{ ${aliases.join(' ')} }`));
  });

  it('rejects a document of more than 1000 tokens with a 400, before it runs', async () => {
    const result = await asManager(
      `mutation { createBuilding(input: { name: "tokens" }) { id ${'name '.repeat(1000)} } }`,
    );
    expectRejected(result);
    expect(await buildingsNamed('tokens')).toBe(0);
  });

  it('rejects a fragment explosion by its cost, before it runs', async () => {
    // Each level spreads the next ten times: 10^4 fields from about 100 tokens, depth 2.
    const level = (i: number) =>
      `fragment E${i} on Building { ${i < 4 ? `...E${i + 1} `.repeat(10) : 'id name createdAt'} }`;
    const result = await asManager(
      `mutation { createBuilding(input: { name: "costly" }) { ...E0 } } ${[0, 1, 2, 3, 4].map(level).join(' ')}`,
    );
    expectRejected(result);
    expect(await buildingsNamed('costly')).toBe(0);
  });

  it('rejects a request for too many pages at once', async () => {
    // One small page of 100 costs ~1,000; six of them in one request go over 5,000.
    const page = (i: number) =>
      `p${i}: machines(first: 100) { nodes { id name status building { name } } }`;
    expectData(await asManager(`{ ${[0, 1, 2, 3].map(page).join(' ')} }`));
    expectRejected(await asManager(`{ ${[0, 1, 2, 3, 4, 5].map(page).join(' ')} }`));
  });

  it('accepts a full board page of 100 machines', async () => {
    expectData(
      await asManager(
        '{ machines(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { id name status statusSince importance location building { id name } technicians { id name } activeWarnings { id message code } openFaultCase { id severity status } } } }',
      ),
    );
  });

  it('caps `first` at 100 with BAD_USER_INPUT', async () => {
    expect(errorCode(await asManager('{ machines(first: 101) { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await asManager('query ($n: Int!) { machines(first: $n) { totalCount } }', { n: 101 }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await asManager('{ machines(first: 0) { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
    expectData(await asManager('{ machines(first: 100) { totalCount } }'));
  });
});

describe('production mode', () => {
  let prod: TestServer;
  let prodManager: TestUser;

  beforeAll(async () => {
    prod = await startTestServer({ env: { NODE_ENV: 'production' } });
    prodManager = await new Factory(prod).user(Role.MANAGER);
  });
  afterAll(() => prod.close());

  const asProdManager = (query: string, variables: Record<string, unknown> = {}) =>
    prod.gql(query, variables, { token: prodManager.token });

  it('refuses introspection, signed in or not', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Machine") { name fields { name } } }',
    ]) {
      expectRejected(await asProdManager(query));
      expectRejected(await prod.gql(query));
    }
  });

  it('keeps introspection in development', async () => {
    expectData(await asManager('{ __schema { queryType { name } } }'));
  });

  it.each([
    ['a field', '{ machinez { totalCount } }', {}],
    ['a nested field', '{ machines { totalCont } }', {}],
    ['an argument', '{ machines(frist: 5) { totalCount } }', {}],
    ['an enum literal', '{ machines(filter: { statuses: [FAULTY] }) { totalCount } }', {}],
    [
      'an enum value in variables',
      'query ($s: [MachineStatus!]) { machines(filter: { statuses: $s }) { totalCount } }',
      { s: ['FAULTY'] },
    ],
    [
      'an input field in variables',
      'query ($f: MachineFilter) { machines(filter: $f) { totalCount } }',
      { f: { serach: 'x' } },
    ],
    ['a type name', 'query ($f: MachineFiltr) { machines(filter: $f) { totalCount } }', {}],
  ])('gives no "Did you mean" suggestion for a misspelled %s', async (_what, query, variables) => {
    const result = await asProdManager(query, variables);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.data ?? null).toBeNull();
    expect(JSON.stringify(result.errors)).not.toMatch(/did you mean/i);
  });

  it('does suggest outside production (so the check above is not vacuous)', async () => {
    const result = await asManager('{ machinez { totalCount } }');
    expect(JSON.stringify(result.errors)).toMatch(/did you mean/i);
  });

  it('still applies the document limits', async () => {
    const aliases = Array.from(
      { length: 16 },
      (_, i) => `p${i}: createBuilding(input: { name: "prod-alias-${i}" }) { id }`,
    );
    expectRejected(await asProdManager(`mutation { ${aliases.join(' ')} }`));
    expect(await prod.em().count(Building, { name: { $like: 'prod-alias-%' } })).toBe(0);
  });
});
