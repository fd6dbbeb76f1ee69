import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Building } from '../buildings/building.entity.js';
import { Machine } from '../machines/machine.entity.js';
import type {
  BuildingReliability,
  MachineReliability,
  ReliabilityFigures,
  ReliabilityReport,
  WeeklyReliability,
} from './reliability-report.types.js';

export interface ReliabilityReportInput {
  from: Date;
  to: Date;
  buildingIds?: string[] | null;
  machineIds?: string[] | null;
  timeZone?: string | null;
}

/** A report reads a year of a fleet's history in well under a second; three years is the cap. */
export const MAX_REPORT_RANGE_DAYS = 3 * 366;
const MAX_IDS = 500;

/**
 * The sums one (machine, week) cell contributes; every figure of every row of the report is
 * a function of such sums, so PostgreSQL adds them up per machine, building, week and overall
 * in one pass (grouping sets) and Node only divides.
 */
interface SumsRow {
  kind: number;
  machine_id: string | null;
  building_id: string | null;
  week_start: Date | string | null;
  observed: number | null;
  down: number | null;
  warn: number | null;
  failures: number | null;
  cases: number | null;
  low: number | null;
  medium: number | null;
  high: number | null;
  critical: number | null;
  repeats: number | null;
  ack_sum: number | null;
  ack_n: number | null;
  res_sum: number | null;
  res_n: number | null;
}

/** `grouping(machine_id, building_id, week_start)`: 0 marks a column the row groups by. */
const BY_MACHINE = 0b011;
const BY_BUILDING = 0b101;
const BY_WEEK = 0b110;
const OVERALL = 0b111;

/**
 * The report in one statement. Status intervals come from the event log: each machine's
 * status at the start of its observed span (the last STATUS_CHANGED at or before it; OK when
 * none, as every machine starts OK), then every change inside the span; each lasts until the
 * next change or the end of the span. The observed span is [created, archived) clipped to
 * [from, end). Intervals are cut at week boundaries (Monday 00:00 in the time zone), so each
 * (machine, week) cell holds its own clipped seconds.
 */
