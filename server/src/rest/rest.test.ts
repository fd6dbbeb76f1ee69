import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Building } from '../modules/buildings/building.entity.js';
import { MachineEvent } from '../modules/events/machine-event.entity.js';
import { MachineEventType } from '../modules/events/machine-event.type.js';
import { FaultCase } from '../modules/faults/fault-case.entity.js';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { MachineStatus } from '../modules/machines/machine.status.js';
import { Warning } from '../modules/warnings/warning.entity.js';
import { Factory, TEST_PASSWORD, type TestUser } from '../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { createApiClient, rest, revokeApiClient, type ErrorBody } from '../testing/rest-client.js';
import { connectSocket } from '../testing/ws-client.js';
import { ROUTES } from './routes/index.js';

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
const code = (r: { body: unknown }) => (r.body as ErrorBody).error?.code;

async function withAssetCode(machine: Machine, assetCode: string): Promise<void> {
  await t.em().nativeUpdate(Machine, { id: machine.id }, { assetCode });
}

async function counts(machineId: string) {
  const em = t.em();
  return {
    warnings: await em.count(Warning, { machine: machineId }),
    faults: await em.count(FaultCase, { machine: machineId }),
    status: (await em.findOneOrFail(Machine, { id: machineId })).status,
  };
}

/** A concrete path for each route of the table, for the checks every route must pass. */
function samplePath(path: string, machineId: string): string {
  return path
    .replace('{machineId}', machineId)
    .replace('{faultId}', randomUUID())
    .replace('{warningId}', randomUUID());
}

describe('every route', () => {
  it('answers anonymous and revoked-token calls with 401 JSON, and changes nothing', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, [
      'MACHINES_READ',
      'WARNINGS_WRITE',
      'FAULTS_WRITE',
    ]);
    await revokeApiClient(t, team.manager.token, client.id);
    const before = await counts(m.id);
    for (const route of ROUTES.filter((r) => !r.public)) {
      for (const token of [undefined, client.token, 'not-a-token']) {
        const res = await rest(
          t,
          route.method.toUpperCase(),
          samplePath(route.path, m.id) +
            (route.method === 'delete' && !route.path.includes('{warningId}') ? '?code=X' : ''),
          {
            token,
            ...(route.requestBody
              ? {
                  body: {
                    description: 'x',
                    severity: 'LOW',
                    message: 'x',
                    name: 'x',
                    location: 'x',
                    importance: 1,
                  },
                }
              : {}),
          },
        );
        expect(res.status, `${route.method} ${route.path}`).toBe(401);
        expect(code(res)).toBe('UNAUTHENTICATED');
      }
    }
    expect(await counts(m.id)).toEqual(before);
  });

  it.each(ROUTES.filter((r) => r.requestBody).map((r) => [r.method, r.path] as const))(
    '%s %s refuses malformed JSON (400), other content types (415) and oversized bodies (413)',
    async (method, path) => {
      const m = await f.machine();
      const url = samplePath(path, m.id);
      const opts = { token: team.manager.token };
      const malformed = await rest(t, method.toUpperCase(), url, {
        ...opts,
        raw: '{"message": "oops",',
      });
      expect([malformed.status, code(malformed)]).toEqual([400, 'MALFORMED_JSON']);
      const text = await rest(t, method.toUpperCase(), url, {
        ...opts,
        raw: 'message=hi',
        contentType: 'text/plain',
      });
      expect([text.status, code(text)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const form = await rest(t, method.toUpperCase(), url, {
        ...opts,
        raw: 'a=b',
        contentType: 'application/x-www-form-urlencoded',
      });
      // Sign-in takes forms too (Django REST clients); other routes JSON only.
      const takesForms = ROUTES.find((r) => r.method === method && r.path === path)?.requestBody
        ?.form;
      expect([form.status, code(form)]).toEqual(
        takesForms ? [400, 'BAD_USER_INPUT'] : [415, 'UNSUPPORTED_MEDIA_TYPE'],
      );
      const big = await rest(t, method.toUpperCase(), url, {
        ...opts,
        raw: JSON.stringify({ message: 'x'.repeat(200_000) }),
      });
      expect([big.status, code(big)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const array = await rest(t, method.toUpperCase(), url, { ...opts, body: [1, 2] });
      expect(array.status).toBe(400);
      for (const res of [malformed, text, big]) {
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        expect(res.text).not.toMatch(/<html|at .*\.ts:\d+/i);
      }
      expect(await counts(m.id)).toMatchObject({ warnings: 0, faults: 0 });
    },
  );

  it('answers unknown routes with 404 JSON and wrong methods with 405', async () => {
    const unknown = await rest(t, 'GET', '/api/nothing/here/', { token: team.manager.token });
    expect([unknown.status, code(unknown)]).toEqual([404, 'NOT_FOUND']);
    const auth = await rest(t, 'GET', '/auth/other');
    expect(auth.status).toBe(404);
    const wrong = await rest(t, 'PUT', '/api/machines/', { token: team.manager.token, body: {} });
    expect([wrong.status, code(wrong)]).toEqual([405, 'METHOD_NOT_ALLOWED']);
    expect(wrong.headers.get('allow')).toContain('POST');
  });
});

describe('POST /api/login/ and /auth/token/', () => {
  it('signs in by email or username and the token works on the API', async () => {
    const a = await rest<Json>(t, 'POST', '/api/login/', {
      body: { email: team.technician.user.email, password: TEST_PASSWORD },
    });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      token: expect.any(String),
      expiresAt: expect.any(String),
      user: { id: team.technician.user.id, role: 'TECHNICIAN' },
    });
    const b = await rest<Json>(t, 'POST', '/auth/token', {
      body: { username: team.manager.user.email, password: TEST_PASSWORD },
    });
    expect(b.status).toBe(200);
    const list = await rest(t, 'GET', '/api/machines/', { token: b.body.token as string });
    expect(list.status).toBe(200);
  });

  it('refuses wrong credentials with 401 and missing fields with 400', async () => {
    const wrong = await rest(t, 'POST', '/api/login/', {
      body: { email: team.technician.user.email, password: 'wrong password!' },
    });
    expect([wrong.status, code(wrong)]).toEqual([401, 'UNAUTHENTICATED']);
    const missing = await rest(t, 'POST', '/api/login/', {
      body: { email: team.technician.user.email },
    });
    expect([missing.status, code(missing)]).toEqual([400, 'BAD_USER_INPUT']);
  });
});

