import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { rest } from '../../testing/rest-client.js';
import { connectSocket } from '../../testing/ws-client.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { generateApiToken } from '../api-clients/api-token.js';
import type { Building } from '../buildings/building.entity.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import type { Machine } from '../machines/machine.entity.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { FAULT_CASE_BOARD_FIELDS } from './fault-case.access.js';

/**
 * The read grid of fault cases, through every path that reaches one (SECURITY.md item 6).
 *
 * Whoever may see a machine sees its cases' board fields — what a tile shows: severity,
 * status, owner, the timer. The rest is the case's detail, for managers, technicians, the
 * assigned repair worker and the API client that reported it; anyone else gets FORBIDDEN in
 * each detail cell and no data, whichever path they took. The fields come from the schema,
 * so a new FaultCase field is in the grid without anyone remembering it.
 */
let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let otherRepair: TestUser;
let display: { token: string; id: string };
let sensor: { token: string; id: string };
let hall: Building;
let machine: Machine;
/** Opened by the manager, assigned to team.repair, acknowledged, with a note. */
let managers: string;
/** Opened by the sensor, unassigned. */
let sensors: string;
let eventsBefore: number;
let eventsWritten: number;

const SECRET = { description: 'SECRET-DESC-42', note: 'SECRET-NOTE-42', sensor: 'SENSOR-DESC-42' };

type Viewer = 'manager' | 'technician' | 'repair' | 'otherRepair' | 'display' | 'sensor';
const VIEWERS: Viewer[] = ['manager', 'technician', 'repair', 'otherRepair', 'display', 'sensor'];

function tokenOf(who: Viewer): string {
  if (who === 'otherRepair') return otherRepair.token;
  if (who === 'display') return display.token;
  if (who === 'sensor') return sensor.token;
  return team[who].token;
}

function as<T = Record<string, unknown>>(
  who: Viewer | 'anonymous',
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return t.gql<T>(query, variables, who === 'anonymous' ? {} : { token: tokenOf(who) });
}

/** Who may read the detail of each case (everyone else sees its board fields only). */
function readsDetail(who: Viewer, caseId: string): boolean {
  if (who === 'manager' || who === 'technician') return true;
  if (who === 'repair') return caseId === managers;
  if (who === 'sensor') return caseId === sensors;
  return false;
}

async function createApiClient(name: string, scopes: ApiScope[]) {
  const em = t.em();
  const { token, tokenHash, displayPrefix } = generateApiToken();
  const client = em.create(ApiClient, {
    name,
    tokenPrefix: displayPrefix,
    tokenHash,
    scopes,
    createdBy: em.getReference(User, team.manager.user.id),
  });
  await em.flush();
  return { token, id: client.id };
}