const REPORT_SQL = `
with params as (
  select ?::timestamptz as t0, ?::timestamptz as t1, ?::text as tz,
         ?::uuid[] as machine_ids, ?::uuid[] as building_ids
),
weeks as (
  select w as local_start,
         greatest((w at time zone p.tz), p.t0) as ws,
         least(((w + interval '1 week') at time zone p.tz), p.t1) as we
    from params p,
         generate_series(date_trunc('week', p.t0 at time zone p.tz),
                         p.t1 at time zone p.tz, interval '1 week') as w
   where (w at time zone p.tz) < p.t1
),
observed_machines as (
  select m.id, m.building_id,
         greatest(m.created_at, p.t0) as o0,
         least(coalesce(m.archived_at, 'infinity'::timestamptz), p.t1) as o1
    from machines m, params p
   where m.created_at < p.t1
     and (m.archived_at is null or m.archived_at > p.t0)
     and (p.machine_ids is null or m.id = any(p.machine_ids))
     and (p.building_ids is null or m.building_id = any(p.building_ids))
),
changes as (
  select om.id as machine_id, om.o0 as at, 0::bigint as event_id,
         coalesce(before.to_status::text, 'OK') as status
    from observed_machines om
    left join lateral (
      select e.to_status from machine_events e
       where e.machine_id = om.id and e.type = 'STATUS_CHANGED' and e.at <= om.o0
       order by e.at desc, e.id desc limit 1
    ) before on true
  union all
  select e.machine_id, e.at, e.id, e.to_status::text
    from observed_machines om
    join machine_events e
      on e.machine_id = om.id and e.type = 'STATUS_CHANGED' and e.at > om.o0 and e.at < om.o1
),
intervals as (
  select c.machine_id, c.status, c.event_id, c.at as s,
         coalesce(lead(c.at) over (partition by c.machine_id order by c.at, c.event_id), om.o1) as e
    from changes c join observed_machines om on om.id = c.machine_id
),
status_cells as (
  select i.machine_id, w.local_start,
         sum(extract(epoch from least(i.e, w.we) - greatest(i.s, w.ws)))
           filter (where i.status = 'FAULT') as down,
         sum(extract(epoch from least(i.e, w.we) - greatest(i.s, w.ws)))
           filter (where i.status = 'WARNING') as warn,
         count(*) filter (where i.status = 'FAULT' and i.event_id > 0 and i.s >= w.ws) as failures
    from intervals i
    cross join params p
    cross join lateral generate_series(
      date_trunc('week', i.s at time zone p.tz),
      date_trunc('week', i.e at time zone p.tz), interval '1 week') as touched
    join weeks w on w.local_start = touched
   where i.e > i.s and i.s < w.we and i.e > w.ws
   group by 1, 2
),
acknowledgements as (
  select e.fault_case_id, min(e.at) as at
    from machine_events e, params p
   where e.type = 'FAULT_ACKNOWLEDGED' and e.at >= p.t0 and e.at < p.t1
   group by 1
),
case_cells as (
  select fc.machine_id, w.local_start,
         count(*) as cases,
         count(*) filter (where fc.severity = 'LOW') as low,
         count(*) filter (where fc.severity = 'MEDIUM') as medium,
         count(*) filter (where fc.severity = 'HIGH') as high,
         count(*) filter (where fc.severity = 'CRITICAL') as critical,
         count(*) filter (where fc.repeat_of_id is not null) as repeats,
         sum(extract(epoch from a.at - fc.opened_at)) as ack_sum,
         count(a.at) as ack_n,
         sum(extract(epoch from fc.resolved_at - fc.opened_at))
           filter (where fc.resolved_at < p.t1) as res_sum,
         count(*) filter (where fc.resolved_at < p.t1) as res_n
    from fault_cases fc
    cross join params p
    join observed_machines om on om.id = fc.machine_id
    join weeks w on fc.opened_at >= w.ws and fc.opened_at < w.we
    left join acknowledgements a on a.fault_case_id = fc.id
   where fc.opened_at >= p.t0 and fc.opened_at < p.t1
   group by 1, 2
),
cells as (
  select om.id as machine_id, om.building_id, w.local_start,
         extract(epoch from least(om.o1, w.we) - greatest(om.o0, w.ws)) as observed
    from observed_machines om
    join weeks w on om.o0 < w.we and om.o1 > w.ws
)
select grouping(c.machine_id, c.building_id, w.local_start) as kind,
       c.machine_id, c.building_id,
       (w.local_start at time zone p.tz) as week_start,
       sum(c.observed)::float8 as observed,
       sum(sc.down)::float8 as down,
       sum(sc.warn)::float8 as warn,
       sum(sc.failures)::int as failures,
       sum(cc.cases)::int as cases,
       sum(cc.low)::int as low, sum(cc.medium)::int as medium,
       sum(cc.high)::int as high, sum(cc.critical)::int as critical,
       sum(cc.repeats)::int as repeats,
       sum(cc.ack_sum)::float8 as ack_sum, sum(cc.ack_n)::int as ack_n,
       sum(cc.res_sum)::float8 as res_sum, sum(cc.res_n)::int as res_n
  from weeks w
  cross join params p
  left join cells c on c.local_start = w.local_start
  left join status_cells sc on sc.machine_id = c.machine_id and sc.local_start = c.local_start
  left join case_cells cc on cc.machine_id = c.machine_id and cc.local_start = c.local_start
 group by grouping sets ((c.machine_id), (c.building_id), (w.local_start, p.tz), ())
`;

/**
 * MANAGER's reliability report: figures per machine, building, week and overall, computed
 * in PostgreSQL from the event log and the fault cases (README "Reliability reports").
 */
export class ReliabilityReportService {
  constructor(private readonly ctx: ServiceContext) {}

  async report(input: ReliabilityReportInput, now = new Date()): Promise<ReliabilityReport> {
    const { from, to, timeZone, machineIds, buildingIds } = validate(input);
    // A range reaching into the future ends now; one wholly in the future observes nothing.
    const end = new Date(Math.max(from.getTime(), Math.min(to.getTime(), now.getTime())));
    let rows: SumsRow[];
    try {
      rows = await this.ctx.em.execute<SumsRow[]>(REPORT_SQL, [
        from,
        end,
        timeZone,
        pgArray(machineIds),
        pgArray(buildingIds),
      ]);
    } catch (error) {
      // ICU and PostgreSQL ship their own zone tables; a name only ICU knows lands here.
      if ((error as { code?: string }).code === '22023')
        throw AppError.badInput('timeZone is not a time zone the database knows', {
          field: 'timeZone',
        });
      throw error;
    }

    const machineRows = rows.filter((r) => r.kind === BY_MACHINE && r.machine_id);
    const buildingRows = rows.filter((r) => r.kind === BY_BUILDING && r.building_id);
    const [machines, buildings] = await Promise.all([
      this.ctx.em.find(Machine, { id: { $in: machineRows.map((r) => r.machine_id!) } }),
      this.ctx.em.find(Building, { id: { $in: buildingRows.map((r) => r.building_id!) } }),
    ]);
    const machineById = new Map(machines.map((m) => [m.id, m]));
    const buildingById = new Map(buildings.map((b) => [b.id, b]));

    const machineReports: MachineReliability[] = machineRows.map((r) => ({
      machine: machineById.get(r.machine_id!)!,
      figures: figuresOf(r),
    }));
    machineReports.sort((a, b) => worstFirst(a.figures, b.figures, a.machine.name, b.machine.name));
    const buildingReports: BuildingReliability[] = buildingRows.map((r) => ({
      building: buildingById.get(r.building_id!)!,
      figures: figuresOf(r),
    }));
    buildingReports.sort((a, b) =>
      worstFirst(a.figures, b.figures, a.building.name, b.building.name),
    );
    const weeks: WeeklyReliability[] = rows
      .filter((r) => r.kind === BY_WEEK)
      .map((r) => ({ weekStart: new Date(r.week_start!), figures: figuresOf(r) }))
      .sort((a, b) => a.weekStart.getTime() - b.weekStart.getTime());
    const overallRow = rows.find((r) => r.kind === OVERALL);

    return {
      from,
      to: end,
      timeZone,
      repeatWindowSeconds: this.ctx.config.repeatFailureWindowHours * 3600,
      overall: overallRow ? figuresOf(overallRow) : figuresOf({} as SumsRow),
      buildings: buildingReports,
      machines: machineReports,
      weeks,
    };
  }
}

