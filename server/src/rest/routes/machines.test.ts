import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MachineEvent } from '../../modules/events/machine-event.entity.js';
import { MachineEventType } from '../../modules/events/machine-event.type.js';
import { Machine } from '../../modules/machines/machine.entity.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createApiClient, rest, type ErrorBody } from '../../testing/rest-client.js';

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

async function listedIds(token: string, buildingId: string): Promise<string[]> {
  const res = await rest<{ items: Json[] }>(t, 'GET', `/api/machines/?building=${buildingId}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body.items.map((m) => m.id as string);
}

describe('POST /api/machines/ (item 24)', () => {
  it('answers 201 with the new machine’s path in Location, also on a replay, and the path serves it', async () => {
    const key = randomUUID();
    const hall = `Hall ${randomUUID().slice(0, 6)}`;
    const send = () =>
      rest<Json>(t, 'POST', '/api/machines/', {
        token: team.manager.token,
        headers: { 'Idempotency-Key': key },
        body: { name: 'Lathe 2', location: hall, importance: 2 },
      });
    const created = await send();
    expect(created.status).toBe(201);
    const location = created.headers.get('location');
    expect(location).toBe(`/api/machines/${created.body.id as string}/`);
    const replay = await send();
    expect([replay.headers.get('idempotent-replayed'), replay.headers.get('location')]).toEqual([
      'true',
      location,
    ]);
    const got = await rest<Json>(t, 'GET', location!, { token: team.technician.token });
    expect([got.status, got.body.id, got.body.name]).toEqual([200, created.body.id, 'Lathe 2']);
  });

  it('sends no Location when nothing was created', async () => {
    const res = await rest(t, 'POST', '/api/machines/', {
      token: team.technician.token,
      body: { name: 'X', location: 'Y', importance: 1 },
    });
    expect([res.status, res.headers.get('location')]).toEqual([403, null]);
  });
});

describe('GET /api/machines/<id>/', () => {
  it('serves one machine by id or asset code; unknown is 404; a client of another building 403', async () => {
    const hall = await f.building();
    const m = await f.machine({ building: hall });
    const byCode = await rest<Json>(t, 'GET', `/api/machines/${m.assetCode}/`, {
      token: team.manager.token,
    });
    expect([byCode.status, byCode.body.id]).toEqual([200, m.id]);
    for (const ref of [randomUUID(), 'NO-SUCH-CODE']) {
      const res = await rest(t, 'GET', `/api/machines/${ref}/`, { token: team.manager.token });
      expect([res.status, code(res)], ref).toEqual([404, 'NOT_FOUND']);
    }
    const other = await createApiClient(
      t,
      team.manager.token,
      ['MACHINES_READ'],
      [(await f.building()).id],
    );
    const denied = await rest(t, 'GET', `/api/machines/${m.id}/`, { token: other.token });
    expect([denied.status, code(denied)]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await rest(t, 'GET', `/api/machines/${m.id}/`);
    expect(anonymous.status).toBe(401);
  });
});

describe('DELETE /api/machines/<id>/ (item 16: the spec’s "delete old ones")', () => {
  it('lets a manager archive a machine without open cases: it leaves the list, its history stays', async () => {
    const hall = await f.building();
    const m = await f.machine({ building: hall });
    const keep = await f.machine({ building: hall });
    expect((await listedIds(team.manager.token, hall.id)).sort()).toEqual([m.id, keep.id].sort());
    const res = await rest<Json>(t, 'DELETE', `/api/machines/${m.id}/`, {
      token: team.manager.token,
    });
    expect([res.status, res.body.id, res.body.archived]).toEqual([200, m.id, true]);
    expect(await listedIds(team.manager.token, hall.id)).toEqual([keep.id]);
    expect(await listedIds(team.technician.token, hall.id)).not.toContain(m.id);
    const row = await t.em().findOneOrFail(Machine, { id: m.id });
    expect(row.archived).toBe(true);
    expect(
      await t.em().count(MachineEvent, { machine: m.id, type: MachineEventType.MACHINE_ARCHIVED }),
    ).toBe(1);
    // Archiving again changes nothing.
    const again = await rest<Json>(t, 'DELETE', `/api/machines/${m.id}`, {
      token: team.manager.token,
    });
    expect([again.status, again.body.archived]).toEqual([200, true]);
    expect(
      await t.em().count(MachineEvent, { machine: m.id, type: MachineEventType.MACHINE_ARCHIVED }),
    ).toBe(1);
  });

  it('takes the asset code in the path, and an Idempotency-Key', async () => {
    const m = await f.machine();
    const key = randomUUID();
    const send = () =>
      rest<Json>(t, 'DELETE', `/api/machines/${m.assetCode}/`, {
        token: team.manager.token,
        headers: { 'Idempotency-Key': key },
      });
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect((await t.em().findOneOrFail(Machine, { id: m.id })).archived).toBe(true);
  });

  it('answers 409 while the machine has an unresolved fault case, naming it; nothing changes', async () => {
    const m = await f.machine();
    const opened = await rest<Json>(t, 'POST', `/api/machines/${m.id}/faults/`, {
      token: team.technician.token,
      body: { description: 'Spindle seized', severity: 'HIGH' },
    });
    expect(opened.status).toBe(201);
    const eventsBefore = await t.em().count(MachineEvent, { machine: m.id });
    const res = await rest(t, 'DELETE', `/api/machines/${m.id}/`, { token: team.manager.token });
    expect([res.status, code(res)]).toEqual([409, 'CONFLICT']);
    expect((res.body as ErrorBody).error?.details).toMatchObject({
      faultCaseIds: [opened.body.id],
    });
    const row = await t.em().findOneOrFail(Machine, { id: m.id });
    expect([row.archived, row.status]).toEqual([false, 'FAULT']);
    expect(await t.em().count(MachineEvent, { machine: m.id })).toBe(eventsBefore);
  });

  it('answers 404 for an unknown machine', async () => {
    for (const ref of [randomUUID(), 'NO-SUCH-CODE', 'bad%20ref']) {
      const res = await rest(t, 'DELETE', `/api/machines/${ref}/`, { token: team.manager.token });
      expect([res.status, code(res)], ref).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('refuses other roles and API clients (403) and anonymous calls (401); nothing archived', async () => {
    const m = await f.machine();
    const client = await createApiClient(t, team.manager.token, [
      'MACHINES_READ',
      'WARNINGS_WRITE',
      'FAULTS_WRITE',
    ]);
    for (const token of [team.technician.token, team.repair.token, client.token]) {
      const res = await rest(t, 'DELETE', `/api/machines/${m.id}/`, { token });
      expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
    }
    for (const token of [undefined, 'not-a-token']) {
      const res = await rest(t, 'DELETE', `/api/machines/${m.id}/`, { token });
      expect([res.status, code(res)]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await t.em().findOneOrFail(Machine, { id: m.id })).archived).toBe(false);
    expect(
      await t.em().count(MachineEvent, { machine: m.id, type: MachineEventType.MACHINE_ARCHIVED }),
    ).toBe(0);
  });
});