describe('GET /api/machines/', () => {
  it('lists machines with filters by building (id or name), status and assignment', async () => {
    const hall = await f.building(`Hall ${randomUUID().slice(0, 6)}`);
    const a = await f.machine({ building: hall, technicians: [team.technician.user] });
    const b = await f.machine({ building: hall });
    await t.em().nativeUpdate(Machine, { id: b.id }, { status: MachineStatus.WARNING });
    const byName = await rest<{ items: Json[]; totalCount: number }>(
      t,
      'GET',
      `/api/machines/?building=${encodeURIComponent(hall.name)}`,
      { token: team.manager.token },
    );
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(byName.body.totalCount).toBe(2);
    const byId = await rest<{ items: Json[] }>(
      t,
      'GET',
      `/api/machines?building=${hall.id}&status=warning`,
      { token: team.manager.token },
    );
    expect(byId.body.items.map((m) => m.id)).toEqual([b.id]);
    const mine = await rest<{ items: Json[] }>(
      t,
      'GET',
      `/api/machines/?assigned=me&building=${hall.id}`,
      { token: team.technician.token },
    );
    expect(mine.body.items.map((m) => m.id)).toEqual([a.id]);
    const byTech = await rest<{ items: Json[] }>(
      t,
      'GET',
      `/api/machines/?assigned=${team.technician.user.id}&building=${hall.id}`,
      { token: team.manager.token },
    );
    expect(byTech.body.items.map((m) => m.id)).toEqual([a.id]);
    const none = await rest<{ items: Json[] }>(
      t,
      'GET',
      '/api/machines/?building=No%20such%20hall',
      { token: team.manager.token },
    );
    expect(none.body).toMatchObject({ items: [], totalCount: 0 });
    const bad = await rest(t, 'GET', '/api/machines/?status=BROKEN', { token: team.manager.token });
    expect([bad.status, code(bad)]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('limits an API client to its buildings and needs machines:read', async () => {
    const hallA = await f.building();
    const hallB = await f.building();
    const inA = await f.machine({ building: hallA });
    await f.machine({ building: hallB });
    const client = await createApiClient(t, team.manager.token, ['MACHINES_READ'], [hallA.id]);
    const res = await rest<{ items: Json[] }>(t, 'GET', '/api/machines/', { token: client.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((m) => m.id)).toEqual([inA.id]);
    const writer = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const denied = await rest(t, 'GET', '/api/machines/', { token: writer.token });
    expect([denied.status, code(denied)]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('POST /api/machines/', () => {
  it('lets a manager add a machine; the location names a building, created when missing', async () => {
    const place = `Building ${randomUUID().slice(0, 6)}`;
    const res = await rest<Json>(t, 'POST', '/api/machines/', {
      token: team.manager.token,
      body: { name: 'Machine A', location: place, importance: 5, line: 3, cell: 'B' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Machine A',
      importance: 5,
      status: 'OK',
      location: 'Line 3, Cell B',
      building: { name: place },
    });
    const again = await rest<Json>(t, 'POST', '/api/machines', {
      token: team.manager.token,
      body: { name: 'Machine B', location: place, importance: 1 },
    });
    expect(again.status).toBe(201);
    expect((again.body.building as Json).id).toBe((res.body.building as Json).id);
    expect(await t.em().count(Building, { name: place })).toBe(1);
  });

  it('refuses other roles and API clients (nothing created) and bad input', async () => {
    const place = `Building ${randomUUID().slice(0, 6)}`;
    const client = await createApiClient(t, team.manager.token, [
      'MACHINES_READ',
      'WARNINGS_WRITE',
      'FAULTS_WRITE',
    ]);
    const machinesBefore = await t.em().count(Machine, {});
    for (const token of [team.technician.token, team.repair.token, client.token]) {
      const res = await rest(t, 'POST', '/api/machines/', {
        token,
        body: { name: 'Nope', location: place, importance: 3 },
      });
      expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
    }
    const bad = await rest(t, 'POST', '/api/machines/', {
      token: team.manager.token,
      body: { name: 'X', location: place, importance: 9 },
    });
    expect([bad.status, code(bad)]).toEqual([400, 'BAD_USER_INPUT']);
    const noLocation = await rest(t, 'POST', '/api/machines/', {
      token: team.manager.token,
      body: { name: 'X', importance: 2 },
    });
    expect(noLocation.status).toBe(400);
    expect(await t.em().count(Machine, {})).toBe(machinesBefore);
    // The new building commits with the machine or not at all.
    expect(await t.em().count(Building, { name: place })).toBe(0);
  });

  it('creates a new building, the machine and its event in one commit, or none of them', async () => {
    const place = `Hall ${randomUUID().slice(0, 6)}`;
    const taken = await f.machine();
    const clash = await rest(t, 'POST', '/api/machines/', {
      token: team.manager.token,
      headers: { 'Idempotency-Key': randomUUID() },
      body: { name: 'Clash', location: place, importance: 2, assetCode: taken.assetCode },
    });
    expect([clash.status, code(clash)]).toEqual([409, 'CONFLICT']);
    expect(await t.em().count(Building, { name: place })).toBe(0);
    expect(await t.em().count(Machine, { name: 'Clash' })).toBe(0);

    const key = randomUUID();
    const send = () =>
      rest<Json>(t, 'POST', '/api/machines/', {
        token: team.manager.token,
        headers: { 'Idempotency-Key': key },
        body: { name: 'Press 9', location: place, importance: 4 },
      });
    const results = await Promise.all([send(), send(), send()]);
    const executed = results.filter(
      (r) => r.status === 201 && r.headers.get('idempotent-replayed') === null,
    );
    expect(executed).toHaveLength(1);
    const retry = await send();
    expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.id]).toEqual([
      201,
      'true',
      executed[0]!.body.id,
    ]);
    const building = await t.em().findOneOrFail(Building, { name: place });
    const machines = await t.em().find(Machine, { building: building.id });
    expect(machines.map((m) => m.id)).toEqual([executed[0]!.body.id]);
    expect(
      await t.em().count(MachineEvent, {
        machine: machines[0]!.id,
        type: MachineEventType.MACHINE_CREATED,
      }),
    ).toBe(1);
  });
});

describe('faults', () => {
  it('opens a case with a case-insensitive severity, by id or asset code; the machine turns FAULT', async () => {
    const m = await f.machine();
    const res = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: team.technician.token,
      body: { description: 'Machine is overheating', severity: 'High' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      severity: 'HIGH',
      status: 'OPEN',
      deduplicated: false,
      machine: { id: m.id, status: 'FAULT' },
    });
    await withAssetCode(m, `PRS-${randomUUID().slice(0, 4)}`);
    const fresh = await t.em().findOneOrFail(Machine, { id: m.id });
    const list = await rest<{ items: Json[]; totalCount: number }>(
      t,
      'GET',
      `/api/machines/${fresh.assetCode}/faults/`,
      { token: team.manager.token },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toEqual([res.body.id]);
  });

  it('refuses repair staff, clients without faults:write and clients of other buildings', async () => {
    const hallA = await f.building();
    const m = await f.machine();
    const before = await counts(m.id);
    const readOnly = await createApiClient(t, team.manager.token, ['MACHINES_READ']);
    const otherHall = await createApiClient(
      t,
      team.manager.token,
      ['FAULTS_WRITE', 'MACHINES_READ'],
      [hallA.id],
    );
    for (const token of [team.repair.token, readOnly.token, otherHall.token]) {
      const res = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
        token,
        body: { description: 'x', severity: 'LOW' },
      });
      expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
    }
    const list = await rest(t, 'GET', `/api/machines/${m.id}/faults/`, { token: readOnly.token });
    expect(list.status).toBe(403);
    expect(await counts(m.id)).toEqual(before);
  });

  it('answers unknown machines with 404 and bad input with 400', async () => {
    const m = await f.machine();
    for (const ref of [randomUUID(), 'NO-SUCH-CODE', 'bad%20id']) {
      const post = await rest(t, 'POST', `/api/machines/${ref}/faults/`, {
        token: team.technician.token,
        body: { description: 'x', severity: 'LOW' },
      });
      expect([post.status, code(post)], ref).toEqual([404, 'NOT_FOUND']);
      const get = await rest(t, 'GET', `/api/machines/${ref}/faults/`, {
        token: team.manager.token,
      });
      expect(get.status, ref).toBe(404);
    }
    for (const body of [
      { description: 'x', severity: 'SEVERE' },
      { description: '', severity: 'LOW' },
      { description: 'x' },
      { description: 5, severity: 'LOW' },
    ]) {
      const res = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
        token: team.technician.token,
        body,
      });
      expect([res.status, code(res)], JSON.stringify(body)).toEqual([400, 'BAD_USER_INPUT']);
    }
    expect(await counts(m.id)).toMatchObject({ faults: 0, status: 'OK' });
  });

  it('returns an API client its own open case for the same description instead of a duplicate', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, ['FAULTS_WRITE']);
    const body = { description: 'Vibration above limit', severity: 'medium' };
    const first = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      body,
    });
    const second = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      body,
    });
    expect([first.status, first.body.deduplicated]).toEqual([201, false]);
    expect([second.status, second.body.deduplicated, second.body.id]).toEqual([
      200,
      true,
      first.body.id,
    ]);
    const other = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      body: { ...body, description: 'Other' },
    });
    expect(other.status).toBe(201);
    // People are not deduplicated: two reports by a technician are two cases.
    await rest(t, 'POST', `/api/machines/${m.id}/faults/`, { token: team.technician.token, body });
    await rest(t, 'POST', `/api/machines/${m.id}/faults/`, { token: team.technician.token, body });
    expect(await t.em().count(FaultCase, { machine: m.id })).toBe(4);
    // Once resolved, the same report opens a new case.
    await rest(t, 'PATCH', `/api/faults/${first.body.id as string}/resolve/`, {
      token: team.manager.token,
    });
    const third = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      body,
    });
    expect([third.status, third.body.deduplicated]).toEqual([201, false]);
  });

  it('resolves a case: manager (default note) or the assigned repair worker; others refused', async () => {
    const m = await f.machine();
    const open = async () =>
      (
        await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
          token: team.technician.token,
          body: { description: `Leak ${randomUUID()}`, severity: 'HIGH' },
        })
      ).body.id as string;
    const a = await open();
    const byManager = await rest<Json>(t, 'PATCH', `/api/faults/${a}/resolve/`, {
      token: team.manager.token,
    });
    expect(byManager.status).toBe(200);
    expect(byManager.body).toMatchObject({
      status: 'RESOLVED',
      resolutionNote: 'Resolved via API',
      machine: { status: 'OK' },
    });

    const b = await open();
    for (const token of [team.technician.token, team.repair.token]) {
      const res = await rest(t, 'PATCH', `/api/faults/${b}/resolve`, {
        token,
        body: { note: 'x' },
      });
      expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
    }
    expectData(
      await t.gql(
        'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
        { id: b, a: team.repair.user.id },
        { token: team.manager.token },
      ),
    );
    const byRepair = await rest<Json>(t, 'PATCH', `/api/faults/${b}/resolve/`, {
      token: team.repair.token,
      body: { resolution_note: 'Seal replaced' },
    });
    expect(byRepair.status).toBe(200);
    expect(byRepair.body.resolutionNote).toBe('Seal replaced');

    for (const id of [randomUUID(), 'not-an-id']) {
      const res = await rest(t, 'PATCH', `/api/faults/${id}/resolve/`, {
        token: team.manager.token,
      });
      expect([res.status, code(res)]).toEqual([404, 'NOT_FOUND']);
    }
  });
});