/** Every field of FaultCase, from the schema, with a minimal selection for object fields. */
let fields: { name: string; selection: string }[] = [];
let SEL = '';

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
  otherRepair = await f.user(Role.REPAIR);
  display = await createApiClient('Hall display', [ApiScope.MACHINES_READ]);
  sensor = await createApiClient('PLC gateway', [ApiScope.MACHINES_READ, ApiScope.FAULTS_WRITE]);
  hall = await f.building();
  machine = await f.machine({ building: hall });
  eventsBefore = await t.em().count(MachineEvent, {});

  const intro = expectData(
    await as<{
      __type: {
        fields: { name: string; type: { kind: string; name: string | null; ofType: unknown } }[];
      };
    }>(
      'manager',
      `{ __type(name: "FaultCase") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
    ),
  );
  fields = intro.__type.fields.map((field) => {
    let type = field.type as { kind: string; ofType?: unknown };
    while (type.kind === 'NON_NULL' || type.kind === 'LIST')
      type = type.ofType as { kind: string; ofType?: unknown };
    return {
      name: field.name,
      selection: type.kind === 'OBJECT' ? `${field.name} { __typename }` : field.name,
    };
  });
  SEL = ['__typename', ...fields.map((x) => x.selection)].join(' ');

  const opened = expectData(
    await as<{ openFaultCase: { id: string } }>(
      'manager',
      `mutation ($m: ID!, $d: String!) { openFaultCase(input: { machineId: $m, description: $d, severity: HIGH }) { id } }`,
      { m: machine.id, d: SECRET.description },
    ),
  );
  managers = opened.openFaultCase.id;
  expectData(
    await as(
      'manager',
      'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
      { id: managers, a: team.repair.user.id },
    ),
  );
  expectData(
    await as('repair', 'mutation ($id: ID!) { acknowledgeFaultCase(id: $id) { id } }', {
      id: managers,
    }),
  );
  expectData(
    await as(
      'repair',
      'mutation ($id: ID!, $b: String!) { addFaultNote(faultCaseId: $id, body: $b) { id } }',
      {
        id: managers,
        b: SECRET.note,
      },
    ),
  );
  const reported = expectData(
    await as<{ openFaultCase: { id: string } }>(
      'sensor',
      `mutation ($m: ID!, $d: String!) { openFaultCase(input: { machineId: $m, description: $d, severity: CRITICAL }) { id } }`,
      { m: machine.id, d: SECRET.sensor },
    ),
  );
  sensors = reported.openFaultCase.id;
  eventsWritten = (await t.em().count(MachineEvent, {})) - eventsBefore;
});
afterAll(() => t.close());

interface Found {
  path: (string | number)[];
  fc: Record<string, unknown>;
}

/** Every FaultCase object in a result (recognised by its __typename), with its path. */
function casesIn(value: unknown, path: (string | number)[] = []): Found[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => casesIn(v, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  const here: Found[] = obj.__typename === 'FaultCase' ? [{ path, fc: obj }] : [];
  return [
    ...here,
    ...Object.entries(obj).flatMap(([k, v]) =>
      k === '__typename' ? [] : casesIn(v, [...path, k]),
    ),
  ];
}

/** Notes and photos are people's working record: signed-in users only, on top of the detail rule. */
function readsCell(who: Viewer, caseId: string, field: string): boolean {
  if ((field === 'notes' || field === 'attachments') && (who === 'display' || who === 'sensor'))
    return false;
  return readsDetail(who, caseId);
}

const texts = (caseId: string) =>
  caseId === managers ? [SECRET.description, SECRET.note] : [SECRET.sensor];

/**
 * The grid's cell check for one response: each case shows its board fields; its detail is
 * there in full for those who may read it, else each detail cell is null with FORBIDDEN at
 * its own path; and no detail text of a case leaks anywhere in the answer.
 */
function expectCaseCells(who: Viewer, res: GqlResult, found: Found[]): void {
  const errorPaths = new Map(
    (res.errors ?? []).map((e) => [JSON.stringify(e.path), e.extensions?.code]),
  );
  for (const { path, fc } of found) {
    const id = fc.id as string;
    expect([managers, sensors]).toContain(id);
    for (const board of FAULT_CASE_BOARD_FIELDS) {
      if (!(board in fc)) continue;
      if (board === 'id' || board === 'status' || board === 'severity' || board === 'openedAt')
        expect(fc[board], `${who}: ${board} at ${path.join('.')}`).not.toBeNull();
      expect(errorPaths.has(JSON.stringify([...path, board]))).toBe(false);
    }
    if (id === managers && 'assignee' in fc) expect(fc.assignee).toEqual({ __typename: 'User' });
    for (const { name } of fields) {
      if (FAULT_CASE_BOARD_FIELDS.includes(name) || !(name in fc)) continue;
      const cell = JSON.stringify([...path, name]);
      if (readsCell(who, id, name)) {
        expect(errorPaths.get(cell), `${who} reads ${name} of ${id}`).toBeUndefined();
      } else {
        expect(fc[name], `${who}: ${name} at ${path.join('.')}`).toBeNull();
        expect(errorPaths.get(cell), `${who}: ${name} at ${path.join('.')}`).toBe('FORBIDDEN');
      }
    }
    if (readsDetail(who, id) && 'description' in fc) {
      expect(fc.description).toBe(id === managers ? SECRET.description : SECRET.sensor);
    }
  }
  const body = JSON.stringify(res);
  for (const id of [managers, sensors]) {
    if (readsDetail(who, id)) continue;
    for (const text of texts(id)) expect(body, `${who} must not read ${text}`).not.toContain(text);
  }
}

const NESTED_PATHS: { name: string; query: () => string; vars: () => Record<string, unknown> }[] = [
  {
    name: 'machine { openFaultCase }',
    query: () => `query ($id: ID!) { machine(id: $id) { id openFaultCase { ${SEL} } } }`,
    vars: () => ({ id: machine.id }),
  },
  {
    name: 'machine { unresolvedFaultCases }',
    query: () => `query ($id: ID!) { machine(id: $id) { id unresolvedFaultCases { ${SEL} } } }`,
    vars: () => ({ id: machine.id }),
  },
  {
    name: 'machines { nodes { unresolvedFaultCases openFaultCase } } (the board)',
    query: () =>
      `query ($b: [ID!]) { machines(filter: { buildingIds: $b, onlyAssignedToMe: false }) { nodes { id unresolvedFaultCases { ${SEL} } openFaultCase { ${SEL} } } } }`,
    vars: () => ({ b: [hall.id] }),
  },
  {
    name: 'machine(assetCode) { unresolvedFaultCases { machine { openFaultCase } } }',
    query: () =>
      `query ($c: String) { machine(assetCode: $c) { unresolvedFaultCases { id __typename machine { openFaultCase { ${SEL} } } } } }`,
    vars: () => ({ c: machine.assetCode }),
  },
];

describe('fault cases through nested paths: board fields for every reader, detail per case', () => {
  for (const path of NESTED_PATHS) {
    for (const who of VIEWERS) {
      it(`${path.name} as ${who}`, async () => {
        const res = await as(who, path.query(), path.vars());
        expect(res.data).toBeTruthy();
        const found = casesIn(res.data);
        // Both unresolved cases reach every reader of the machine (openFaultCase: the newest).
        expect(new Set(found.map((x) => x.fc.id))).toEqual(
          new Set(
            path.name.startsWith('machine { openFaultCase') ? [sensors] : [managers, sensors],
          ),
        );
        expectCaseCells(who, res, found);
        for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN');
      });
    }
    it(`${path.name} anonymously: UNAUTHENTICATED, no data`, async () => {
      const res = await as('anonymous', path.query(), path.vars());
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });
  }

  it('machineEvents { faultCase } (the repair log): the same cells; repair staff see their own cases only', async () => {
    // Every FaultCase field on each of 50 events: within the cost limit (5000) with room to grow.
    const query = `query ($m: [ID!]) { machineEvents(filter: { machineIds: $m }, first: 50) { nodes { id type data faultCase { ${SEL} } } } }`;
    for (const who of ['manager', 'technician', 'repair', 'otherRepair'] as const) {
      const res = await as<{ machineEvents: { nodes: { faultCase: unknown; data: unknown }[] } }>(
        who,
        query,
        { m: [machine.id] },
      );
      const found = casesIn(res.data);
      expectCaseCells(who, res, found);
      const ids = new Set(found.map((x) => x.fc.id));
      if (who === 'repair') expect(ids).toEqual(new Set([managers]));
      else if (who === 'otherRepair') expect(ids).toEqual(new Set());
      else expect(ids).toEqual(new Set([managers, sensors]));
    }
    for (const who of ['display', 'sensor'] as const) {
      expect(errorCode(await as(who, query, { m: [machine.id] }))).toBe('FORBIDDEN');
    }
  });

  it('faultCase(id) and faultCases: the case view itself stays whole or FORBIDDEN', async () => {
    const one = `query ($id: ID!) { faultCase(id: $id) { ${SEL} } }`;
    for (const who of VIEWERS) {
      for (const id of [managers, sensors]) {
        const res = await as(who, one, { id });
        const user = who !== 'display' && who !== 'sensor';
        if (user && readsDetail(who, id)) expectCaseCells(who, res, casesIn(res.data));
        else {
          expect(errorCode(res), `${who} faultCase(${id})`).toBe('FORBIDDEN');
          expect(res.data ?? null).toBeNull();
        }
      }
      // Every field of a case, times `first`, must stay under the document cost limit.
      const list = await as(who, `{ faultCases(first: 50) { nodes { ${SEL} } } }`);
      if (who === 'display' || who === 'sensor') {
        expect(errorCode(list)).toBe('FORBIDDEN');
        continue;
      }
      const found = casesIn(list.data);
      expectCaseCells(who, list, found);
      expect(found.every((x) => readsDetail(who, x.fc.id as string))).toBe(true);
    }
  });

  it('a note leads back to its case only for those who read the notes', async () => {
    const query = `query ($id: ID!) { faultCase(id: $id) { id notes { body faultCase { ${SEL} } } } }`;
    const mine = await as('repair', query, { id: managers });
    expectCaseCells('repair', mine, casesIn(mine.data));
    expect(JSON.stringify(mine.data)).toContain(SECRET.note);
    const res = await as(
      'otherRepair',
      `query ($id: ID!) { machine(id: $id) { unresolvedFaultCases { id notes { body faultCase { description } } } } }`,
      { id: machine.id },
    );
    expect(JSON.stringify(res)).not.toContain(SECRET.note);
    expect(JSON.stringify(res)).not.toContain(SECRET.description);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('the board list names real fields, and the grid covers every other field as detail', () => {
    const names = fields.map((x) => x.name);
    for (const board of FAULT_CASE_BOARD_FIELDS) expect(names).toContain(board);
    // Each of these is checked above as a FORBIDDEN cell for every reader without the detail;
    // a new field that is neither guarded nor listed as a board field fails those tests.
    expect(names.filter((n) => !FAULT_CASE_BOARD_FIELDS.includes(n))).toEqual(
      expect.arrayContaining(['description', 'notes', 'reportedBy', 'resolutionNote', 'version']),
    );
  });
});

describe('fault cases through the REST adapter', () => {
  it.each(VIEWERS)(
    'GET /api/machines/ as %s: 200 with the board fields of the open case, no detail',
    async (who) => {
      const res = await rest<{ items: { id: string; openFaultCase: Record<string, unknown> }[] }>(
        t,
        'GET',
        `/api/machines/?building=${hall.id}&assigned=any`,
        { token: tokenOf(who) },
      );
      expect(res.status).toBe(200);
      const [item] = res.body.items;
      expect(item!.openFaultCase).toMatchObject({ id: sensors, severity: 'CRITICAL' });
      for (const id of [managers, sensors]) {
        if (readsDetail(who, id)) continue;
        for (const text of texts(id)) expect(res.text).not.toContain(text);
      }
    },
  );
});

describe('fault cases in subscription payloads', () => {
  interface EventItem {
    machineEvents: {
      id: string;
      type: string;
      data: Record<string, unknown>;
      faultCase: Record<string, unknown> | null;
    };
  }

  /** Replays this file's fault events to `who`, so nothing depends on timing. */
  async function replay(who: Viewer) {
    const socket = connectSocket(t.url, tokenOf(who));
    try {
      const sub = socket.subscribe<EventItem>(
        `subscription ($since: ID, $m: [ID!]) { machineEvents(since: $since, machineIds: $m) { id type data faultCase { ${SEL} } } }`,
        { since: String(eventsBefore), m: [machine.id] },
      );
      return { sub, socket };
    } catch (error) {
      await socket.dispose();
      throw error;
    }
  }

  it.each(VIEWERS)('machineEvents(since) { data faultCase } as %s', async (who) => {
    const { sub, socket } = await replay(who);
    try {
      // Every board reader gets every fault event (a tile needs the severity and owner of
      // any case); what it may not read of a case is withheld below, not the event.
      const expected = eventsWritten;
      const items = await sub.waitFor(expected, 10_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(sub.items).toHaveLength(expected);
      for (const item of items) {
        const e = item.machineEvents;
        const caseId = (e.faultCase?.id as string | undefined) ?? null;
        const body = JSON.stringify(e);
        for (const id of [managers, sensors]) {
          if (readsDetail(who, id)) continue;
          for (const text of texts(id)) expect(body, `${who}: ${e.type}`).not.toContain(text);
        }
        if (caseId && !readsDetail(who, caseId)) {
          expect(e.faultCase!.severity).toBeTruthy();
          expect(e.faultCase!.description).toBeNull();
        }
        if (caseId && readsDetail(who, caseId) && e.type === 'FAULT_OPENED') {
          expect(e.data.description).toBe(caseId === managers ? SECRET.description : SECRET.sensor);
        }
        if (e.type === 'FAULT_ASSIGNED') expect(e.data.assigneeId).toBe(team.repair.user.id);
        // Every reader of the event reaches its case's board fields (a tile updates from them).
        if (e.type.startsWith('FAULT_')) expect(e.faultCase?.severity).toBeTruthy();
      }
      const errors = sub.errors as { extensions?: { code?: string } }[];
      for (const error of errors) expect(error.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await socket.dispose();
    }
  });

  it('an event of a case names who worked it only to readers of its detail (reportedBy, assignedBy … are detail)', async () => {
    const people = new Set([
      team.manager.user.name,
      team.repair.user.name,
      team.technician.user.name,
    ]);
    for (const who of ['display', 'sensor', 'manager'] as const) {
      const socket = connectSocket(t.url, tokenOf(who));
      try {
        const sub = socket.subscribe<{
          machineEvents: {
            id: string;
            type: string;
            actor: { name: string } | null;
            faultCase: { id: string } | null;
          };
        }>(
          `subscription ($since: ID, $m: [ID!]) { machineEvents(since: $since, machineIds: $m) { id type actor { name } faultCase { id } } }`,
          { since: String(eventsBefore), m: [machine.id] },
        );
        const items = await sub.waitFor(eventsWritten, 10_000);
        const errorPaths = (sub.errors as { path?: unknown[]; extensions?: { code?: string } }[])
          .filter((e) => e.path?.[1] === 'actor')
          .map((e) => e.extensions?.code);
        let hidden = 0;
        for (const { machineEvents: e } of items) {
          const caseId = e.faultCase?.id;
          if (!caseId || !e.type.startsWith('FAULT_')) continue;
          if (readsDetail(who, caseId)) {
            expect(e.actor, `${who} reads who did ${e.type}`).not.toBeNull();
          } else {
            expect(e.actor, `${who}: actor of ${e.type}`).toBeNull();
            hidden++;
          }
        }
        expect(errorPaths).toEqual(Array(hidden).fill('FORBIDDEN'));
        if (who !== 'manager') expect(hidden).toBeGreaterThan(0);
        // Nobody's name reaches a reader without the detail through a fault event.
        if (who === 'display') {
          for (const { machineEvents: e } of items)
            if (e.type.startsWith('FAULT_') && e.actor)
              expect(people.has(e.actor.name)).toBe(false);
        }
      } finally {
        await socket.dispose();
      }
    }
  });

  it('faultCaseChanged: repair staff get their own cases only; API tokens are refused', async () => {
    const query = `subscription { faultCaseChanged { ${SEL} } }`;
    const watchers = (['repair', 'otherRepair', 'technician'] as const).map((who) => {
      const socket = connectSocket(t.url, tokenOf(who));
      return {
        who,
        socket,
        sub: socket.subscribe<{ faultCaseChanged: Record<string, unknown> }>(query),
      };
    });
    const client = connectSocket(t.url, display.token);
    const refused = client.subscribe(query);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expectData(
        await as('repair', 'mutation ($id: ID!) { startRepair(id: $id) { id } }', { id: managers }),
      );
      const [, theirs, tech] = watchers;
      const [mine] = await watchers[0]!.sub.waitFor(1);
      expect(mine!.faultCaseChanged.description).toBe(SECRET.description);
      await tech!.sub.waitFor(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(theirs!.sub.items).toHaveLength(0);
      await refused.done;
      expect((refused.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe(
        'FORBIDDEN',
      );
    } finally {
      for (const w of watchers) await w.socket.dispose();
      await client.dispose();
    }
  });
});