/**
 * A uuid[] parameter as PostgreSQL's array literal: the driver's `?` expands a JS array into
 * a list of values. The ids are validated uuids, so nothing in them needs quoting.
 */
function pgArray(ids: string[] | null): string | null {
  return ids ? `{${ids.join(',')}}` : null;
}

function worstFirst(
  a: ReliabilityFigures,
  b: ReliabilityFigures,
  aName: string,
  bName: string,
): number {
  return (
    b.downtimeSeconds - a.downtimeSeconds ||
    b.faultCases - a.faultCases ||
    aName.localeCompare(bName, 'en')
  );
}

function figuresOf(row: SumsRow): ReliabilityFigures {
  const observedSeconds = Math.round(row.observed ?? 0);
  const downtimeSeconds = Math.round(row.down ?? 0);
  const failures = row.failures ?? 0;
  const ackN = row.ack_n ?? 0;
  const resN = row.res_n ?? 0;
  return {
    faultCases: row.cases ?? 0,
    casesBySeverity: {
      low: row.low ?? 0,
      medium: row.medium ?? 0,
      high: row.high ?? 0,
      critical: row.critical ?? 0,
    },
    repeatFailures: row.repeats ?? 0,
    mttaSeconds: ackN > 0 ? Math.round((row.ack_sum ?? 0) / ackN) : null,
    mttrSeconds: resN > 0 ? Math.round((row.res_sum ?? 0) / resN) : null,
    mtbfSeconds: failures > 0 ? Math.round((observedSeconds - downtimeSeconds) / failures) : null,
    downtimeSeconds,
    warningSeconds: Math.round(row.warn ?? 0),
    observedSeconds,
    availability: observedSeconds > 0 ? 1 - downtimeSeconds / observedSeconds : null,
  };
}

interface ValidInput {
  from: Date;
  to: Date;
  timeZone: string;
  machineIds: string[] | null;
  buildingIds: string[] | null;
}

/** Every problem of the input at once, each under its field; nothing runs when one is found. */
function validate(input: ReliabilityReportInput): ValidInput {
  const problems: { field: string; message: string }[] = [];
  const { from, to } = input;
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTime(from)) problems.push({ field: 'from', message: 'from must be a valid time' });
  if (!isTime(to)) problems.push({ field: 'to', message: 'to must be a valid time' });
  if (isTime(from) && isTime(to)) {
    if (from.getTime() >= to.getTime())
      problems.push({ field: 'to', message: 'to must be after from' });
    else if (to.getTime() - from.getTime() > MAX_REPORT_RANGE_DAYS * 86_400_000)
      problems.push({
        field: 'to',
        message: `The range may span at most ${MAX_REPORT_RANGE_DAYS} days`,
      });
  }
  if (!isTimeZone(timeZone))
    problems.push({ field: 'timeZone', message: 'timeZone must be an IANA time zone name' });
  const ids = (field: 'machineIds' | 'buildingIds'): string[] | null => {
    const list = input[field];
    if (!list) return null;
    if (list.length > MAX_IDS) {
      problems.push({ field, message: `${field} may list at most ${MAX_IDS} ids` });
      return null;
    }
    try {
      return list.map((id) => assertUuid(id, field));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ field, message: error.message });
      return null;
    }
  };
  const machineIds = ids('machineIds');
  const buildingIds = ids('buildingIds');
  if (problems.length > 0) {
    throw AppError.badInput(problems.map((p) => p.message).join('; '), {
      field: problems[0]!.field,
      problems,
    });
  }
  return { from, to, timeZone, machineIds, buildingIds };
}

function isTime(value: Date | null | undefined): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** IANA names only: PostgreSQL would also take POSIX strings such as `UTC+3`, meaning UTC−3. */
function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name) || name.length > 64)
    return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
