import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Coalescer, REPEAT_WINDOW_MS } from '../../events/warning-repeats.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { rest } from '../../testing/rest-client.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { connectSocket } from '../../testing/ws-client.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import type { Machine } from '../machines/machine.entity.js';
import { Warning } from './warning.entity.js';

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Subscribing is asynchronous on the server: give it time to register. */
const settle = () => sleep(150);
/** Longer than the coalescing window: each repeat then travels on its own. */
const apart = () => sleep(REPEAT_WINDOW_MS + 100);

const REPEATS = `subscription ($buildingIds: [ID!], $machineIds: [ID!]) {
  warningRepeated(buildingIds: $buildingIds, machineIds: $machineIds) {
    warningId machineId buildingId code repeatCount lastSeenAt
  }
}`;
interface Repeated {
  warningRepeated: {
    warningId: string;
    machineId: string;
    buildingId: string;
    code: string | null;
    repeatCount: number;
    lastSeenAt: string;
  };
}

async function apiToken(
  server: TestServer,
  scopes: string[],
  buildingIds?: string[],
): Promise<string> {
  const res = await server.gql<{ createApiClient: { token: string } }>(
    'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }',
    { input: { name: `gateway ${randomUUID().slice(0, 6)}`, scopes, buildingIds } },
    { token: team.manager.token },
  );
  return expectData(res).createApiClient.token;
}

/** Journey 1: the PLC gateway posts the condition by the press's asset code. */
async function sensorPost(server: TestServer, token: string, machine: Machine): Promise<number> {
  const res = await rest<{ repeatCount: number }>(
    server,
    'POST',
    `/api/machines/${machine.assetCode}/warnings/`,
    { token, body: { code: 'TEMP_HIGH', message: 'Oil temperature high' } },
  );
  expect([200, 201]).toContain(res.status);
  return res.body.repeatCount;
}

describe('warningRepeated', () => {
  it("shows a board each repeat's count and last-seen time rising, with no event row per repeat", async () => {
    const machine = await f.machine();
    const gateway = await apiToken(t, ['WARNINGS_WRITE', 'MACHINES_READ']);
    expect(await sensorPost(t, gateway, machine)).toBe(1);
    const eventsAfterRaise = await t.em().count(MachineEvent, { machine: machine.id });

    const socket = connectSocket(t.url, team.technician.token);
    const board = socket.subscribe<Repeated>(REPEATS, { machineIds: [machine.id] });
    await settle();
    for (let i = 0; i < 3; i++) {
      await apart();
      await sensorPost(t, gateway, machine);
    }
    const got = (await board.waitFor(3)).map((r) => r.warningRepeated);
    expect(board.errors).toEqual([]);
    const row = await t.em().findOneOrFail(Warning, { machine: machine.id, code: 'TEMP_HIGH' });
    expect(got.map((r) => r.repeatCount)).toEqual([2, 3, 4]);
    expect(got.every((r) => r.warningId === row.id && r.code === 'TEMP_HIGH')).toBe(true);
    expect(
      got.every((r) => r.machineId === machine.id && r.buildingId === machine.building.id),
    ).toBe(true);
    const seen = got.map((r) => Date.parse(r.lastSeenAt));
    expect(seen[1]!).toBeGreaterThan(seen[0]!);
    expect(seen[2]!).toBeGreaterThan(seen[1]!);
    expect(got.at(-1)!.lastSeenAt).toBe(row.lastSeenAt.toISOString());
    expect(row.repeatCount).toBe(4);
    // The log keeps the raise (and later the clear), never the repeats.
    expect(await t.em().count(MachineEvent, { machine: machine.id })).toBe(eventsAfterRaise);
    await socket.dispose();
  });

  it('coalesces a storm: never more frames than repeats, counts only rising, the final count last', async () => {
    const machine = await f.machine();
    const gateway = await apiToken(t, ['WARNINGS_WRITE', 'MACHINES_READ']);
    await sensorPost(t, gateway, machine);
    const socket = connectSocket(t.url, team.manager.token);
    const board = socket.subscribe<Repeated>(REPEATS, { machineIds: [machine.id] });
    await settle();
    const storm = 25;
    await Promise.all(Array.from({ length: storm }, () => sensorPost(t, gateway, machine)));
    const row = await t.em().findOneOrFail(Warning, { machine: machine.id, code: 'TEMP_HIGH' });
    expect(row.repeatCount).toBe(storm + 1);
    await expect
      .poll(() => board.items.at(-1)?.warningRepeated.repeatCount, { timeout: 5000 })
      .toBe(storm + 1);
    const counts = board.items.map((r) => r.warningRepeated.repeatCount);
    expect(counts.length).toBeLessThanOrEqual(storm);
    expect(counts.every((c, i) => i === 0 || c > counts[i - 1]!)).toBe(true);
    await socket.dispose();
  });

  it('applies scopes and read rules: building and machine filters, API-token building limits, the machines:read scope', async () => {
    const hallA = await f.building();
    const hallB = await f.building();
    const press = await f.machine({ building: hallA });
    const gateway = await apiToken(t, ['WARNINGS_WRITE', 'MACHINES_READ']);
    const inA = connectSocket(t.url, await apiToken(t, ['MACHINES_READ'], [hallA.id]));
    const inB = connectSocket(t.url, await apiToken(t, ['MACHINES_READ'], [hallB.id]));
    const noRead = connectSocket(t.url, await apiToken(t, ['WARNINGS_WRITE']));
    const people = connectSocket(t.url, team.repair.token);
    const subs = {
      tokenForA: inA.subscribe<Repeated>(REPEATS),
      tokenForB: inB.subscribe<Repeated>(REPEATS),
      hallA: people.subscribe<Repeated>(REPEATS, { buildingIds: [hallA.id] }),
      hallB: people.subscribe<Repeated>(REPEATS, { buildingIds: [hallB.id] }),
      otherMachine: people.subscribe<Repeated>(REPEATS, { machineIds: [randomUUID()] }),
    };
    const refused = noRead.subscribe<Repeated>(REPEATS);
    const malformed = people.subscribe<Repeated>(REPEATS, { machineIds: ['not-an-id'] });
    await settle();
    await sensorPost(t, gateway, press);
    await sensorPost(t, gateway, press);
    await subs.tokenForA.waitFor(1);
    await subs.hallA.waitFor(1);
    await sleep(REPEAT_WINDOW_MS + 200);
    expect(subs.tokenForA.items.map((r) => r.warningRepeated.repeatCount)).toEqual([2]);
    expect(subs.hallA.items.map((r) => r.warningRepeated.repeatCount)).toEqual([2]);
    expect(subs.tokenForB.items).toEqual([]);
    expect(subs.hallB.items).toEqual([]);
    expect(subs.otherMachine.items).toEqual([]);
    await refused.done;
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    await malformed.done;
    expect(JSON.stringify(malformed.errors)).toContain('BAD_USER_INPUT');
    for (const s of [inA, inB, noRead, people]) await s.dispose();
  });
});

