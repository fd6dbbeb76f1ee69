import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { errorCode, expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { createApiClient, rest, type ErrorBody } from '../../testing/rest-client.js';
import { connectSocket } from '../../testing/ws-client.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType as E } from '../events/machine-event.type.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { Machine } from '../machines/machine.entity.js';
import { MachineStatus } from '../machines/machine.status.js';
import { MAX_SENSOR_REPORTS } from './sensor-report.types.js';
import { Warning } from './warning.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let gateway: { id: string; token: string };
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestServer({ onQuery: (sql) => statements.push(sql) });
  f = new Factory(t);
  team = await f.team();
  gateway = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE']);
});
afterAll(() => t.close());

interface Report {
  machineId: string;
  code: string;
  active: boolean;
  message?: string | null;
}
interface Result {
  machineId: string;
  code: string;
  outcome: 'RAISED' | 'REPEATED' | 'CLEARED' | 'NOT_ACTIVE' | null;
  warningId: string | null;
  repeatCount: number | null;
  error: { code: string; message: string } | null;
}

const REPORT = `mutation ($input: SensorReportsInput!) {
  reportSensorConditions(input: $input) {
    machineId code outcome warningId repeatCount error { code message } } }`;

const report = (token: string, reports: Report[]) =>
  t.gql<{ reportSensorConditions: Result[] }>(REPORT, { input: { reports } }, { token });

async function apply(token: string, reports: Report[]): Promise<Result[]> {
  return expectData(await report(token, reports)).reportSensorConditions;
}

const raise = (m: { id: string }, code = 'TEMP_HIGH', message?: string): Report => ({
  machineId: m.id,
  code,
  active: true,
  ...(message ? { message } : {}),
});
const clear = (m: { id: string }, code = 'TEMP_HIGH'): Report => ({
  machineId: m.id,
  code,
  active: false,
});

/** A machine's stored rows, in the order they were written. */
async function stored(machineId: string) {
  const em = t.em();
  const machine = await em.findOneOrFail(Machine, { id: machineId });
  const events = await em.find(MachineEvent, { machine: machineId }, { orderBy: { id: 'asc' } });
  const warnings = await em.find(
    Warning,
    { machine: machineId },
    { orderBy: { raisedAt: 'asc', id: 'asc' } },
  );
  return {
    status: machine.status,
    statusSince: machine.statusSince,
    events: events.map((e) => [e.type, e.fromStatus, e.toStatus].filter(Boolean).join(' ')),
    eventRows: events,
    warnings: warnings.map((w) => ({
      code: w.code,
      message: w.message,
      repeatCount: w.repeatCount,
      active: w.clearedAt === null,
    })),
    warningRows: warnings,
  };
}

/** Everything a refused call must leave as it was. */
async function fingerprint(machineIds: string[]) {
  return JSON.stringify(
    await Promise.all(
      machineIds.map(async (id) => {
        const s = await stored(id);
        return [s.status, s.events, s.warnings];
      }),
    ),
  );
}

