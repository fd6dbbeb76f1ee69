import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../common/actor.js';
import { createLogger } from '../../config/logger.js';
import { BackdatedWrites } from '../../db/backdated-writes.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { createApiClient } from '../../testing/rest-client.js';
import { Severity } from '../faults/fault-case.enums.js';
import { FaultCaseService } from '../faults/fault-case.service.js';
import { MachineService } from '../machines/machine.service.js';
import type { User } from '../users/user.entity.js';
import { WarningService } from '../warnings/warning.service.js';

/**
 * A plant with known timelines, written through the real services with back-dated times
 * (db/backdated-writes.ts), and the report's figures computed by hand below.
 *
 * B is a Monday 00:00 UTC three weeks before this week's Monday. The report's range is
 * [B+1d, B+15d): 14 days = 1,209,600 s, three weeks (UTC): [B+1d, B+7d) = 6 days,
 * [B+7d, B+14d) = 7 days, [B+14d, B+15d) = 1 day.
 *
 * Hall 1
 *   M1 "Press A", created B−2d.
 *     C1 (LOW) opened B+12h, acknowledged B+13h, resolved B+1d+6h: a fault spanning the range
 *       start; only its 6 h inside count (21,600 s). Opened before the range: not a case of
 *       the range, no failure in it.
 *     C2 (HIGH) opened B+2d, 42 h after C1's resolution (< 168 h): a REPEAT of C1.
 *       Acknowledged +600 s, started +900 s, resolved +7,200 s.
 *     downtime 21,600 + 7,200 = 28,800; failures 1 (C2);
 *     MTBF (1,209,600 − 28,800) / 1 = 1,180,800; MTTA 600; MTTR 7,200.
 *   M2 "Lathe B", created B−2d.
 *     Warning raised B+3d; C3 (MEDIUM) opened B+3d+1h while it is active (FAULT wins),
 *       acknowledged +1,800 s, resolved B+3d+3h (+7,200 s): back to WARNING; warning
 *       cleared B+3d+4h. Warning time 3,600 + 3,600 = 7,200; the overlap is downtime.
 *     C4 (CRITICAL) opened B+14d+12h, still open at the end: 12 h = 43,200 s inside.
 *       Not a repeat (C3 was resolved 273 h before).
 *     downtime 7,200 + 43,200 = 50,400; failures 2;
 *     MTBF (1,209,600 − 50,400) / 2 = 579,600; MTTA 1,800 (C4 never acknowledged);
 *     MTTR 7,200 (C4 unresolved).
 *   M3 "Mill C", created B−2d, ARCHIVED at B+6d: observed B+1d..B+6d = 432,000.
 *     C5 (LOW) opened B+5d, resolved +3,600 without acknowledgement (a quick reset).
 *     downtime 3,600; failures 1; MTBF (432,000 − 3,600) / 1 = 428,400; MTTA null; MTTR 3,600.
 * Hall 2
 *   M4 "Grinder D", created B+10d: observed B+10d..B+15d = 432,000; nothing happens:
 *     downtime 0, availability 1, MTBF null.
 *
 * Overall: observed 2 × 1,209,600 + 432,000 + 432,000 = 3,283,200; downtime 28,800 +
 * 50,400 + 3,600 = 82,800; warning 7,200; failures 4 → MTBF (3,283,200 − 82,800) / 4 =
 * 800,100; cases C2..C5 = 4 (one of each severity), 1 repeat; MTTA (600 + 1,800) / 2 =
 * 1,200; MTTR (7,200 + 7,200 + 3,600) / 3 = 6,000; availability 1 − 82,800 / 3,283,200.
 *
 * Weeks (UTC): [B+1d, B+7d): observed M1 518,400 + M2 518,400 + M3 432,000 = 1,468,800;
 *   downtime 28,800 + 7,200 + 3,600 = 39,600; warning 7,200; cases C2, C3, C5.
 * [B+7d, B+14d): observed 604,800 × 2 + M4 345,600 = 1,555,200; nothing else.
 * [B+14d, B+15d): observed 86,400 × 3 = 259,200; downtime 43,200 (C4); cases C4.
 */

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

let t: TestServer;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let B: Date;
const ids: Record<string, string> = {};

const at = (ms: number) => new Date(B.getTime() + ms);

function actorOf(user: User): UserActor {
  return { kind: 'user', id: user.id, role: user.role, name: user.name };
}