describe('warnings', () => {
  it('dedups a sensor code (one row, repeatCount 3) and clears it by code', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const statuses: number[] = [];
    let last: Json = {};
    for (let i = 0; i < 3; i++) {
      const res = await rest<Json>(t, 'POST', `/api/machines/${m.id}/warnings/`, {
        token: client.token,
        body: { warning: 'Temperature high', code: 'TEMP_HIGH' },
      });
      statuses.push(res.status);
      last = res.body;
    }
    expect(statuses).toEqual([201, 200, 200]);
    expect(last).toMatchObject({
      repeatCount: 3,
      deduplicated: true,
      active: true,
      machine: { status: 'WARNING' },
      raisedBy: { kind: 'API_CLIENT' },
    });
    expect(await t.em().count(Warning, { machine: m.id })).toBe(1);
    const cleared = await rest<Json>(
      t,
      'DELETE',
      `/api/machines/${m.id}/warnings/?code=TEMP_HIGH`,
      { token: client.token },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ active: false, machine: { status: 'OK' } });
    const unknown = await rest(t, 'DELETE', `/api/machines/${m.id}/warnings/?code=NOPE`, {
      token: client.token,
    });
    expect(unknown.status).toBe(404);
    const missing = await rest(t, 'DELETE', `/api/machines/${m.id}/warnings/`, {
      token: client.token,
    });
    expect(missing.status).toBe(400);
  });

  it('refuses repair staff raising, clients without the scope or of other buildings; unknown machine 404', async () => {
    const hallA = await f.building();
    const m = await f.machine();
    const readOnly = await createApiClient(t, team.manager.token, ['MACHINES_READ']);
    const otherHall = await createApiClient(
      t,
      team.manager.token,
      ['WARNINGS_WRITE', 'MACHINES_READ'],
      [hallA.id],
    );
    for (const token of [team.repair.token, readOnly.token, otherHall.token]) {
      const res = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
        token,
        body: { message: 'x', code: 'X' },
      });
      expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
    }
    const clearOther = await rest(t, 'DELETE', `/api/machines/${m.id}/warnings/?code=X`, {
      token: otherHall.token,
    });
    expect(clearOther.status).toBe(403);
    for (const ref of [randomUUID(), 'NO-SUCH-CODE']) {
      const res = await rest(t, 'POST', `/api/machines/${ref}/warnings/`, {
        token: team.technician.token,
        body: { message: 'x' },
      });
      expect([res.status, code(res)]).toEqual([404, 'NOT_FOUND']);
    }
    // A typical sensor token can write warnings but not read machines: still 404, not 400.
    const sensor = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const unknownForSensor = await rest(t, 'POST', `/api/machines/${randomUUID()}/warnings/`, {
      token: sensor.token,
      body: { message: 'x' },
    });
    expect([unknownForSensor.status, code(unknownForSensor)]).toEqual([404, 'NOT_FOUND']);
    const archived = await f.machine();
    await t.em().nativeUpdate(Machine, { id: archived.id }, { archived: true });
    const onArchived = await rest(t, 'POST', `/api/machines/${archived.id}/warnings/`, {
      token: sensor.token,
      body: { message: 'x' },
    });
    expect([onArchived.status, code(onArchived)]).toEqual([400, 'BAD_USER_INPUT']);
    const empty = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      body: {},
    });
    expect(empty.status).toBe(400);
    const badCode = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      body: { message: 'x', code: 'no spaces' },
    });
    expect(badCode.status).toBe(400);
    expect(await counts(m.id)).toMatchObject({ warnings: 0, status: 'OK' });
  });

  it('clears one warning by id only on its own machine', async () => {
    const m = await f.machine();
    const other = await f.machine();
    const raised = await rest<Json>(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      body: { message: 'Belt worn' },
    });
    const id = raised.body.id as string;
    const wrongMachine = await rest(t, 'DELETE', `/api/machines/${other.id}/warnings/${id}/`, {
      token: team.repair.token,
    });
    expect(wrongMachine.status).toBe(404);
    expect(await t.em().count(Warning, { id, clearedAt: null })).toBe(1);
    const unknown = await rest(t, 'DELETE', `/api/machines/${m.id}/warnings/${randomUUID()}/`, {
      token: team.repair.token,
    });
    expect(unknown.status).toBe(404);
    const ok = await rest<Json>(t, 'DELETE', `/api/machines/${m.id}/warnings/${id}`, {
      token: team.repair.token,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id, active: false, machine: { status: 'OK' } });
  });

  it('clears any of many warnings by id, with only warnings:write', async () => {
    const m = await f.machine();
    await t.em().execute(
      `insert into warnings (id, machine_id, message, raised_at, last_seen_at, repeat_count)
       select gen_random_uuid(), ?, 'w' || n, now() - make_interval(secs => 100 - n), now(), 1
         from generate_series(1, 60) as n`,
      [m.id],
    );
    const newest = await t.em().findOneOrFail(Warning, { machine: m.id, message: 'w60' });
    const sensor = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const res = await rest<Json>(t, 'DELETE', `/api/machines/${m.id}/warnings/${newest.id}/`, {
      token: sensor.token,
    });
    expect([res.status, res.body.active]).toEqual([200, false]);
    expect(await t.em().count(Warning, { machine: m.id, clearedAt: null })).toBe(59);
  });

  it('reaches a GraphQL subscriber: a warning posted via REST changes the machine status live', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const socket = connectSocket(t.url, team.manager.token);
    try {
      const sub = socket.subscribe<{
        machineStatusChanged: { machineId: string; status: string; previousStatus: string };
      }>(
        'subscription ($ids: [ID!]) { machineStatusChanged(machineIds: $ids) { machineId status previousStatus } }',
        { ids: [m.id] },
      );
      await new Promise((r) => setTimeout(r, 200));
      const res = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
        token: client.token,
        body: { message: 'Pressure', code: 'P_HIGH' },
      });
      expect(res.status).toBe(201);
      const [event] = await sub.waitFor(1);
      expect(event!.machineStatusChanged).toMatchObject({
        machineId: m.id,
        status: 'WARNING',
        previousStatus: 'OK',
      });
    } finally {
      await socket.dispose();
    }
  });
});