describe('warningRepeated with EVENT_BUS=postgres', () => {
  it('reaches a subscriber of another server on the same database (NOTIFY)', async ({ skip }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: LISTEN/NOTIFY across connections');
    const db = await createTestDatabase();
    const env = { EVENT_BUS: 'postgres' };
    const a = await startTestServer({ testDatabase: db, env });
    const b = await startTestServer({ testDatabase: db, env });
    try {
      const fa = new Factory(a);
      const manager = await fa.user(team.manager.user.role);
      const machine = await fa.machine();
      const token = expectData(
        await a.gql<{ createApiClient: { token: string } }>(
          'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }',
          { input: { name: 'gateway', scopes: ['WARNINGS_WRITE', 'MACHINES_READ'] } },
          { token: manager.token },
        ),
      ).createApiClient.token;
      await sensorPost(a, token, machine);
      const eventsAfterRaise = await a.em().count(MachineEvent, { machine: machine.id });
      const socket = connectSocket(b.url, manager.token);
      const board = socket.subscribe<Repeated>(REPEATS, { buildingIds: [machine.building.id] });
      await settle();
      await sensorPost(a, token, machine);
      await apart();
      await sensorPost(a, token, machine);
      const got = (await board.waitFor(2)).map((r) => r.warningRepeated);
      expect(got.map((r) => r.repeatCount)).toEqual([2, 3]);
      expect(Date.parse(got[1]!.lastSeenAt)).toBeGreaterThan(Date.parse(got[0]!.lastSeenAt));
      expect(await a.em().count(MachineEvent, { machine: machine.id })).toBe(eventsAfterRaise);
      await socket.dispose();
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  }, 60_000);
});

describe('Coalescer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first value at once, then at most one per window: the newest', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const c = new Coalescer<number>(
      250,
      (next, current) => next > current,
      (v) => sent.push(v),
    );
    for (let n = 1; n <= 10; n++) c.offer('w', n);
    expect(sent).toEqual([1]);
    c.offer('w', 4); // late and older: dropped
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([1, 10]);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([1, 10]); // nothing new: the window closes quietly
    c.offer('w', 11);
    expect(sent).toEqual([1, 10, 11]); // a quiet key sends at once again
    c.offer('other', 1);
    expect(sent).toEqual([1, 10, 11, 1]); // keys are independent
    c.close();
  });

  it('forgets a held value when told (a cleared warning)', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const c = new Coalescer<number>(
      250,
      (next, current) => next > current,
      (v) => sent.push(v),
    );
    c.offer('w', 1);
    c.offer('w', 2);
    c.drop('w');
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
    c.close();
  });
});
