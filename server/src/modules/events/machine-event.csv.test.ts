import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { createApiClient } from '../../testing/rest-client.js';
import type { Building } from '../buildings/building.entity.js';
import type { Machine } from '../machines/machine.entity.js';
import { Role } from '../users/user.role.js';
import { REPAIR_LOG_COLUMNS } from './machine-event.csv.js';

let t: TestServer;
let factory: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let otherRepair: TestUser;
let hall: Building;
let press: Machine;
let lathe: Machine;
let ownCase: string;
let foreignCase: string;

const HOSTILE = [
  '=HYPERLINK("http://evil.example","Click")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  "=cmd|' /C calc'!A0",
];

async function gql<T>(who: TestUser, query: string, variables: Record<string, unknown> = {}) {
  return expectData(await t.gql<T>(query, variables, { token: who.token }));
}

beforeAll(async () => {
  t = await startTestServer();
  factory = new Factory(t);
  team = await factory.team();
  otherRepair = await factory.user(Role.REPAIR);
  hall = await factory.building('Halle Süd');
  press = await factory.machine({ building: hall, name: 'Presse "7", links' });
  lathe = await factory.machine({ building: hall, name: 'Drehbank Müller' });
  for (const message of HOSTILE) {
    const { raiseWarning } = await gql<{ raiseWarning: { id: string } }>(
      team.technician,
      'mutation ($m: ID!, $msg: String!) { raiseWarning(input: { machineId: $m, message: $msg }) { id } }',
      { m: press.id, msg: message },
    );
    await gql(team.technician, 'mutation ($id: ID!) { clearWarning(id: $id) { id } }', {
      id: raiseWarning.id,
    });
  }
  const open = async (machine: Machine, assignee: TestUser) => {
    const { openFaultCase } = await gql<{ openFaultCase: { id: string } }>(
      team.manager,
      'mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Leak, \\"big\\"\\nsecond line", severity: HIGH }) { id } }',
      { m: machine.id },
    );
    await gql(
      team.manager,
      'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
      { id: openFaultCase.id, a: assignee.user.id },
    );
    return openFaultCase.id;
  };
  ownCase = await open(lathe, team.repair);
  foreignCase = await open(press, otherRepair);
});
afterAll(() => t.close());

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  rows: string[][];
  json: { error: { code: string; details?: Record<string, unknown> } } | null;
}

async function download(who: { token: string } | null, query = ''): Promise<Download> {
  const res = await fetch(`${t.url}/api/events.csv${query}`, {
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
  });
  // Not res.text(): its UTF-8 decoding drops the byte order mark this test looks for.
  const bytes = Buffer.from(await res.arrayBuffer());
  const isCsv = res.headers.get('content-type')?.startsWith('text/csv') ?? false;
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    rows: isCsv ? parseCsv(bytes.subarray(3).toString('utf8')) : [],
    json: isCsv ? null : (JSON.parse(bytes.toString('utf8')) as Download['json']),
  };
}

