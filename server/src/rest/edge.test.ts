import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Building } from '../modules/buildings/building.entity.js';
import { MachineEvent } from '../modules/events/machine-event.entity.js';
import { FaultCase } from '../modules/faults/fault-case.entity.js';
import { FaultStatus } from '../modules/faults/fault-case.enums.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { MachineStatus } from '../modules/machines/machine.status.js';
import { Warning } from '../modules/warnings/warning.entity.js';
import { Factory, type TestUser } from '../testing/factories.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { rest, type ErrorBody, type RestResponse } from '../testing/rest-client.js';
import { buildOpenApiDocument } from './openapi.js';
import { ROUTES } from './routes/index.js';
import type { RouteSpec } from './routes/route.js';

/** What the adapter does with bad input before any route runs, and how it names it. */

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
const error = (r: RestResponse<unknown>) => (r.body as ErrorBody).error;

/** Everything a request could change. */
async function snapshot() {
  const em = t.em();
  return {
    buildings: await em.count(Building, {}),
    machines: await em.count(Machine, {}),
    archived: await em.count(Machine, { archived: true }),
    warnings: await em.count(Warning, {}),
    activeWarnings: await em.count(Warning, { clearedAt: null }),
    faults: await em.count(FaultCase, {}),
    resolved: await em.count(FaultCase, { status: FaultStatus.RESOLVED }),
    events: await em.count(MachineEvent, {}),
  };
}

/** The route's path with each `{param}` filled by `fill` (a real machine id by default). */
function pathOf(route: RouteSpec, fill: (param: string) => string): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => fill(name));
}

const withPathParams = ROUTES.filter((r) => r.path.includes('{'));
const withBodies = ROUTES.filter((r) => r.requestBody);

function expect400(res: RestResponse<unknown>, label: string): void {
  expect([res.status, error(res)?.code], label).toEqual([400, 'BAD_USER_INPUT']);
  expect(res.headers.get('content-type'), label).toMatch(/application\/json/);
}

