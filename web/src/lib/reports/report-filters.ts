import { idsFromUrl, lastDays, PRESETS, rangeFromUrl, type DayRange } from './range.ts';

/**
 * The report's choices, in the URL so a link reproduces the figures:
 * `/reports?from=2026-11-07&to=2026-12-04&building=<id>`. Without a range: the last 4 weeks.
 */
export interface ReportFilters extends DayRange {
  buildings: string[];
}

export function defaultReportRange(now: Date = new Date()): DayRange {
  return lastDays(PRESETS.fourWeeks, now);
}

export function reportFiltersFromUrl(
  params: Pick<URLSearchParams, 'get'>,
  now: Date = new Date(),
): ReportFilters {
  return {
    buildings: idsFromUrl(params, 'building'),
    ...rangeFromUrl(params, defaultReportRange(now)),
  };
}

export function reportFiltersToSearch(filters: ReportFilters): string {
  const params = new URLSearchParams();
  params.set('from', filters.from);
  params.set('to', filters.to);
  if (filters.buildings.length) params.set('building', filters.buildings.join(','));
  return `?${params.toString()}`;
}

/** The repair log over the same days and buildings (the cases behind the figures). */
export function logLinkFor(filters: ReportFilters): string {
  const params = new URLSearchParams();
  if (filters.buildings.length) params.set('building', filters.buildings.join(','));
  params.set('from', filters.from);
  params.set('to', filters.to);
  return `/log?${params.toString()}`;
}