/** RFC 4180, strictly: a reader independent of the writer, so the two check each other. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error('unterminated quoted field');
        cell += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          cell += '"';
          i += 1;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      const stop = end === -1 ? text.length : i + end;
      cell = text.slice(i, stop);
      if (cell.includes('"') || cell.includes('\n')) throw new Error(`bare quote or LF: ${cell}`);
      i = stop;
    }
    row.push(cell);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`garbage after a field at ${i}`);
  }
  if (row.length) throw new Error('last record without CRLF');
  return rows;
}

const column = (name: (typeof REPAIR_LOG_COLUMNS)[number]) => REPAIR_LOG_COLUMNS.indexOf(name);

async function eventIds(who: TestUser, filter: Record<string, unknown>): Promise<string[]> {
  const { machineEvents } = await gql<{ machineEvents: { nodes: { id: string }[] } }>(
    who,
    'query ($f: MachineEventFilter) { machineEvents(filter: $f, first: 100) { nodes { id } } }',
    { f: filter },
  );
  return machineEvents.nodes.map((n) => n.id);
}

describe('GET /api/events.csv', () => {
  it('a manager downloads the whole log: BOM, header, newest first, the query’s rows', async () => {
    const res = await download(team.manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="repair-log-start-${today}.csv"`,
    );
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = res.rows;
    expect(header).toEqual([...REPAIR_LOG_COLUMNS]);
    expect(rows.map((r) => r[column('event_id')])).toEqual(await eventIds(team.manager, {}));
    for (const row of rows) expect(row).toHaveLength(REPAIR_LOG_COLUMNS.length);
  });

  it('quotes per RFC 4180, keeps accents, and neutralises formula-like text', async () => {
    const res = await download(team.manager, `?machineIds=${press.id}`);
    const rows = res.rows.slice(1);
    expect(new Set(rows.map((r) => r[column('machine')]))).toEqual(new Set(['Presse "7", links']));
    expect(new Set(rows.map((r) => r[column('building')]))).toEqual(new Set(['Halle Süd']));
    expect(res.bytes.toString('utf8')).toContain('"Presse ""7"", links"');
    const warnings = rows
      .filter((r) => r[column('event')] === 'WARNING_RAISED')
      .map((r) => r[column('summary')]);
    expect(warnings.sort()).toEqual(HOSTILE.map((text) => `'${text}`).sort());
    const opened = rows.find((r) => r[column('event')] === 'FAULT_OPENED')!;
    expect(opened[column('summary')]).toBe('Leak, "big"\nsecond line');
    expect(opened[column('severity')]).toBe('HIGH');
    expect(opened[column('fault_case_id')]).toBe(foreignCase);
    expect(opened[column('actor')]).toBe(team.manager.user.name);
    expect(opened[column('actor_kind')]).toBe('USER');
    expect(opened[column('time')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('filters like the query: types, actors, time and the file name', async () => {
    const from = '2000-01-01T00:00:00Z';
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const query =
      `?types=warning_raised,WARNING_CLEARED&actorIds=${team.technician.user.id}` +
      `&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const res = await download(team.manager, query);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="repair-log-2000-01-01-${to.slice(0, 10)}.csv"`,
    );
    const rows = res.rows.slice(1);
    expect(rows).toHaveLength(HOSTILE.length * 2);
    expect(new Set(rows.map((r) => r[column('actor')]))).toEqual(
      new Set([team.technician.user.name]),
    );
    expect(rows.map((r) => r[column('event_id')])).toEqual(
      await eventIds(team.manager, {
        types: ['WARNING_RAISED', 'WARNING_CLEARED'],
        actorIds: [team.technician.user.id],
        from,
        to,
      }),
    );
    // Repeated parameters are the same as a comma list.
    const repeated = await download(
      team.manager,
      `?types=WARNING_RAISED&types=WARNING_CLEARED&actorIds=${team.technician.user.id}`,
    );
    expect(repeated.rows).toEqual(res.rows);
  });

  it('repair staff get what the query gives them: fault events of their own cases only', async () => {
    const res = await download(team.repair);
    expect(res.status).toBe(200);
    const rows = res.rows.slice(1);
    const cases = new Set(rows.map((r) => r[column('fault_case_id')]).filter(Boolean));
    expect(cases).toEqual(new Set([ownCase]));
    expect(res.bytes.toString('utf8')).not.toContain(foreignCase);
    expect(rows.map((r) => r[column('event_id')])).toEqual(await eventIds(team.repair, {}));
  });

  it('anonymous: 401; an API client: 403; a display link: 403 — as JSON errors', async () => {
    const anonymous = await download(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json?.error.code).toBe('UNAUTHENTICATED');
    const client = await createApiClient(t, team.manager.token, ['MACHINES_READ']);
    const asClient = await download(client);
    expect(asClient.status).toBe(403);
    expect(asClient.json?.error.code).toBe('FORBIDDEN');
    const { createDisplayLink } = await gql<{ createDisplayLink: { token: string } }>(
      team.manager,
      'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }',
      { input: { name: 'Süd wall', buildingIds: [hall.id] } },
    );
    const asDisplay = await download(createDisplayLink);
    expect(asDisplay.status).toBe(403);
    expect(asDisplay.json?.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['?machineIds=nope', 'machineIds'],
    [`?buildingIds=${'x'.repeat(36)}`, 'buildingIds'],
    ['?actorIds=1,2', 'actorIds'],
    ['?types=EXPLODED', 'types'],
    ['?from=yesterday', 'from'],
    ['?to=2026-13-45T00:00:00Z', 'to'],
    ['?from=2026-11-01T00:00:00', 'from'],
    ['?from=2026-11-01T00:00:00Z&from=2026-11-02T00:00:00Z', 'from'],
    ['?machineIds=%00', 'machineIds'],
  ])('%s: 400 BAD_USER_INPUT naming the parameter', async (query, field) => {
    const res = await download(team.manager, query);
    expect(res.status).toBe(400);
    expect(res.json?.error.code).toBe('BAD_USER_INPUT');
    expect(res.json?.error.details).toMatchObject({ field, in: 'query' });
  });

  it('streams past one cursor chunk in order (5,000 more events)', async () => {
    const machine = await factory.machine({ building: hall });
    await t.em().execute(
      `insert into machine_events (machine_id, building_id, type, at, data)
       select ?, ?, 'MACHINE_UPDATED', now(), jsonb_build_object('n', n)
         from generate_series(1, 5000) as n`,
      [machine.id, hall.id],
    );
    const res = await download(team.manager, `?machineIds=${machine.id}`);
    const ids = res.rows.slice(1).map((r) => Number(r[column('event_id')]));
    expect(ids).toHaveLength(5000);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
