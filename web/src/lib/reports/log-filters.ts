import type { MachineEventType } from '#lib/graphql/generated/graphql.ts';
import { idsFromUrl, lastDays, rangeFromUrl, rangeInstants, type DayRange } from './range.ts';

/**
 * The repair log's filters. They live in the URL, so a link reproduces the view:
 * `/log?building=<id>&machine=<id>&type=FAULT_OPENED,FAULT_RESOLVED&actor=<id>&from=2026-11-30&to=2026-12-06`.
 * Without a range the log shows the last 7 days.
 */
export interface LogFilters extends DayRange {
  buildings: string[];
  machines: string[];
  types: MachineEventType[];
  /** People (or connected systems) who made the change. */
  actors: string[];
}

export const DEFAULT_LOG_DAYS = 7;

/** Event types as the filter offers them: the fault case's life first, then the machine's. */
export const EVENT_TYPES: readonly MachineEventType[] = [
  'FAULT_OPENED',
  'FAULT_ASSIGNED',
  'FAULT_ACKNOWLEDGED',
  'FAULT_STARTED',
  'FAULT_NOTE_ADDED',
  'FAULT_ATTACHMENT_ADDED',
  'FAULT_UPDATED',
  'FAULT_RESOLVED',
  'FAULT_REOPENED',
  'WARNING_RAISED',
  'WARNING_CLEARED',
  'STATUS_CHANGED',
  'MACHINE_CREATED',
  'MACHINE_UPDATED',
  'MACHINE_ARCHIVED',
  'TECHNICIANS_ASSIGNED',
];

export function defaultLogFilters(now: Date = new Date()): LogFilters {
  return { buildings: [], machines: [], types: [], actors: [], ...lastDays(DEFAULT_LOG_DAYS, now) };
}

/** The query string → filters; unknown event types and impossible days are dropped. */
export function logFiltersFromUrl(
  params: Pick<URLSearchParams, 'get'>,
  now: Date = new Date(),
): LogFilters {
  const given = new Set(idsFromUrl(params, 'type').map((t) => t.toUpperCase()));
  return {
    buildings: idsFromUrl(params, 'building'),
    machines: idsFromUrl(params, 'machine'),
    types: EVENT_TYPES.filter((t) => given.has(t)),
    actors: idsFromUrl(params, 'actor'),
    ...rangeFromUrl(params, lastDays(DEFAULT_LOG_DAYS, now)),
  };
}

/** Filters → the query string; the range is always written, so the link stays exact. */
export function logFiltersToSearch(filters: LogFilters): string {
  const params = new URLSearchParams();
  if (filters.buildings.length) params.set('building', filters.buildings.join(','));
  if (filters.machines.length) params.set('machine', filters.machines.join(','));
  if (filters.types.length) {
    params.set('type', EVENT_TYPES.filter((t) => filters.types.includes(t)).join(','));
  }
  if (filters.actors.length) params.set('actor', filters.actors.join(','));
  params.set('from', filters.from);
  params.set('to', filters.to);
  return `?${params.toString()}`;
}

/** Whether anything besides the range narrows the log. */
export function narrowsLog(filters: LogFilters): boolean {
  return (
    filters.buildings.length +
      filters.machines.length +
      filters.types.length +
      filters.actors.length >
    0
  );
}

/** What the server's `MachineEventFilter` is given. */
export interface ServerLogFilter {
  buildingIds?: string[];
  machineIds?: string[];
  types?: MachineEventType[];
  actorIds?: string[];
  from: string;
  to: string;
}

export function toServerLogFilter(filters: LogFilters): ServerLogFilter {
  const server: ServerLogFilter = rangeInstants(filters);
  if (filters.buildings.length) server.buildingIds = [...filters.buildings];
  if (filters.machines.length) server.machineIds = [...filters.machines];
  if (filters.types.length) server.types = [...filters.types];
  if (filters.actors.length) server.actorIds = [...filters.actors];
  return server;
}

/** The CSV export of exactly this filter (the server streams it). */
export function logCsvUrl(filters: LogFilters): string {
  const server = toServerLogFilter(filters);
  const params = new URLSearchParams();
  if (server.buildingIds) params.set('buildingIds', server.buildingIds.join(','));
  if (server.machineIds) params.set('machineIds', server.machineIds.join(','));
  if (server.types) params.set('types', server.types.join(','));
  if (server.actorIds) params.set('actorIds', server.actorIds.join(','));
  params.set('from', server.from);
  params.set('to', server.to);
  return `/api/events.csv?${params.toString()}`;
}

/** The file's name as the server gives it: what and which days, `repair-log-2026-11-30-2026-12-06.csv`. */
export function logCsvName(filters: LogFilters): string {
  return `repair-log-${filters.from}-${filters.to}.csv`;
}