beforeAll(async () => {
  t = await startTestServer();
  const factory = new Factory(t);
  team = await factory.team();
  const h1 = await factory.building('Hall 1');
  const h2 = await factory.building('Hall 2');
  ids.h1 = h1.id;
  ids.h2 = h2.id;

  const now = new Date();
  const thisMonday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const weekday = (new Date(thisMonday).getUTCDay() + 6) % 7;
  B = new Date(thisMonday - weekday * DAY - 21 * DAY);

  const manager = actorOf(team.manager.user);
  const tech = actorOf(team.technician.user);
  const repair = actorOf(team.repair.user);
  const writes = await BackdatedWrites.open(t.em(), t.config, createLogger(t.config), now);
  const w = <T>(ms: number, write: (ctx: ServiceContext) => Promise<T>) => writes.at(at(ms), write);
  const machine = (ms: number, name: string, buildingId: string) =>
    w(ms, (ctx) =>
      new MachineService(ctx).create(manager, { name, buildingId, importance: 3 }),
    ).then((m) => m.id);
  const open = (ms: number, machineId: string, severity: Severity) =>
    w(ms, (ctx) =>
      new FaultCaseService(ctx).open(tech, { machineId, description: `Fault ${ms}`, severity }),
    ).then((fc) => fc.id);
  const assign = (ms: number, id: string) =>
    w(ms, (ctx) => new FaultCaseService(ctx).assign(manager, id, repair.id));
  const ack = (ms: number, id: string) =>
    w(ms, (ctx) => new FaultCaseService(ctx).acknowledge(repair, id));
  const start = (ms: number, id: string) =>
    w(ms, (ctx) => new FaultCaseService(ctx).startRepair(repair, id));
  const resolve = (ms: number, id: string) =>
    w(ms, (ctx) => new FaultCaseService(ctx).resolve(manager, id, 'Fixed'));

  ids.m1 = await machine(-2 * DAY, 'Press A', h1.id);
  ids.m2 = await machine(-2 * DAY + 1 * SECOND, 'Lathe B', h1.id);
  ids.m3 = await machine(-2 * DAY + 2 * SECOND, 'Mill C', h1.id);

  ids.c1 = await open(12 * HOUR, ids.m1, Severity.LOW);
  await assign(12 * HOUR + 60 * SECOND, ids.c1);
  await ack(13 * HOUR, ids.c1);
  await resolve(DAY + 6 * HOUR, ids.c1);

  ids.c2 = await open(2 * DAY, ids.m1, Severity.HIGH);
  await assign(2 * DAY + 60 * SECOND, ids.c2);
  await ack(2 * DAY + 600 * SECOND, ids.c2);
  await start(2 * DAY + 900 * SECOND, ids.c2);
  await resolve(2 * DAY + 7200 * SECOND, ids.c2);

  const warning = await w(3 * DAY, (ctx) =>
    new WarningService(ctx).raise(tech, { machineId: ids.m2!, message: 'Oil hot', code: 'T1' }),
  );
  ids.c3 = await open(3 * DAY + HOUR, ids.m2, Severity.MEDIUM);
  await assign(3 * DAY + HOUR + 60 * SECOND, ids.c3);
  await ack(3 * DAY + HOUR + 1800 * SECOND, ids.c3);
  await resolve(3 * DAY + 3 * HOUR, ids.c3);
  await w(3 * DAY + 4 * HOUR, (ctx) => new WarningService(ctx).clear(tech, { id: warning.id }));

  ids.c5 = await open(5 * DAY, ids.m3, Severity.LOW);
  await resolve(5 * DAY + HOUR, ids.c5);
  await w(6 * DAY, (ctx) => new MachineService(ctx).archive(manager, ids.m3!));

  ids.m4 = await machine(10 * DAY, 'Grinder D', h2.id);
  ids.c4 = await open(14 * DAY + 12 * HOUR, ids.m2, Severity.CRITICAL);
  await writes.close();
});
afterAll(() => t.close());

const FIGURES = `faultCases casesBySeverity { low medium high critical } repeatFailures
  mttaSeconds mttrSeconds mtbfSeconds downtimeSeconds warningSeconds observedSeconds availability`;
const REPORT = `query ($from: DateTimeISO!, $to: DateTimeISO!, $buildingIds: [ID!], $machineIds: [ID!], $timeZone: String) {
  reliabilityReport(from: $from, to: $to, buildingIds: $buildingIds, machineIds: $machineIds, timeZone: $timeZone) {
    from to timeZone repeatWindowSeconds
    overall { ${FIGURES} }
    buildings { building { id name } figures { ${FIGURES} } }
    machines { machine { id name archived } figures { ${FIGURES} } }
    weeks { weekStart figures { ${FIGURES} } }
  }
}`;

