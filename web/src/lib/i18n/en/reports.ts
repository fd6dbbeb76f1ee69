import type { MachineEventType } from '#lib/graphql/generated/graphql.ts';

const events = (n: number) => (n === 1 ? '1 event' : `${n} events`);

const eventType = {
  FAULT_OPENED: 'Fault reported',
  FAULT_ASSIGNED: 'Case assigned',
  FAULT_ACKNOWLEDGED: 'Case acknowledged',
  FAULT_STARTED: 'Repair started',
  FAULT_NOTE_ADDED: 'Note added',
  FAULT_ATTACHMENT_ADDED: 'Photo added',
  FAULT_UPDATED: 'Case changed',
  FAULT_RESOLVED: 'Case resolved',
  FAULT_REOPENED: 'Case reopened',
  WARNING_RAISED: 'Warning raised',
  WARNING_CLEARED: 'Warning cleared',
  STATUS_CHANGED: 'Status changed',
  MACHINE_CREATED: 'Machine added',
  MACHINE_UPDATED: 'Machine changed',
  MACHINE_ARCHIVED: 'Machine archived',
  TECHNICIANS_ASSIGNED: 'Technicians changed',
} satisfies Record<MachineEventType, string>;

/** The repair log (/log). */
export const repairLog = {
  title: 'Repair log',
  intro: 'Everything that happened to the machines, newest first, with who and when.',
  loading: 'Loading the repair log…',
  loadFailed: 'The repair log could not be loaded.',
  empty: 'Nothing happened in these days.',
  noMatch: 'Nothing in the log matches these filters.',
  clearFilters: 'Clear filters',
  count: (shown: number, total: number) =>
    shown >= total ? events(total) : `${shown} of ${events(total)}`,
  loadingMore: 'Loading more…',
  moreFailed: 'More events could not be loaded.',
  download: 'Download CSV',
  downloading: 'Preparing the CSV…',
  downloadFailed: 'The CSV could not be downloaded.',
  downloadHint: 'All events under these filters, not only those shown.',
  eventType,
  openCase: 'Open the case',
  byNobody: 'Who did it is not shown to you',
  filters: {
    label: 'Filters',
    building: 'Building',
    allBuildings: 'All buildings',
    machine: 'Machine',
    allMachines: 'All machines',
    actor: 'Done by',
    anyone: 'Anyone',
    someone: 'The chosen person',
    inactive: (name: string) => `${name} (inactive)`,
    types: 'What happened',
    allTypes: 'All kinds of events',
    typesChosen: (n: number) => (n === 1 ? '1 kind chosen' : `${n} kinds chosen`),
    from: 'From',
    to: 'Until',
    toBeforeFrom: 'This day is before the first day.',
  },
};

/** The reliability report (/reports). */
export const reports = {
  title: 'Reliability report',
  loading: 'Computing the report…',
  loadFailed: 'The report could not be computed.',
  managersOnly: 'Reports are for managers only.',
  managersOnlyHint: 'Ask a manager for the figures, or open the repair log.',
  openLog: 'Open the repair log',
  range: {
    label: 'Period',
    from: 'From',
    to: 'Until',
    presets: 'Quick choice',
    week: 'Last week',
    fourWeeks: 'Last 4 weeks',
    quarter: 'Last quarter',
    toBeforeFrom: 'This day is before the first day.',
  },
  building: 'Building',
  allBuildings: 'All buildings',
  /** "1 Dec 2026 – 28 Dec 2026 · repeat window 72 h" */
  period: (from: string, to: string) => `${from} – ${to}`,
  /** The window is configured in whole hours; a whole number of days reads as days. */
  repeatWindow: (hours: number) =>
    `A case is a repeat failure when it opens within ${
      hours % 24 === 0
        ? `${hours / 24} ${hours === 24 ? 'day' : 'days'}`
        : `${hours} ${hours === 1 ? 'hour' : 'hours'}`
    } after the machine's previous case was resolved.`,
  openLogForRange: 'Repair log for this period',
  overall: 'All machines',
  byBuilding: 'By building',
  byMachine: 'By machine, worst first',
  byWeek: 'By week',
  bySeverity: 'Cases by severity',
  noMachines: 'No machine had anything in this period.',
  noCases: 'No fault cases in this period.',
  downloadCsv: 'CSV',
  downloadCsvOf: (table: string) => `Download “${table}” as CSV`,
  columns: {
    machine: 'Machine',
    assetCode: 'Asset code',
    building: 'Building',
    week: 'Week from',
    cases: 'Cases',
    critical: 'Critical',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    repeats: 'Repeat failures',
    mtta: 'MTTA',
    mttr: 'MTTR',
    mtbf: 'MTBF',
    downtime: 'Downtime',
    warning: 'Time in warning',
    availability: 'Availability',
    severity: 'Severity',
    share: 'Cumulative share',
  },
  /** Column titles spelled out (header tooltips and screen readers). */
  explain: {
    mtta: 'Mean time to acknowledge: from report to acknowledgement',
    mttr: 'Mean time to repair: from report to resolution',
    mtbf: 'Mean time between failures: time running between faults',
    downtime: 'Time in FAULT within the period',
    availability: 'Share of the period not in FAULT',
  },
  /** The CSV header names: plain, with units, so a spreadsheet can sum them. */
  csv: {
    seconds: (column: string) => `${column} (s)`,
    percent: (column: string) => `${column} (%)`,
  },
  none: '—',
  charts: {
    pareto: 'Downtime by machine',
    paretoHint: 'Bars: downtime per machine, worst first. Line: their cumulative share.',
    trend: 'MTTR and MTTA by week',
    trendHint: 'Per week the cases opened in.',
    severity: 'Cases by severity',
    units: { seconds: 'Seconds', minutes: 'Minutes', hours: 'Hours' },
    cumulative: 'Cumulative %',
    tableFallback: 'Show the figures as a table',
    failed: 'The charts could not be drawn; the tables below have every figure.',
    noDowntime: 'No downtime in this period.',
  },
};