describe('journey 1: a sensor trips at night', () => {
  it('a gateway posts TEMP_HIGH to the asset code every few seconds, then clears it', async () => {
    const hall = await f.building();
    const press = await f.machine({ building: hall, name: 'Press 7' });
    const label = `PRS-${randomUUID().slice(0, 4).toUpperCase()}`;
    await withAssetCode(press, label);
    const gateway = await createApiClient(
      t,
      team.manager.token,
      ['MACHINES_READ', 'WARNINGS_WRITE'],
      [hall.id],
    );
    for (let i = 1; i <= 4; i++) {
      const res = await rest<Json>(t, 'POST', `/api/machines/${label}/warnings/`, {
        token: gateway.token,
        headers: { 'idempotency-key': `tick-${i}` },
        body: { message: 'Oil temperature high', code: 'TEMP_HIGH' },
      });
      expect(res.status).toBe(i === 1 ? 201 : 200);
      expect(res.body).toMatchObject({
        repeatCount: i,
        machine: { assetCode: label, status: 'WARNING' },
      });
    }
    expect(await t.em().count(Warning, { machine: press.id })).toBe(1);
    const cleared = await rest<Json>(
      t,
      'DELETE',
      `/api/machines/${label}/warnings/?code=TEMP_HIGH`,
      { token: gateway.token },
    );
    expect(cleared.body).toMatchObject({ active: false, machine: { status: 'OK' } });
  });
});