interface Figures {
  faultCases: number;
  casesBySeverity: { low: number; medium: number; high: number; critical: number };
  repeatFailures: number;
  mttaSeconds: number | null;
  mttrSeconds: number | null;
  mtbfSeconds: number | null;
  downtimeSeconds: number;
  warningSeconds: number;
  observedSeconds: number;
  availability: number | null;
}
interface Report {
  from: string;
  to: string;
  timeZone: string;
  repeatWindowSeconds: number;
  overall: Figures;
  buildings: { building: { id: string; name: string }; figures: Figures }[];
  machines: { machine: { id: string; name: string; archived: boolean }; figures: Figures }[];
  weeks: { weekStart: string; figures: Figures }[];
}

function report(
  who: { token: string } | null,
  variables: Record<string, unknown>,
): Promise<GqlResult<{ reliabilityReport: Report }>> {
  return t.gql(REPORT, variables, who ? { token: who.token } : {});
}

const range = () => ({ from: at(DAY).toISOString(), to: at(15 * DAY).toISOString() });

function figures(partial: Partial<Figures>): Figures {
  return {
    faultCases: 0,
    casesBySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
    repeatFailures: 0,
    mttaSeconds: null,
    mttrSeconds: null,
    mtbfSeconds: null,
    downtimeSeconds: 0,
    warningSeconds: 0,
    observedSeconds: 0,
    availability: null,
    ...partial,
  };
}

const severities = (low: number, medium: number, high: number, critical: number) => ({
  low,
  medium,
  high,
  critical,
});

