import type { ReliabilityFiguresRowFragment, Severity } from '#lib/graphql/generated/graphql.ts';
import {
  formatDate,
  formatDuration,
  formatNumber,
  formatPercent,
  messages,
} from '#lib/messages.ts';
import type { CsvCell } from './csv.ts';
import type { Report } from './report.svelte.ts';

/** One cell as shown: its text, and where it leads if it is a link. */
export interface Cell {
  text: string;
  href?: string;
}

export interface HeadCell {
  label: string;
  /** The abbreviation spelled out (MTTA, MTTR…). */
  title?: string;
  numeric: boolean;
}

/**
 * A table of the report as the page shows it and as its CSV holds it. The CSV has the same
 * rows with plain numbers (seconds, percent) a spreadsheet can sum, and the severity split.
 */
export interface ReportTable {
  id: string;
  title: string;
  head: HeadCell[];
  rows: { key: string; cells: Cell[] }[];
  csvHeader: string[];
  csvRows: CsvCell[][];
  /** File name without the range, e.g. `machines`. */
  name: string;
}

type Figures = ReliabilityFiguresRowFragment;

const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const severityKey = (s: Severity) => s.toLowerCase() as Lowercase<Severity>;

export function duration(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined
    ? messages.reports.none
    : formatDuration(seconds * 1000);
}

export function availability(share: number | null | undefined): string {
  return share === null || share === undefined ? messages.reports.none : formatPercent(share);
}

function figureHead(): HeadCell[] {
  const c = messages.reports.columns;
  const e = messages.reports.explain;
  return [
    { label: c.cases, numeric: true },
    { label: c.repeats, numeric: true },
    { label: c.mtta, title: e.mtta, numeric: true },
    { label: c.mttr, title: e.mttr, numeric: true },
    { label: c.mtbf, title: e.mtbf, numeric: true },
    { label: c.downtime, title: e.downtime, numeric: true },
    { label: c.availability, title: e.availability, numeric: true },
    { label: c.warning, numeric: true },
  ];
}

function figureCells(f: Figures): Cell[] {
  return [
    { text: formatNumber(f.faultCases) },
    { text: formatNumber(f.repeatFailures) },
    { text: duration(f.mttaSeconds) },
    { text: duration(f.mttrSeconds) },
    { text: duration(f.mtbfSeconds) },
    { text: duration(f.downtimeSeconds) },
    { text: availability(f.availability) },
    { text: duration(f.warningSeconds) },
  ];
}

function figureCsvHeader(): string[] {
  const c = messages.reports.columns;
  const { seconds, percent } = messages.reports.csv;
  return [
    c.cases,
    ...SEVERITIES.map((s) => c[severityKey(s)]),
    c.repeats,
    seconds(c.mtta),
    seconds(c.mttr),
    seconds(c.mtbf),
    seconds(c.downtime),
    percent(c.availability),
    seconds(c.warning),
  ];
}

function figureCsv(f: Figures): CsvCell[] {
  return [
    f.faultCases,
    ...SEVERITIES.map((s) => f.casesBySeverity[severityKey(s)]),
    f.repeatFailures,
    f.mttaSeconds,
    f.mttrSeconds,
    f.mtbfSeconds,
    f.downtimeSeconds,
    f.availability === null || f.availability === undefined
      ? null
      : Math.round(f.availability * 100_000) / 1000,
    f.warningSeconds,
  ];
}

export function machinesTable(report: Report): ReportTable {
  const c = messages.reports.columns;
  return {
    id: 'machines',
    title: messages.reports.byMachine,
    name: 'machines',
    head: [
      { label: c.machine, numeric: false },
      { label: c.building, numeric: false },
      ...figureHead(),
    ],
    rows: report.machines.map(({ machine, figures }) => ({
      key: machine.id,
      cells: [
        { text: machine.name, href: `/m/${encodeURIComponent(machine.assetCode)}` },
        { text: machine.building.name },
        ...figureCells(figures),
      ],
    })),
    csvHeader: [c.machine, c.assetCode, c.building, ...figureCsvHeader()],
    csvRows: report.machines.map(({ machine, figures }) => [
      machine.name,
      machine.assetCode,
      machine.building.name,
      ...figureCsv(figures),
    ]),
  };
}