describe('reportSensorConditions', () => {
  it('applies a batch in order: raise, repeat, clear, and a clear of nothing', async () => {
    const [a, b, c] = [await f.machine(), await f.machine(), await f.machine()];
    const results = await apply(gateway.token, [
      raise(a, 'TEMP_HIGH', '  Spindle hot  '),
      raise(b, 'OIL_LOW'),
      raise(a),
      clear(a),
      clear(c, 'VIBRATION'),
    ]);
    expect(results.map((r) => [r.machineId, r.outcome, r.repeatCount, r.error])).toEqual([
      [a.id, 'RAISED', 1, null],
      [b.id, 'RAISED', 1, null],
      [a.id, 'REPEATED', 2, null],
      [a.id, 'CLEARED', 2, null],
      [c.id, 'NOT_ACTIVE', null, null],
    ]);
    expect(results[2]!.warningId).toBe(results[0]!.warningId);
    expect(results[3]!.warningId).toBe(results[0]!.warningId);

    const sa = await stored(a.id);
    expect(sa.status).toBe(MachineStatus.OK);
    expect(sa.events).toEqual([
      `${E.WARNING_RAISED}`,
      `${E.STATUS_CHANGED} OK WARNING`,
      `${E.WARNING_CLEARED}`,
      `${E.STATUS_CHANGED} WARNING OK`,
    ]);
    expect(sa.warnings).toEqual([
      { code: 'TEMP_HIGH', message: 'Spindle hot', repeatCount: 2, active: false },
    ]);
    const w = sa.warningRows[0]!;
    expect(w.id).toBe(results[0]!.warningId);
    expect(w.raisedByApiClient?.id).toBe(gateway.id);
    expect(w.clearedByApiClient?.id).toBe(gateway.id);
    expect(sa.eventRows.every((e) => e.actorApiClient?.id === gateway.id)).toBe(true);
    expect(sa.eventRows[0]!.warning?.id).toBe(w.id);
    expect(sa.eventRows[0]!.data).toEqual({ message: 'Spindle hot', code: 'TEMP_HIGH' });
    expect(sa.eventRows[2]!.data).toEqual({ message: 'Spindle hot', code: 'TEMP_HIGH' });

    const sb = await stored(b.id);
    expect(sb.status).toBe(MachineStatus.WARNING);
    expect(sb.warnings).toEqual([
      // Without a message the code is the message, as on the single REST route.
      { code: 'OIL_LOW', message: 'OIL_LOW', repeatCount: 1, active: true },
    ]);
    expect((await stored(c.id)).events).toEqual([]);
  });

  it('leaves the same rows and events as the same reports sent one at a time', async () => {
    const batchMachines = [await f.machine(), await f.machine(), await f.machine()];
    const singleMachines = [await f.machine(), await f.machine(), await f.machine()];
    // A flapping sensor on three machines with two codes: raises, repeats, clears, re-raises.
    const script: [number, string, boolean][] = [];
    let seed = 7;
    for (let i = 0; i < 60; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      script.push([seed % 3, seed % 5 < 2 ? 'TEMP_HIGH' : 'OIL_LOW', seed % 7 < 4]);
    }
    const toReport = (ms: Machine[], [m, code, active]: [number, string, boolean]): Report => ({
      machineId: ms[m]!.id,
      code,
      active,
      message: `${code} on`,
    });
    await apply(
      gateway.token,
      script.map((s) => toReport(batchMachines, s)),
    );
    for (const s of script) {
      const r = toReport(singleMachines, s);
      const res = r.active
        ? await rest(t, 'POST', `/api/machines/${r.machineId}/warnings/`, {
            token: gateway.token,
            body: { code: r.code, message: r.message },
          })
        : await rest(t, 'DELETE', `/api/machines/${r.machineId}/warnings/?code=${r.code}`, {
            token: gateway.token,
          });
      expect([200, 201, 404]).toContain(res.status);
    }
    for (let i = 0; i < 3; i++) {
      const [batch, single] = [
        await stored(batchMachines[i]!.id),
        await stored(singleMachines[i]!.id),
      ];
      expect(batch.events.length).toBeGreaterThan(0);
      expect(batch.events).toEqual(single.events);
      // Rows raised by one batch share their raise time: compare them as sets.
      const rows = (w: typeof batch.warnings) => w.map((x) => JSON.stringify(x)).sort();
      expect(rows(batch.warnings)).toEqual(rows(single.warnings));
      expect(batch.status).toBe(single.status);
    }
  });

  it('derives status from every row: an open case keeps FAULT, a warning without code keeps WARNING', async () => {
    const faulty = await f.machine();
    expectData(
      await t.gql(
        'mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { id } }',
        { input: { machineId: faulty.id, description: 'Hydraulic leak', severity: 'HIGH' } },
        { token: team.technician.token },
      ),
    );
    const flagged = await f.machine();
    expectData(
      await t.gql(
        'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }',
        { input: { machineId: flagged.id, message: 'Guard door open' } },
        { token: team.technician.token },
      ),
    );
    await apply(gateway.token, [raise(faulty), raise(flagged), clear(faulty), clear(flagged)]);
    const sf = await stored(faulty.id);
    expect(sf.status).toBe(MachineStatus.FAULT);
    expect(sf.events.filter((e) => e.startsWith(E.STATUS_CHANGED))).toEqual([
      `${E.STATUS_CHANGED} OK FAULT`,
    ]);
    const sg = await stored(flagged.id);
    expect(sg.status).toBe(MachineStatus.WARNING);
    expect(sg.events.filter((e) => e.startsWith(E.STATUS_CHANGED))).toEqual([
      `${E.STATUS_CHANGED} OK WARNING`,
    ]);
    expect(await t.em().count(FaultCase, { machine: faulty.id })).toBe(1);
  });

  it('clears and raises the same code again within one batch: two rows, the second active', async () => {
    const m = await f.machine();
    const results = await apply(gateway.token, [raise(m), clear(m), raise(m), raise(m)]);
    expect(results.map((r) => [r.outcome, r.repeatCount])).toEqual([
      ['RAISED', 1],
      ['CLEARED', 1],
      ['RAISED', 1],
      ['REPEATED', 2],
    ]);
    expect(results[2]!.warningId).not.toBe(results[0]!.warningId);
    const s = await stored(m.id);
    expect(s.warnings.map((w) => [w.active, w.repeatCount])).toEqual(
      expect.arrayContaining([
        [false, 1],
        [true, 2],
      ]),
    );
    expect(s.status).toBe(MachineStatus.WARNING);
  });

  it('refuses a report on its own for an unknown, archived or foreign machine; the others apply', async () => {
    const hallA = await f.building();
    const hallB = await f.building();
    const inA = await f.machine({ building: hallA });
    const inB = await f.machine({ building: hallB });
    const archived = await f.machine({ building: hallA });
    await apply(gateway.token, [raise(archived)]);
    expectData(
      await t.gql(
        'mutation ($id: ID!) { archiveMachine(id: $id) { id } }',
        { id: archived.id },
        { token: team.manager.token },
      ),
    );
    const limited = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE'], [hallA.id]);
    const unknown = randomUUID();
    const results = await apply(limited.token, [
      raise({ id: unknown }),
      raise(inB),
      raise(archived, 'OTHER_CODE'),
      raise(inA),
      clear(archived),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code ?? null])).toEqual([
      [null, 'NOT_FOUND'],
      [null, 'FORBIDDEN'],
      [null, 'BAD_USER_INPUT'],
      ['RAISED', null],
      // Not refused: archived machines may still have their warnings cleared (archiving
      // cleared this one already).
      ['NOT_ACTIVE', null],
    ]);
    expect(results[0]!.machineId).toBe(unknown);
    expect((await stored(inB.id)).events).toEqual([]);
    expect((await stored(inA.id)).status).toBe(MachineStatus.WARNING);
    expect((await stored(archived.id)).warnings.every((w) => !w.active)).toBe(true);
  });

  it.each([
    ['no reports', [], 'reports'],
    [
      'a bad machine id',
      [{ machineId: 'not-a-uuid', code: 'T', active: true }],
      'reports.1.machineId',
    ],
    ['a bad code', [{ code: 'has space', active: true }], 'reports.1.code'],
    ['a blank message', [{ code: 'T', active: true, message: '   ' }], 'reports.1.message'],
    [
      'a long message',
      [{ code: 'T', active: true, message: 'x'.repeat(501) }],
      'reports.1.message',
    ],
  ] as const)('refuses a batch with %s, naming it, and writes nothing', async (_, bad, field) => {
    const m = await f.machine();
    const before = await fingerprint([m.id]);
    const reports =
      bad.length === 0 ? [] : [raise(m), { machineId: m.id, ...bad[0] } as Report, raise(m, 'B')];
    const res = await report(gateway.token, reports);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    if (field !== 'reports') expect(res.errors?.[0]?.extensions?.details).toMatchObject({ field });
    expect(await fingerprint([m.id])).toBe(before);
  });

  it(`refuses more than ${MAX_SENSOR_REPORTS} reports and writes nothing`, async () => {
    const m = await f.machine();
    const before = await fingerprint([m.id]);
    const res = await report(
      gateway.token,
      Array.from({ length: MAX_SENSOR_REPORTS + 1 }, () => raise(m)),
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await fingerprint([m.id])).toBe(before);
  });

  it('is refused to repair staff, to a token without warnings:write, and to anyone signed out', async () => {
    const m = await f.machine();
    const before = await fingerprint([m.id]);
    const reader = await createApiClient(t, team.manager.token, ['MACHINES_READ', 'FAULTS_WRITE']);
    expect(errorCode(await report(team.repair.token, [raise(m)]))).toBe('FORBIDDEN');
    expect(errorCode(await report(reader.token, [raise(m)]))).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql(REPORT, { input: { reports: [raise(m)] } }, { token: undefined })),
    ).toBe('UNAUTHENTICATED');
    expect(await fingerprint([m.id])).toBe(before);
    // Staff who may raise warnings may report too.
    for (const who of ['manager', 'technician'] as const) {
      const [result] = await apply(team[who].token, [raise(m, `BY_${who.toUpperCase()}`)]);
      expect(result!.outcome).toBe('RAISED');
    }
  });

  it('two batches over the same machines in opposite orders both apply, without a deadlock', async () => {
    const ms = await Promise.all(Array.from({ length: 8 }, () => f.machine()));
    const forward = ms.map((m) => raise(m));
    const backward = [...ms].reverse().map((m) => raise(m));
    const [one, two] = await Promise.all([
      apply(gateway.token, forward),
      apply(gateway.token, backward),
    ]);
    expect([...one, ...two].every((r) => r.error === null)).toBe(true);
    for (const m of ms) {
      const s = await stored(m.id);
      expect(s.warnings).toEqual([
        { code: 'TEMP_HIGH', message: 'TEMP_HIGH', repeatCount: 2, active: true },
      ]);
      expect(s.events).toEqual([E.WARNING_RAISED, `${E.STATUS_CHANGED} OK WARNING`]);
    }
  });

  it('reaches a live board: the batch events in order, with increasing ids', async () => {
    const a = await f.machine();
    const b = await f.machine();
    const socket = connectSocket(t.url, team.manager.token);
    try {
      const live = socket.subscribe<{
        machineEvents: { id: string; type: string; machine: { id: string } };
      }>(
        'subscription ($ids: [ID!]) { machineEvents(machineIds: $ids) { id type machine { id } } }',
        { ids: [a.id, b.id] },
      );
      await new Promise((r) => setTimeout(r, 150));
      await apply(gateway.token, [raise(a), raise(b), clear(a)]);
      const items = (await live.waitFor(6)).map((i) => i.machineEvents);
      expect(items.map((e) => [e.machine.id, e.type])).toEqual([
        [a.id, E.WARNING_RAISED],
        [a.id, E.STATUS_CHANGED],
        [b.id, E.WARNING_RAISED],
        [b.id, E.STATUS_CHANGED],
        [a.id, E.WARNING_CLEARED],
        [a.id, E.STATUS_CHANGED],
      ]);
      const ids = items.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    } finally {
      await socket.dispose();
    }
  });
});