describe('reliabilityReport over the known plant', () => {
  it('computes every figure of every machine to the second', async () => {
    const r = expectData(await report(team.manager, range())).reliabilityReport;
    expect(r.from).toBe(at(DAY).toISOString());
    expect(r.to).toBe(at(15 * DAY).toISOString());
    expect(r.timeZone).toBe('UTC');
    expect(r.repeatWindowSeconds).toBe(168 * 3600);
    expect(r.machines.map((m) => m.machine.name)).toEqual([
      'Lathe B',
      'Press A',
      'Mill C',
      'Grinder D',
    ]);
    const byName = Object.fromEntries(r.machines.map((m) => [m.machine.name, m.figures]));
    expect(byName['Press A']).toEqual(
      figures({
        faultCases: 1,
        casesBySeverity: severities(0, 0, 1, 0),
        repeatFailures: 1,
        mttaSeconds: 600,
        mttrSeconds: 7200,
        mtbfSeconds: 1_180_800,
        downtimeSeconds: 28_800,
        observedSeconds: 1_209_600,
        availability: 1 - 28_800 / 1_209_600,
      }),
    );
    expect(byName['Lathe B']).toEqual(
      figures({
        faultCases: 2,
        casesBySeverity: severities(0, 1, 0, 1),
        mttaSeconds: 1800,
        mttrSeconds: 7200,
        mtbfSeconds: 579_600,
        downtimeSeconds: 50_400,
        warningSeconds: 7200,
        observedSeconds: 1_209_600,
        availability: 1 - 50_400 / 1_209_600,
      }),
    );
    expect(byName['Mill C']).toEqual(
      figures({
        faultCases: 1,
        casesBySeverity: severities(1, 0, 0, 0),
        mttrSeconds: 3600,
        mtbfSeconds: 428_400,
        downtimeSeconds: 3600,
        observedSeconds: 432_000,
        availability: 1 - 3600 / 432_000,
      }),
    );
    expect(r.machines.find((m) => m.machine.name === 'Mill C')!.machine.archived).toBe(true);
    expect(byName['Grinder D']).toEqual(figures({ observedSeconds: 432_000, availability: 1 }));
  });

  it('adds the machines up per building and overall', async () => {
    const r = expectData(await report(team.manager, range())).reliabilityReport;
    const overall = figures({
      faultCases: 4,
      casesBySeverity: severities(1, 1, 1, 1),
      repeatFailures: 1,
      mttaSeconds: 1200,
      mttrSeconds: 6000,
      mtbfSeconds: 800_100,
      downtimeSeconds: 82_800,
      warningSeconds: 7200,
      observedSeconds: 3_283_200,
      availability: 1 - 82_800 / 3_283_200,
    });
    expect(r.overall).toEqual(overall);
    expect(r.buildings.map((b) => b.building.name)).toEqual(['Hall 1', 'Hall 2']);
    // Hall 1: everything but M4; its MTBF (2,851,200 − 82,800) / 4 = 692,100.
    expect(r.buildings[0]!.figures).toEqual({
      ...overall,
      observedSeconds: 2_851_200,
      mtbfSeconds: 692_100,
      availability: 1 - 82_800 / 2_851_200,
    });
    expect(r.buildings[1]!.figures).toEqual(figures({ observedSeconds: 432_000, availability: 1 }));
  });

  it('cuts the range into weeks from Monday 00:00, clipped to the range', async () => {
    const r = expectData(await report(team.manager, range())).reliabilityReport;
    expect(r.weeks.map((w) => w.weekStart)).toEqual([
      B.toISOString(),
      at(7 * DAY).toISOString(),
      at(14 * DAY).toISOString(),
    ]);
    expect(r.weeks.map((w) => w.figures)).toEqual([
      figures({
        faultCases: 3,
        casesBySeverity: severities(1, 1, 1, 0),
        repeatFailures: 1,
        mttaSeconds: 1200,
        mttrSeconds: 6000,
        // failures C2, C3, C5: (1,468,800 − 39,600) / 3 = 476,400
        mtbfSeconds: 476_400,
        downtimeSeconds: 39_600,
        warningSeconds: 7200,
        observedSeconds: 1_468_800,
        availability: 1 - 39_600 / 1_468_800,
      }),
      figures({ observedSeconds: 1_555_200, availability: 1 }),
      figures({
        faultCases: 1,
        casesBySeverity: severities(0, 0, 0, 1),
        mtbfSeconds: 259_200 - 43_200,
        downtimeSeconds: 43_200,
        observedSeconds: 259_200,
        availability: 1 - 43_200 / 259_200,
      }),
    ]);
  });

  it('weeks follow the time zone: in Berlin (UTC+1 in winter, +2 in summer) Monday begins earlier', async () => {
    const r = expectData(
      await report(team.manager, { ...range(), timeZone: 'Europe/Berlin' }),
    ).reliabilityReport;
    expect(r.timeZone).toBe('Europe/Berlin');
    const offsetHours = (B.getTime() - Date.parse(r.weeks[0]!.weekStart)) / HOUR;
    expect([1, 2]).toContain(offsetHours);
    // The last local week begins B+14d − offset, before the range's end: still three weeks.
    expect(r.weeks).toHaveLength(3);
    expect(r.weeks.reduce((sum, w) => sum + w.figures.observedSeconds, 0)).toBe(3_283_200);
    expect(r.overall.downtimeSeconds).toBe(82_800);
  });

  it('a still-open fault counts up to now when the range reaches past it', async () => {
    const future = new Date(Date.now() + DAY).toISOString();
    const r = expectData(
      await report(team.manager, {
        from: at(14 * DAY).toISOString(),
        to: future,
        machineIds: [ids.m2],
      }),
    ).reliabilityReport;
    const end = Date.parse(r.to);
    expect(end).toBeLessThanOrEqual(Date.now());
    expect(end).toBeGreaterThan(Date.now() - 60 * SECOND);
    const m2 = r.machines[0]!.figures;
    expect(m2.downtimeSeconds).toBe(Math.round((end - at(14 * DAY + 12 * HOUR).getTime()) / 1000));
    expect(m2.observedSeconds).toBe(Math.round((end - at(14 * DAY).getTime()) / 1000));
  });

  it('filters by building and by machine', async () => {
    const r = expectData(
      await report(team.manager, { ...range(), buildingIds: [ids.h2] }),
    ).reliabilityReport;
    expect(r.machines.map((m) => m.machine.name)).toEqual(['Grinder D']);
    expect(r.overall.observedSeconds).toBe(432_000);
    const m1 = expectData(
      await report(team.manager, { ...range(), machineIds: [ids.m1] }),
    ).reliabilityReport;
    expect(m1.machines.map((m) => m.machine.name)).toEqual(['Press A']);
    expect(m1.overall.downtimeSeconds).toBe(28_800);
  });

  it('a range before any machine existed has no machines and null means', async () => {
    const r = expectData(
      await report(team.manager, {
        from: at(-30 * DAY).toISOString(),
        to: at(-20 * DAY).toISOString(),
      }),
    ).reliabilityReport;
    expect(r.machines).toEqual([]);
    expect(r.buildings).toEqual([]);
    expect(r.overall).toEqual(figures({}));
    // Saturday B−30d to Tuesday B−20d: the weeks of Mondays B−35d, B−28d and B−21d.
    expect(r.weeks.map((w) => w.weekStart)).toEqual(
      [-35, -28, -21].map((d) => at(d * DAY).toISOString()),
    );
  });
});