describe('Idempotency-Key', () => {
  it('replays the stored answer for a retry and creates nothing twice (journey 7)', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, ['FAULTS_WRITE', 'WARNINGS_WRITE']);
    const key = randomUUID();
    const send = () =>
      rest<Json>(t, 'POST', `/api/machines/${m.id}/warnings/`, {
        token: client.token,
        headers: { 'Idempotency-Key': key },
        body: { message: 'Door open' },
      });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await t.em().count(Warning, { machine: m.id })).toBe(1);
    // The same key with another body is refused; the key is the client's own.
    const other = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: client.token,
      headers: { 'Idempotency-Key': key },
      body: { message: 'Door shut' },
    });
    expect([other.status, code(other)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const samePathOtherMethod = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      headers: { 'Idempotency-Key': key },
      body: { message: 'Door open' },
    });
    expect(samePathOtherMethod.status).toBe(422);
    const otherClient = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const theirs = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: otherClient.token,
      headers: { 'Idempotency-Key': key },
      body: { message: 'Door open' },
    });
    expect(theirs.status).toBe(201);
    expect(await t.em().count(Warning, { machine: m.id })).toBe(2);
    // Key order in the body does not matter.
    const k2 = randomUUID();
    const a = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      headers: { 'Idempotency-Key': k2 },
      body: { description: 'Jam', severity: 'LOW' },
    });
    const b = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      headers: { 'Idempotency-Key': k2 },
      body: { severity: 'LOW', description: 'Jam' },
    });
    expect([a.status, b.status, b.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    expect(await t.em().count(FaultCase, { machine: m.id })).toBe(1);
  });

  it('stores 4xx answers too, and refuses malformed keys', async () => {
    const m = await f.machine();
    const key = randomUUID();
    const denied = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: team.repair.token,
      headers: { 'Idempotency-Key': key },
      body: { description: 'x', severity: 'LOW' },
    });
    const again = await rest(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: team.repair.token,
      headers: { 'Idempotency-Key': key },
      body: { description: 'x', severity: 'LOW' },
    });
    expect([denied.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([
      403,
      403,
      'true',
    ]);
    const bad = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      headers: { 'Idempotency-Key': 'x'.repeat(300) },
      body: { message: 'x' },
    });
    expect([bad.status, code(bad)]).toEqual([400, 'BAD_USER_INPUT']);
    expect(await counts(m.id)).toMatchObject({ warnings: 0, faults: 0 });
  });

  it('executes five concurrent requests with one key once; the others get 409 or the replay', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, ['FAULTS_WRITE']);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
          token: client.token,
          headers: { 'Idempotency-Key': key },
          body: { description: `Spindle stalled ${key}`, severity: 'CRITICAL' },
        }),
      ),
    );
    const executed = results.filter(
      (r) => r.status === 201 && r.headers.get('idempotent-replayed') === null,
    );
    expect(executed).toHaveLength(1);
    for (const r of results) {
      if (r === executed[0]) continue;
      if (r.status === 409) expect(code(r)).toBe('IDEMPOTENCY_KEY_IN_USE');
      else
        expect([r.status, r.headers.get('idempotent-replayed'), r.body.id]).toEqual([
          201,
          'true',
          executed[0]!.body.id,
        ]);
    }
    expect(await t.em().count(FaultCase, { machine: m.id })).toBe(1);
    expect(await t.em().count(IdempotencyKey, { key })).toBe(1);
    const retry = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: client.token,
      headers: { 'Idempotency-Key': key },
      body: { description: `Spindle stalled ${key}`, severity: 'CRITICAL' },
    });
    expect([retry.status, retry.body.id]).toEqual([201, executed[0]!.body.id]);
  });

  it('answers 409 and writes nothing while the key holds a committed write without its answer', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
    const key = randomUUID();
    const send = () =>
      rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
        token: client.token,
        headers: { 'Idempotency-Key': key },
        body: { message: 'Belt slipping', code: 'BELT' },
      });
    expect((await send()).status).toBe(201);
    // As if the process had died between the write's commit and storing its answer.
    await t
      .em()
      .execute(
        `update idempotency_keys set state = 'COMMITTED', response_status = null, response_body = null where key = ?`,
        [key],
      );
    const before = await t.em().findOneOrFail(Warning, { machine: m.id });
    const retry = await send();
    expect([retry.status, code(retry), retry.headers.get('retry-after')]).toEqual([
      409,
      'IDEMPOTENCY_KEY_IN_USE',
      '1',
    ]);
    const after = await t.em().findOneOrFail(Warning, { machine: m.id });
    expect(after.repeatCount).toBe(before.repeatCount);
    expect(await t.em().count(Warning, { machine: m.id })).toBe(1);
  });

  it('lets an expired key start afresh, even for another request', async () => {
    const m = await f.machine();
    const key = randomUUID();
    const post = (message: string) =>
      rest<Json>(t, 'POST', `/api/machines/${m.id}/warnings/`, {
        token: team.technician.token,
        headers: { 'Idempotency-Key': key },
        body: { message },
      });
    expect((await post('First')).status).toBe(201);
    await t
      .em()
      .execute(
        `update idempotency_keys set expires_at = now() - interval '1 second' where key = ?`,
        [key],
      );
    const second = await post('Second');
    expect([second.status, second.headers.get('idempotent-replayed'), second.body.message]).toEqual(
      [201, null, 'Second'],
    );
    expect(await t.em().count(Warning, { machine: m.id })).toBe(2);
    expect(await t.em().count(IdempotencyKey, { key })).toBe(1);
  });

  it('works on PATCH and DELETE, and keeps keys at least 24 hours', async () => {
    const m = await f.machine();
    const raised = await rest<Json>(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      body: { message: 'x', code: 'K' },
    });
    expect(raised.status).toBe(201);
    const key = randomUUID();
    const del = () =>
      rest(t, 'DELETE', `/api/machines/${m.id}/warnings/?code=K`, {
        token: team.technician.token,
        headers: { 'Idempotency-Key': key },
      });
    expect((await del()).status).toBe(200);
    const replay = await del();
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    const row = await t.em().findOneOrFail(IdempotencyKey, { key });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(
      24 * 3600 * 1000 - 1000,
    );
    expect(row.state).toBe('COMPLETED');
  });
});
