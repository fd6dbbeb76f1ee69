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
 * The sums a row of the result carries; every figure is a function of them, so Node only
 * divides. `kind` says what the row adds up: one machine, one building, one week, or all.
 */
interface SumsRow {
  kind: 'machine' | 'building' | 'week' | 'overall';
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

/**
 * The report in one statement, without ever building status intervals. Each machine is
 * observed over [o0, o1): its creation (or `from`) to its archiving (or the end). Every
 * STATUS_CHANGED inside that span is a "mark" that leaves one status and enters another;
 * the status a machine has at o0 enters there, the one it has at o1 leaves there, and
 * observation itself enters at o0 and leaves at o1. With t the time of a mark, the time in
 * a status is then Σ(leave t) − Σ(enter t) — a plain sum over the marks, no sort, no window
 * over the log. For a week [a, b) the marks inside it are summed the same way, plus
 * N(b)·b − N(a)·a, with N(x) the machines in that status at x (the marks before x, summed).
 * Times are seconds since `from` (small doubles: sums stay exact far below a millisecond).
 *
 * The status before o0 and before o1 is one index lookup per machine (the partial covering
 * index on status changes); the marks inside come from the same index, without the table.
 */
const REPORT_SQL = `
with weeks as (
  select row_number() over (order by w) as week, (w at time zone @tz::text) as week_start,
         greatest((w at time zone @tz::text), @t0::timestamptz) as ws,
         least(((w + interval '1 week') at time zone @tz::text), @t1::timestamptz) as we
    from generate_series(date_trunc('week', @t0::timestamptz at time zone @tz::text),
                         @t1::timestamptz at time zone @tz::text, interval '1 week') as w
   where (w at time zone @tz::text) < @t1::timestamptz
),
week_starts as (select array_agg(ws order by week) as starts from weeks),
spans as (
  select m.id, m.building_id, o.o0, o.o1,
         coalesce((select e.to_status::text from machine_events e
                    where e.machine_id = m.id and e.type = 'STATUS_CHANGED' and e.at <= o.o0
                    order by e.at desc, e.id desc limit 1), 'OK') as s0,
         coalesce((select e.to_status::text from machine_events e
                    where e.machine_id = m.id and e.type = 'STATUS_CHANGED' and e.at < o.o1
                    order by e.at desc, e.id desc limit 1), 'OK') as s1
    from machines m
    cross join lateral (
      select greatest(m.created_at, @t0::timestamptz) as o0,
             least(coalesce(m.archived_at, 'infinity'::timestamptz), @t1::timestamptz) as o1
    ) o
   where m.created_at < @t1::timestamptz
     and (m.archived_at is null or m.archived_at > @t0::timestamptz)
     and (@machineIds::uuid[] is null or m.id = any(@machineIds::uuid[]))
     and (@buildingIds::uuid[] is null or m.building_id = any(@buildingIds::uuid[]))
),
acknowledgements as (
  select e.fault_case_id, min(e.at) as at
    from machine_events e
   where e.type = 'FAULT_ACKNOWLEDGED' and e.at >= @t0::timestamptz and e.at < @t1::timestamptz
   group by 1
),
facts as (
  select x.*, date_part('epoch', x.at - @t0::timestamptz) as t,
         -- A mark at the very end (a machine still observed then) is in no week.
         case when x.at < @t1::timestamptz then width_bucket(x.at, ws.starts) end as week
    from week_starts ws, (
      select s.id as machine_id, s.building_id, e.at,
             (e.to_status = 'FAULT')::int - (e.from_status = 'FAULT')::int as f,
             (e.to_status = 'WARNING')::int - (e.from_status = 'WARNING')::int as w,
             0 as o, (e.to_status = 'FAULT')::int as failure,
             0 as cases, 0 as low, 0 as medium, 0 as high, 0 as critical, 0 as repeats,
             null::float8 as ack_s, 0 as ack_n, null::float8 as res_s, 0 as res_n
        from spans s
        join machine_events e
          on e.machine_id = s.id and e.type = 'STATUS_CHANGED' and e.at > s.o0 and e.at < s.o1
      union all
      select id, building_id, o0, (s0 = 'FAULT')::int, (s0 = 'WARNING')::int, 1, 0,
             0, 0, 0, 0, 0, 0, null, 0, null, 0
        from spans
      union all
      select id, building_id, o1, -(s1 = 'FAULT')::int, -(s1 = 'WARNING')::int, -1, 0,
             0, 0, 0, 0, 0, 0, null, 0, null, 0
        from spans
      union all
      select s.id, s.building_id, fc.opened_at, 0, 0, 0, 0,
             1, (fc.severity = 'LOW')::int, (fc.severity = 'MEDIUM')::int,
             (fc.severity = 'HIGH')::int, (fc.severity = 'CRITICAL')::int,
             (fc.repeat_of_id is not null)::int,
             date_part('epoch', a.at - fc.opened_at), (a.at is not null)::int,
             case when fc.resolved_at < @t1::timestamptz then date_part('epoch', fc.resolved_at - fc.opened_at) end,
             (fc.resolved_at < @t1::timestamptz)::int
        from fault_cases fc
        join spans s on s.id = fc.machine_id
        left join acknowledgements a on a.fault_case_id = fc.id
       where fc.opened_at >= @t0::timestamptz and fc.opened_at < @t1::timestamptz
    ) x
),
sums as (
  select grouping(machine_id, building_id, week) as g, machine_id, building_id, week,
         sum(f * t) as tf, sum(w * t) as tw, sum(o * t) as tob,
         sum(f) as nf, sum(w) as nw, sum(o) as nob, sum(failure) as failures,
         sum(cases) as cases, sum(low) as low, sum(medium) as medium, sum(high) as high,
         sum(critical) as critical, sum(repeats) as repeats,
         sum(ack_s) as ack_sum, sum(ack_n) as ack_n, sum(res_s) as res_sum, sum(res_n) as res_n
    from facts
   group by grouping sets ((machine_id, building_id), (building_id), (week), ())
),
week_sums as (
  select w.week_start, w.ws, w.we, s.*,
         -- Machines in each status at the week's start: the marks of the weeks before it.
         coalesce(sum(s.nf) over before, 0) as nf0,
         coalesce(sum(s.nw) over before, 0) as nw0,
         coalesce(sum(s.nob) over before, 0) as nob0
    from weeks w
    left join sums s on s.g = 6 and s.week = w.week
  window before as (order by w.week rows between unbounded preceding and 1 preceding)
)
select 'week' as kind, null::uuid as machine_id, null::uuid as building_id, week_start,
       (nob0 + coalesce(nob, 0)) * date_part('epoch', we - @t0::timestamptz)
         - nob0 * date_part('epoch', ws - @t0::timestamptz) - coalesce(tob, 0) as observed,
       (nf0 + coalesce(nf, 0)) * date_part('epoch', we - @t0::timestamptz)
         - nf0 * date_part('epoch', ws - @t0::timestamptz) - coalesce(tf, 0) as down,
       (nw0 + coalesce(nw, 0)) * date_part('epoch', we - @t0::timestamptz)
         - nw0 * date_part('epoch', ws - @t0::timestamptz) - coalesce(tw, 0) as warn,
       failures::int, cases::int, low::int, medium::int, high::int, critical::int, repeats::int,
       ack_sum, ack_n::int, res_sum, res_n::int
  from week_sums
union all
select case g when 1 then 'machine' when 5 then 'building' else 'overall' end,
       machine_id, building_id, null, -tob, -tf, -tw, failures::int, cases::int, low::int,
       medium::int, high::int, critical::int, repeats::int, ack_sum, ack_n::int, res_sum,
       res_n::int
  from sums
 where g in (1, 5, 7)
`;

/** `@name` placeholders, each as often as needed, to the driver's positional `?`s. */
function positional(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for @${name}`);
    params.push(values[name]);
    return '?';
  });
  return [text, params];
}

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
      rows = await this.ctx.em.execute<SumsRow[]>(
        ...positional(REPORT_SQL, {
          t0: from,
          t1: end,
          tz: timeZone,
          machineIds: pgArray(machineIds),
          buildingIds: pgArray(buildingIds),
        }),
      );
    } catch (error) {
      // ICU and PostgreSQL ship their own zone tables; a name only ICU knows lands here.
      if ((error as { code?: string }).code === '22023')
        throw AppError.badInput('timeZone is not a time zone the database knows', {
          field: 'timeZone',
        });
      throw error;
    }

    const machineRows = rows.filter((r) => r.kind === 'machine' && r.machine_id);
    const buildingRows = rows.filter((r) => r.kind === 'building' && r.building_id);
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
      .filter((r) => r.kind === 'week')
      .map((r) => ({ weekStart: new Date(r.week_start!), figures: figuresOf(r) }))
      .sort((a, b) => a.weekStart.getTime() - b.weekStart.getTime());
    const overallRow = rows.find((r) => r.kind === 'overall');

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