describe('repeat failures', () => {
  it('the case opened within the window of the previous resolution names it; board fields only for others', async () => {
    const query = `query ($id: ID!) { faultCase(id: $id) { isRepeat repeatOf { id severity description } } }`;
    const asManager = expectData(
      await t.gql<{ faultCase: { isRepeat: boolean; repeatOf: Record<string, unknown> | null } }>(
        query,
        { id: ids.c2 },
        { token: team.manager.token },
      ),
    ).faultCase;
    expect(asManager).toEqual({
      isRepeat: true,
      repeatOf: { id: ids.c1, severity: 'LOW', description: `Fault ${12 * HOUR}` },
    });
    for (const id of [ids.c1, ids.c3, ids.c4, ids.c5]) {
      const fc = expectData(
        await t.gql<{ faultCase: { isRepeat: boolean; repeatOf: unknown } }>(
          query,
          { id },
          { token: team.manager.token },
        ),
      ).faultCase;
      expect(fc).toEqual({ isRepeat: false, repeatOf: null });
    }
  });

  it('a repair worker reads the repeated case of another worker with its board fields only', async () => {
    const factory = new Factory(t);
    const other = await factory.user(team.repair.user.role);
    const m = await factory.machine();
    const open = `mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Belt slips", severity: LOW }) { id } }`;
    const first = expectData(
      await t.gql<{ openFaultCase: { id: string } }>(
        open,
        { m: m.id },
        { token: team.manager.token },
      ),
    ).openFaultCase.id;
    await t.gql(
      `mutation ($id: ID!) { resolveFaultCase(id: $id, resolutionNote: "Tightened") { id } }`,
      { id: first },
      { token: team.manager.token },
    );
    const second = expectData(
      await t.gql<{ openFaultCase: { id: string } }>(
        open,
        { m: m.id },
        { token: team.manager.token },
      ),
    ).openFaultCase.id;
    await t.gql(
      `mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }`,
      { id: second, a: other.user.id },
      { token: team.manager.token },
    );
    const res = await t.gql<{
      faultCase: {
        isRepeat: boolean;
        repeatOf: { id: string; status: string; description: string | null };
      };
    }>(
      `query ($id: ID!) { faultCase(id: $id) { isRepeat repeatOf { id status description } } }`,
      { id: second },
      { token: other.token },
    );
    expect(res.data?.faultCase).toEqual({
      isRepeat: true,
      repeatOf: { id: first, status: 'RESOLVED', description: null },
    });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['faultCase.repeatOf.description', 'FORBIDDEN'],
    ]);
  });
});

describe('who may read the report', () => {
  it.each(['technician', 'repair'] as const)('%s: FORBIDDEN', async (who) => {
    const res = await report(team[who], range());
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it('anonymous: UNAUTHENTICATED', async () => {
    expect(errorCode(await report(null, range()))).toBe('UNAUTHENTICATED');
  });

  it('an API token, even with every scope: FORBIDDEN', async () => {
    const client = await createApiClient(t, team.manager.token, [
      'MACHINES_READ',
      'WARNINGS_WRITE',
      'FAULTS_WRITE',
    ]);
    expect(errorCode(await report(client, range()))).toBe('FORBIDDEN');
  });

  it('a display link: FORBIDDEN', async () => {
    const res = await t.gql<{ createDisplayLink: { token: string } }>(
      `mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }`,
      { input: { name: 'Hall 1 wall', buildingIds: [ids.h1] } },
      { token: team.manager.token },
    );
    expect(errorCode(await report(expectData(res).createDisplayLink, range()))).toBe('FORBIDDEN');
  });
});

describe('bad input', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    [
      'to before from',
      () => ({ from: at(2 * DAY).toISOString(), to: at(DAY).toISOString() }),
      'to',
    ],
    ['an empty range', () => ({ from: at(DAY).toISOString(), to: at(DAY).toISOString() }), 'to'],
    [
      'more than three years',
      () => ({ from: '2020-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }),
      'to',
    ],
    ['an unknown time zone', () => ({ ...range(), timeZone: 'Mars/Olympus' }), 'timeZone'],
    ['a POSIX zone string', () => ({ ...range(), timeZone: 'UTC+3' }), 'timeZone'],
    ['a malformed machine id', () => ({ ...range(), machineIds: ['nope'] }), 'machineIds'],
    ['a malformed building id', () => ({ ...range(), buildingIds: ['nope'] }), 'buildingIds'],
  ];
  it.each(cases)('%s: BAD_USER_INPUT naming the field', async (_, variables, field) => {
    const res = await report(team.manager, variables());
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect((res.errors![0]!.extensions!.details as { field: string }).field).toBe(field);
    expect(res.data).toBeNull();
  });
});