describe('a NUL character anywhere in a request (item 1)', () => {
  it.each(ROUTES.map((r) => [r.method, r.path, r] as const))(
    '%s %s: in a body value, nested or not, a query value or a path value → 400 naming it',
    async (_method, _path, route) => {
      const m = await f.machine();
      const before = await snapshot();
      const url = pathOf(route, () => m.id);
      const send = (path: string, body?: unknown) =>
        rest(t, route.method.toUpperCase(), path, {
          token: team.manager.token,
          ...(body === undefined ? {} : { body }),
        });
      const label = `${route.method} ${route.path}`;

      // fetch sends no body with GET.
      const bodies =
        route.method === 'get'
          ? []
          : ([
              [{ message: 'Temp\u0000high', description: 'ok', name: 'ok' }, 'message'],
              [{ description: 'ok', meta: { tags: ['ok', 'b\u0000d'] } }, 'meta.tags[1]'],
            ] as const);
      for (const [body, field] of bodies) {
        const res = await send(url, body);
        expect400(res, `${label} body ${field}`);
        expect(error(res).details).toMatchObject({ field, in: 'body' });
      }

      const queryName = route.parameters?.find((p) => p.in === 'query')?.name ?? 'unused_parameter';
      const inQuery = await send(`${url}?${queryName}=a%00b`);
      expect400(inQuery, `${label} query ${queryName}`);
      expect(error(inQuery).details).toMatchObject({ field: queryName, in: 'query' });

      for (const param of route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        const inPath = await send(pathOf(route, (p) => (p === param ? 'PRS%0007' : m.id)));
        expect400(inPath, `${label} path ${param}`);
        expect(error(inPath).details).toMatchObject({ field: param, in: 'path' });
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it('refuses a NUL in the public sign-in before it reaches the database', async () => {
    const res = await rest(t, 'POST', '/api/login/', {
      body: { email: `${team.manager.user.email}\u0000`, password: 'x' },
    });
    expect400(res, 'login');
    expect(error(res).details).toMatchObject({ field: 'email', in: 'body' });
  });
});

describe('a body nested deeper than any route reads', () => {
  // 30,000 levels fit in the 64 kB body limit; JSON.parse takes them, a recursive walk not.
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('answers 400 on the public sign-in, not a 500', async () => {
    const res = await rest(t, 'POST', '/api/login/', {
      raw: `{"email":${deep(30_000)},"password":"x"}`,
    });
    expect400(res, 'login');
    expect(error(res).details).toMatchObject({ in: 'body' });
  });

  it('answers 400 on a route with an Idempotency-Key, and changes nothing', async () => {
    const m = await f.machine();
    const before = await snapshot();
    const res = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      headers: { 'Idempotency-Key': randomUUID() },
      raw: `{"message":"hot","extra":${deep(30_000)}}`,
    });
    expect400(res, 'warnings');
    expect(await snapshot()).toEqual(before);
  });

  it('still takes the nesting a route really has', async () => {
    const res = await rest(t, 'POST', '/api/login/', {
      body: { email: team.manager.user.email, password: 'wrong', meta: { a: [[{ b: ['c'] }]] } },
    });
    expect(res.status).toBe(401);
  });
});

describe('a malformed percent-escape in the path (item 2)', () => {
  it('answers 400 JSON on every route with a path parameter, and changes nothing', async () => {
    const m = await f.machine();
    const before = await snapshot();
    const example = await rest(t, 'POST', '/api/machines/%E0%A4%A/warnings/', {
      token: team.technician.token,
      body: { message: 'x' },
    });
    expect400(example, 'issue example');
    expect(error(example).details).toMatchObject({ in: 'path' });
    for (const route of withPathParams) {
      for (const param of route.path.match(/\{(\w+)\}/g)!.map((p) => p.slice(1, -1))) {
        const res = await rest(
          t,
          route.method.toUpperCase(),
          pathOf(route, (p) => (p === param ? '%E0%A4%A' : m.id)),
          { token: team.manager.token, ...(route.requestBody ? { body: { message: 'x' } } : {}) },
        );
        expect400(res, `${route.method} ${route.path} ${param}`);
        expect(res.text).not.toMatch(/URIError|<html/);
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('a body that is JSON but not an object (item 4)', () => {
  it.each(withBodies.map((r) => [r.method, r.path, r] as const))(
    '%s %s says the body must be a JSON object',
    async (_method, _path, route) => {
      const m = await f.machine();
      const before = await snapshot();
      for (const raw of ['null', '5', '"text"', 'true', '[]', '[{"message":"x"}]']) {
        const res = await rest(
          t,
          route.method.toUpperCase(),
          pathOf(route, () => m.id),
          {
            token: team.manager.token,
            raw,
          },
        );
        expect400(res, raw);
        expect(error(res).details).toMatchObject({ in: 'body' });
      }
      // Malformed JSON is still told apart.
      const malformed = await rest(
        t,
        route.method.toUpperCase(),
        pathOf(route, () => m.id),
        {
          token: team.manager.token,
          raw: '{"message":',
        },
      );
      expect(error(malformed).code).toBe('MALFORMED_JSON');
      expect(await snapshot()).toEqual(before);
    },
  );
});

/** Words of the GraphQL schema that must never reach a REST client. */
const GRAPHQL_WORDS = [
  /\$\w/,
  /Variable/,
  /\binput\./,
  /\bfirst\b/,
  /\bafter\b/,
  /\bstatuses\b/,
  /\bbuildingIds\b/,
  /buildingName/,
  /assignedTechnicianId/,
  /\benum\b/i,
  /\bInt\b/,
  /String!/,
  /Did you mean/,
];

/** A 400 that names `field` in REST's words, in its details and its message. */
function expectRestField(res: RestResponse<unknown>, field: string, alsoAbsent: string[] = []) {
  const label = `${field}: ${res.text}`;
  expect400(res, label);
  expect(error(res).details?.field, label).toBe(field);
  expect(error(res).message, label).toMatch(new RegExp(`\\b${field}\\b`));
  // The message and details, not the body's own keys (`"message": ...`).
  const said = `${error(res).message} ${JSON.stringify(error(res).details)}`;
  for (const word of [...GRAPHQL_WORDS, ...alsoAbsent.map((w) => new RegExp(`\\b${w}\\b`))])
    expect(said, label).not.toMatch(word);
}

describe('errors name REST parameters and fields, not GraphQL arguments (item 5)', () => {
  it.each([['/api/machines/'], ['/api/machines/{machineId}/faults/']])(
    'list route %s: cursor, limit and status',
    async (listPath) => {
      const m = await f.machine();
      const url = listPath.replace('{machineId}', m.id);
      const get = (query: string) =>
        rest(t, 'GET', `${url}?${query}`, { token: team.manager.token });
      expectRestField(await get('cursor=garbage'), 'cursor');
      expectRestField(await get(`cursor=${Buffer.from('x:1').toString('base64url')}`), 'cursor');
      for (const limit of ['-1', '0', '101', 'ten', '1.5', '99999999999'])
        expectRestField(await get(`limit=${limit}`), 'limit');
      expectRestField(await get('status=BROKEN'), 'status');
      expectRestField(await get('status=ok,broken'), 'status');
      // The same values that are refused here work.
      expect((await get('limit=100&status=')).status).toBe(200);
    },
  );

  it('GET /api/machines/: search, assigned, building', async () => {
    const get = (query: string) =>
      rest(t, 'GET', `/api/machines/?${query}`, { token: team.manager.token });
    expectRestField(await get(`search=${'x'.repeat(101)}`), 'search');
    expectRestField(await get('assigned=someone'), 'assigned');
    const tooMany = Array.from({ length: 101 }, () => `building=${randomUUID()}`).join('&');
    expectRestField(await get(tooMany), 'building');
  });

  it('POST /api/machines/: every body field by the name it was sent as', async () => {
    const before = await snapshot();
    const post = (body: Json) =>
      rest(t, 'POST', '/api/machines/', { token: team.manager.token, body });
    const ok = { name: 'Press', location: 'Hall 1', importance: 3 };
    expectRestField(await post({ ...ok, location: 'L'.repeat(121) }), 'location');
    const { location: _omit, ...noLocation } = ok;
    expectRestField(await post({ ...noLocation, building: 'B'.repeat(121) }), 'building', [
      'location',
    ]);
    expectRestField(await post({ ...ok, line: 'x'.repeat(130) }), 'line', ['location']);
    expectRestField(await post({ ...ok, cell: { no: 1 } }), 'cell');
    expectRestField(await post({ ...ok, locationDetail: 'x'.repeat(121) }), 'locationDetail');
    expectRestField(await post({ ...ok, importance: 'high' }), 'importance');
    expectRestField(await post({ ...ok, importance: 2.5 }), 'importance');
    expectRestField(await post({ ...ok, importance: undefined }), 'importance');
    expectRestField(await post({ ...ok, importance: 9 }), 'importance');
    expectRestField(await post({ ...ok, importance: 2 ** 40 }), 'importance');
    expectRestField(await post({ ...ok, name: 'n'.repeat(121) }), 'name');
    expectRestField(await post({ ...ok, assetCode: 'no spaces' }), 'assetCode');
    expectRestField(await post({ ...noLocation, buildingId: 'not-an-id' }), 'buildingId');
    expect(await snapshot()).toEqual(before);
  });

  it('faults and warnings: severity, notes, versions and aliases by their REST names', async () => {
    const m = await f.machine();
    const opened = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: team.manager.token,
      body: { description: 'Leak', severity: 'LOW' },
    });
    const before = await snapshot();
    const fault = (body: Json) =>
      rest(t, 'POST', `/api/machines/${m.id}/faults/`, { token: team.manager.token, body });
    expectRestField(await fault({ description: 'x', severity: 'SEVERE' }), 'severity');
    expectRestField(await fault({ description: 'x', severity: 5 }), 'severity');
    expectRestField(await fault({ description: 'x'.repeat(2001), severity: 'LOW' }), 'description');

    const resolve = (body: Json) =>
      rest(t, 'PATCH', `/api/faults/${opened.body.id as string}/resolve/`, {
        token: team.manager.token,
        body,
      });
    expectRestField(await resolve({ resolution_note: 'n'.repeat(5001) }), 'resolution_note', [
      'resolutionNote',
    ]);
    expectRestField(await resolve({ note: 'n'.repeat(5001) }), 'note', ['resolutionNote']);
    expectRestField(await resolve({ expectedVersion: 'one' }), 'expectedVersion');

    const warn = (body: Json) =>
      rest(t, 'POST', `/api/machines/${m.id}/warnings/`, { token: team.manager.token, body });
    expectRestField(await warn({ warning: 'w'.repeat(501) }), 'warning', ['message']);
    expectRestField(await warn({ warning: '   ' }), 'warning', ['message']);
    expectRestField(await warn({ message: 'x', code: 'no spaces' }), 'code');

    const login = await rest(t, 'POST', '/api/login/', {
      body: { username: 'u'.repeat(300), password: 'x' },
    });
    expectRestField(login, 'username', ['email']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a repeated query parameter (item 6)', () => {
  it('is a list where the filter takes one: status and building of GET /api/machines/', async () => {
    const hallA = await f.building();
    const hallB = await f.building();
    const ok = await f.machine({ building: hallA });
    const fault = await f.machine({ building: hallA });
    const warning = await f.machine({ building: hallB });
    await t.em().nativeUpdate(Machine, { id: fault.id }, { status: MachineStatus.FAULT });
    await t.em().nativeUpdate(Machine, { id: warning.id }, { status: MachineStatus.WARNING });
    const ids = async (query: string) => {
      const res = await rest<{ items: Json[] }>(t, 'GET', `/api/machines/?${query}`, {
        token: team.manager.token,
      });
      expect(res.status, query).toBe(200);
      return res.body.items.map((m) => m.id).sort();
    };
    const inA = `building=${hallA.id}`;
    expect(await ids(`${inA}&status=OK&status=FAULT`)).toEqual([ok.id, fault.id].sort());
    expect(await ids(`${inA}&status=ok,fault`)).toEqual([ok.id, fault.id].sort());
    expect(await ids(`${inA}&status=FAULT`)).toEqual([fault.id]);
    expect(await ids(`building=${hallA.id}&building=${encodeURIComponent(hallB.name)}`)).toEqual(
      [ok.id, fault.id, warning.id].sort(),
    );
    expect(
      await ids(`building=${hallA.id}&building=${hallB.id}&status=WARNING&status=FAULT`),
    ).toEqual([fault.id, warning.id].sort());
    expect(await ids(`building=${hallB.id}&building=No%20such%20hall`)).toEqual([warning.id]);
  });

  it('is a list for the status of GET /api/machines/{id}/faults/', async () => {
    const m = await f.machine();
    const open = async () =>
      (
        await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
          token: team.manager.token,
          body: { description: `Leak ${randomUUID()}`, severity: 'LOW' },
        })
      ).body.id as string;
    const a = await open();
    await rest(t, 'PATCH', `/api/faults/${a}/resolve/`, { token: team.manager.token });
    const b = await open();
    const ids = async (query: string) =>
      (
        await rest<{ items: Json[] }>(t, 'GET', `/api/machines/${m.id}/faults/?${query}`, {
          token: team.manager.token,
        })
      ).body.items
        .map((c) => c.id)
        .sort();
    expect(await ids('status=OPEN&status=RESOLVED')).toEqual([a, b].sort());
    expect(await ids('status=RESOLVED')).toEqual([a]);
  });

  it('is refused with 400 naming it where one value is expected, and changes nothing', async () => {
    const m = await f.machine();
    await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.manager.token,
      body: { message: 'x', code: 'A' },
    });
    const before = await snapshot();
    const cases: [string, string, string][] = [
      ['GET', '/api/machines/?limit=1&limit=2', 'limit'],
      ['GET', '/api/machines/?cursor=a&cursor=b', 'cursor'],
      ['GET', '/api/machines/?search=a&search=b', 'search'],
      ['GET', '/api/machines/?assigned=me&assigned=any', 'assigned'],
      ['GET', `/api/machines/${m.id}/faults/?limit=5&limit=5`, 'limit'],
      ['DELETE', `/api/machines/${m.id}/warnings/?code=A&code=B`, 'code'],
    ];
    for (const [method, path, field] of cases) {
      const res = await rest(t, method, path, { token: team.manager.token });
      expect400(res, path);
      expect(error(res).details, path).toMatchObject({ field, in: 'query' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is documented: list parameters are arrays in the OpenAPI document, the others not', () => {
    const doc = buildOpenApiDocument();
    const params = (path: string) =>
      (doc.paths[path]?.get?.parameters ?? []) as { name: string; schema: { type?: string } }[];
    const types = (path: string) =>
      Object.fromEntries(params(path).map((p) => [p.name, p.schema.type]));
    expect(types('/api/machines/')).toMatchObject({
      status: 'array',
      building: 'array',
      limit: 'integer',
      search: 'string',
    });
    expect(types('/api/machines/{machineId}/faults/')).toMatchObject({ status: 'array' });
  });
});
