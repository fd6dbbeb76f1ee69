import type { FaultStatus, Severity } from '#lib/graphql/generated/graphql.ts';

/**
 * The cases list's filters. They live in the URL, so a copied link reproduces the view:
 * `/cases?building=<id>&status=OPEN,ACKNOWLEDGED&severity=CRITICAL&assignee=none&from=2026-12-01&to=2026-12-07`.
 */
export interface CaseFilters {
  /** Building ids; empty: all. */
  buildings: string[];
  /** Case statuses; empty: all. */
  statuses: FaultStatus[];
  /** Severities; empty: all. */
  severities: Severity[];
  /** A repair worker's user id, "none" (nobody assigned yet) or null (anyone). */
  assignee: string | null;
  /** Opened on or after this day (`YYYY-MM-DD`, the person's own calendar); null: no limit. */
  from: string | null;
  /** Opened on or before this day, the whole day included; null: no limit. */
  to: string | null;
}

export const CASE_STATUSES: readonly FaultStatus[] = [
  'OPEN',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'RESOLVED',
];
export const UNRESOLVED: readonly FaultStatus[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS'];
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** The assignee value for "nobody is assigned yet" (the dispatcher's queue). */
export const UNASSIGNED = 'none';

export const EMPTY_CASE_FILTERS: CaseFilters = {
  buildings: [],
  statuses: [],
  severities: [],
  assignee: null,
  from: null,
  to: null,
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as `YYYY-MM-DD` that exists (no 31 February), else null. */
export function parseDay(value: string | null | undefined): string | null {
  const match = DAY.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d);
  const exists = date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
  return exists ? match[0] : null;
}

/** Known values of a comma-separated parameter, upper-cased, each once, in the canonical order. */
function pick<T extends string>(
  params: Pick<URLSearchParams, 'get'>,
  key: string,
  known: readonly T[],
): T[] {
  const given = new Set(
    (params.get(key) ?? '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  );
  return known.filter((value) => given.has(value));
}

/** The query string → filters; unknown values and impossible days are dropped. */
export function caseFiltersFromUrl(params: Pick<URLSearchParams, 'get'>): CaseFilters {
  const assignee = params.get('assignee')?.trim();
  return {
    buildings: [
      ...new Set(
        (params.get('building') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ],
    statuses: pick(params, 'status', CASE_STATUSES),
    severities: pick(params, 'severity', SEVERITIES),
    assignee: assignee || null,
    from: parseDay(params.get('from')),
    to: parseDay(params.get('to')),
  };
}

/** Filters → the query string (empty ones left out), e.g. `?status=OPEN&assignee=none`. */
export function caseFiltersToSearch(filters: CaseFilters): string {
  const params = new URLSearchParams();
  if (filters.buildings.length) params.set('building', filters.buildings.join(','));
  if (filters.statuses.length) {
    params.set('status', CASE_STATUSES.filter((s) => filters.statuses.includes(s)).join(','));
  }
  if (filters.severities.length) {
    params.set('severity', SEVERITIES.filter((s) => filters.severities.includes(s)).join(','));
  }
  if (filters.assignee) params.set('assignee', filters.assignee);
  const from = parseDay(filters.from);
  const to = parseDay(filters.to);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function hasCaseFilters(filters: CaseFilters): boolean {
  return caseFiltersToSearch(filters) !== '';
}

/** How many filters are set (for the folded filter panel's "2 active"). */
export function activeCaseFilters(filters: CaseFilters): number {
  return (
    Number(filters.buildings.length > 0) +
    Number(filters.statuses.length > 0) +
    Number(filters.severities.length > 0) +
    Number(filters.assignee !== null) +
    Number(filters.from !== null || filters.to !== null)
  );
}

/** Local midnight at the start of a day, `days` later. */
function startOfDay(day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days);
}

/** What the server's `FaultCaseFilter` is given for these filters. */
export interface ServerCaseFilter {
  buildingIds?: string[];
  statuses?: FaultStatus[];
  severities?: Severity[];
  assigneeId?: string;
  unassigned?: boolean;
  openedFrom?: string;
  openedTo?: string;
}

/**
 * The filters as the server's `FaultCaseFilter`. Days are the person's own calendar days:
 * "from 1 Dec to 7 Dec" means from local midnight of the 1st up to (not including) local
 * midnight of the 8th, so the last day counts whole.
 * A day range that runs backwards is sent as it is: the server answers BAD_USER_INPUT at
 * `openedTo`, and the page says so at the field.
 */
export function toServerFilter(filters: CaseFilters): ServerCaseFilter {
  const server: ServerCaseFilter = {};
  if (filters.buildings.length) server.buildingIds = [...filters.buildings];
  if (filters.statuses.length) server.statuses = [...filters.statuses];
  if (filters.severities.length) server.severities = [...filters.severities];
  if (filters.assignee === UNASSIGNED) server.unassigned = true;
  else if (filters.assignee) server.assigneeId = filters.assignee;
  const from = parseDay(filters.from);
  const to = parseDay(filters.to);
  if (from) server.openedFrom = startOfDay(from).toISOString();
  if (to) server.openedTo = startOfDay(to, 1).toISOString();
  return server;
}

/** The board fields of a case that the filters look at. */
export interface FilterableCase {
  status: FaultStatus;
  severity: Severity;
  openedAt: string;
  assignee: { id: string } | null;
  machine: { building: { id: string } };
}

/**
 * Whether a case belongs in the view: the same rule as the server's, for cases that arrive
 * live (a new case, or one whose status or owner changed) without reading the list again.
 */
export function matchesCaseFilters(fc: FilterableCase, filters: CaseFilters): boolean {
  if (filters.buildings.length && !filters.buildings.includes(fc.machine.building.id)) {
    return false;
  }
  if (filters.statuses.length && !filters.statuses.includes(fc.status)) return false;
  if (filters.severities.length && !filters.severities.includes(fc.severity)) return false;
  if (filters.assignee === UNASSIGNED && fc.assignee) return false;
  if (filters.assignee && filters.assignee !== UNASSIGNED && fc.assignee?.id !== filters.assignee) {
    return false;
  }
  const server = toServerFilter(filters);
  const opened = Date.parse(fc.openedAt);
  if (server.openedFrom && opened < Date.parse(server.openedFrom)) return false;
  if (server.openedTo && opened >= Date.parse(server.openedTo)) return false;
  return true;
}