/** Per building, and all machines together as the last row. */
export function buildingsTable(report: Report): ReportTable {
  const c = messages.reports.columns;
  const all = messages.reports.overall;
  return {
    id: 'buildings',
    title: messages.reports.byBuilding,
    name: 'buildings',
    head: [{ label: c.building, numeric: false }, ...figureHead()],
    rows: [
      ...report.buildings.map(({ building, figures }) => ({
        key: building.id,
        cells: [{ text: building.name }, ...figureCells(figures)],
      })),
      { key: 'overall', cells: [{ text: all }, ...figureCells(report.overall)] },
    ],
    csvHeader: [c.building, ...figureCsvHeader()],
    csvRows: [
      ...report.buildings.map(({ building, figures }) => [building.name, ...figureCsv(figures)]),
      [all, ...figureCsv(report.overall)],
    ],
  };
}

export function weeksTable(report: Report): ReportTable {
  const c = messages.reports.columns;
  return {
    id: 'weeks',
    title: messages.reports.byWeek,
    name: 'weeks',
    head: [{ label: c.week, numeric: false }, ...figureHead()],
    rows: report.weeks.map(({ weekStart, figures }) => ({
      key: weekStart,
      cells: [{ text: formatDate(weekStart) }, ...figureCells(figures)],
    })),
    csvHeader: [c.week, ...figureCsvHeader()],
    csvRows: report.weeks.map(({ weekStart, figures }) => [weekStart, ...figureCsv(figures)]),
  };
}

/** Cases by severity: all machines, then each building. */
export function severityTable(report: Report): ReportTable {
  const c = messages.reports.columns;
  const columns = [
    { label: messages.reports.overall, figures: report.overall },
    ...report.buildings.map((b) => ({ label: b.building.name, figures: b.figures })),
  ];
  return {
    id: 'severity',
    title: messages.reports.bySeverity,
    name: 'cases-by-severity',
    head: [
      { label: c.severity, numeric: false },
      ...columns.map((col) => ({ label: col.label, numeric: true })),
    ],
    rows: SEVERITIES.map((s) => ({
      key: s,
      cells: [
        { text: messages.severity[s] },
        ...columns.map((col) => ({
          text: formatNumber(col.figures.casesBySeverity[severityKey(s)]),
        })),
      ],
    })),
    csvHeader: [c.severity, ...columns.map((col) => col.label)],
    csvRows: SEVERITIES.map((s) => [
      messages.severity[s],
      ...columns.map((col) => col.figures.casesBySeverity[severityKey(s)]),
    ]),
  };
}

export type ChartUnit = 'seconds' | 'minutes' | 'hours';
const UNIT_SECONDS: Record<ChartUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };

/** The unit a chart's axis reads best in for durations up to `maxSeconds`. */
export function chartUnit(maxSeconds: number): { unit: ChartUnit; seconds: number } {
  const unit: ChartUnit =
    maxSeconds >= 2 * 3600 ? 'hours' : maxSeconds >= 120 ? 'minutes' : 'seconds';
  return { unit, seconds: UNIT_SECONDS[unit] };
}

/** Machines with downtime, the most first, with the running share of all downtime (Pareto). */
export function pareto(
  report: Report,
  limit = 20,
): { name: string; seconds: number; cumulative: number }[] {
  const down = report.machines
    .filter((m) => m.figures.downtimeSeconds > 0)
    .toSorted((a, b) => b.figures.downtimeSeconds - a.figures.downtimeSeconds);
  const total = down.reduce((sum, m) => sum + m.figures.downtimeSeconds, 0);
  let running = 0;
  return down.slice(0, limit).map((m) => {
    running += m.figures.downtimeSeconds;
    return {
      name: m.machine.name,
      seconds: m.figures.downtimeSeconds,
      cumulative: total ? running / total : 0,
    };
  });
}