describe('POST /api/sensor-reports/', () => {
  it('applies a gateway batch and answers one result per report', async () => {
    const m = await f.machine();
    const res = await rest<{ results: Result[] }>(t, 'POST', '/api/sensor-reports/', {
      token: gateway.token,
      body: { reports: [raise(m, 'TEMP_HIGH', 'Hot'), raise(m), clear(m, 'NOPE')] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.outcome, r.repeatCount])).toEqual([
      ['RAISED', 1],
      ['REPEATED', 2],
      ['NOT_ACTIVE', null],
    ]);
    expect((await stored(m.id)).status).toBe(MachineStatus.WARNING);
  });

  it.each([
    ['reports missing', {}, 'reports'],
    ['reports not a list', { reports: { machineId: 'x' } }, 'reports'],
    ['a report that is not an object', { reports: ['TEMP_HIGH'] }, 'reports.0'],
    ['active not a boolean', { reports: [{ code: 'T', active: 'yes' }] }, 'reports.0.active'],
    ['code not a string', { reports: [{ code: 5, active: true }] }, 'reports.0.code'],
    ['a bad code', { reports: [{ code: 'a b', active: true }] }, 'reports.0.code'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_, body, field) => {
    const m = await f.machine();
    const before = await fingerprint([m.id]);
    const withMachine = {
      ...body,
      ...(Array.isArray((body as { reports?: unknown }).reports)
        ? {
            reports: (body as { reports: unknown[] }).reports.map((r) =>
              r && typeof r === 'object' ? { machineId: m.id, ...r } : r,
            ),
          }
        : {}),
    };
    const res = await rest<ErrorBody>(t, 'POST', '/api/sensor-reports/', {
      token: gateway.token,
      body: withMachine,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.details?.field).toBe(field);
    expect(await fingerprint([m.id])).toBe(before);
  });

  it('answers 401 without a token and 403 to a token without warnings:write', async () => {
    const m = await f.machine();
    const reader = await createApiClient(t, team.manager.token, ['MACHINES_READ']);
    const body = { reports: [raise(m)] };
    expect((await rest(t, 'POST', '/api/sensor-reports/', { body })).status).toBe(401);
    expect(
      (await rest(t, 'POST', '/api/sensor-reports/', { token: reader.token, body })).status,
    ).toBe(403);
    expect((await stored(m.id)).events).toEqual([]);
  });

  it('honours Idempotency-Key: a retried batch is applied once and answered the same', async () => {
    const m = await f.machine();
    const key = randomUUID();
    const send = () =>
      rest<{ results: Result[] }>(t, 'POST', '/api/sensor-reports/', {
        token: gateway.token,
        headers: { 'Idempotency-Key': key },
        body: { reports: [raise(m)] },
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await stored(m.id)).warnings).toEqual([
      { code: 'TEMP_HIGH', message: 'TEMP_HIGH', repeatCount: 1, active: true },
    ]);
  });
});

describe('single sensor messages sent at once (group commit)', () => {
  const post = (token: string, machineId: string, code = 'TEMP_HIGH') =>
    rest<{ id: string; repeatCount: number; deduplicated: boolean } & Partial<ErrorBody>>(
      t,
      'POST',
      `/api/machines/${machineId}/warnings/`,
      { token, body: { code, message: 'Temperature high' } },
    );
  const locks = () => statements.filter((q) => /order by id for update/.test(q)).length;

  it('share transactions, and each is answered as if it had been sent alone', async () => {
    const ms = await Promise.all(Array.from({ length: 20 }, () => f.machine()));
    statements = [];
    // Every machine twice, all at once: one raise and one repeat each.
    const answers = await Promise.all([...ms, ...ms].map((m) => post(gateway.token, m.id)));
    expect(locks()).toBeLessThan(answers.length);
    for (const m of ms) {
      const mine = answers.filter((a, i) => [...ms, ...ms][i]!.id === m.id);
      expect(mine.map((a) => a.status).sort()).toEqual([200, 201]);
      expect(mine.map((a) => a.body.repeatCount).sort()).toEqual([1, 2]);
      expect(mine[0]!.body.id).toBe(mine[1]!.body.id);
      const s = await stored(m.id);
      expect(s.status).toBe(MachineStatus.WARNING);
      expect(s.events).toEqual([E.WARNING_RAISED, `${E.STATUS_CHANGED} OK WARNING`]);
      expect(s.warnings).toEqual([
        { code: 'TEMP_HIGH', message: 'Temperature high', repeatCount: 2, active: true },
      ]);
    }
  });

  it('with Idempotency-Keys they still share transactions; each key keeps its own answer', async () => {
    const ms = await Promise.all(Array.from({ length: 20 }, () => f.machine()));
    const keys = ms.map(() => randomUUID());
    const send = (i: number) =>
      rest<{ id: string; repeatCount: number } & Partial<ErrorBody>>(
        t,
        'POST',
        `/api/machines/${ms[i]!.id}/warnings/`,
        {
          token: gateway.token,
          headers: { 'Idempotency-Key': keys[i]! },
          body: { code: 'TEMP_HIGH', message: 'Temperature high' },
        },
      );
    statements = [];
    // Every message once, and the first one three times at once with its key.
    const answers = await Promise.all([0, 0, ...ms.keys()].map(send));
    expect(locks()).toBeLessThan(ms.length);
    const first = answers.slice(0, 3);
    const executed = first.filter(
      (a) => a.status === 201 && a.headers.get('idempotent-replayed') === null,
    );
    expect(executed).toHaveLength(1);
    for (const a of first) {
      if (a === executed[0]) continue;
      if (a.status === 409) expect(a.body.error?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      else expect([a.status, a.body.id]).toEqual([201, executed[0]!.body.id]);
    }
    for (const [i, m] of ms.entries()) {
      expect((await stored(m.id)).warnings).toEqual([
        { code: 'TEMP_HIGH', message: 'Temperature high', repeatCount: 1, active: true },
      ]);
      expect(await t.em().count(IdempotencyKey, { key: keys[i]! })).toBe(1);
      // A retry replays the stored answer and writes nothing.
      const retry = await send(i);
      expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(retry.body.repeatCount).toBe(1);
    }
  });

  it('a refused message in a group is refused alone; the others are written', async () => {
    const hallA = await f.building();
    const inA = await f.machine({ building: hallA });
    const inB = await f.machine();
    const limited = await createApiClient(t, team.manager.token, ['WARNINGS_WRITE'], [hallA.id]);
    const [ok, foreign, unknown, badCode] = await Promise.all([
      post(limited.token, inA.id),
      post(limited.token, inB.id),
      post(limited.token, randomUUID()),
      post(limited.token, inA.id, 'bad code'),
    ]);
    expect(ok.status).toBe(201);
    expect(foreign.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(badCode.status).toBe(400);
    expect((await stored(inA.id)).warnings).toEqual([
      { code: 'TEMP_HIGH', message: 'Temperature high', repeatCount: 1, active: true },
    ]);
    expect((await stored(inB.id)).events).toEqual([]);
  });

  it('clears sent at once by code are each answered with their warning', async () => {
    const ms = await Promise.all(Array.from({ length: 10 }, () => f.machine()));
    await apply(
      gateway.token,
      ms.map((m) => raise(m)),
    );
    const answers = await Promise.all(
      ms.map((m) =>
        rest<{ id: string; active: boolean }>(
          t,
          'DELETE',
          `/api/machines/${m.id}/warnings/?code=TEMP_HIGH`,
          { token: gateway.token },
        ),
      ),
    );
    for (const [i, a] of answers.entries()) {
      expect(a.status).toBe(200);
      expect(a.body.active).toBe(false);
      expect((await stored(ms[i]!.id)).status).toBe(MachineStatus.OK);
    }
  });
});
