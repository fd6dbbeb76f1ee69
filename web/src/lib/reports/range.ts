import { parseDay } from '#lib/cases/lists/filters.ts';

export { parseDay };

/**
 * A range of calendar days in the person's own calendar, both ends included, as the URL
 * carries it (`from=2026-11-30&to=2026-12-06`). The server gets instants: local midnight of
 * the first day up to local midnight after the last.
 */
export interface DayRange {
  from: string;
  to: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local date as `YYYY-MM-DD`. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight at the start of `day`, `days` later. */
export function startOfDay(day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days);
}

/** The `days` calendar days that end today (today included). */
export function lastDays(days: number, now: Date = new Date()): DayRange {
  const today = dayOf(now);
  return { from: dayOf(startOfDay(today, -(days - 1))), to: today };
}

export const PRESETS = { week: 7, fourWeeks: 28, quarter: 91 } as const;
export type Preset = keyof typeof PRESETS;

/** Which preset a range is, if it is one (ending today). */
export function presetOf(range: DayRange, now: Date = new Date()): Preset | null {
  for (const [name, days] of Object.entries(PRESETS) as [Preset, number][]) {
    const preset = lastDays(days, now);
    if (preset.from === range.from && preset.to === range.to) return name;
  }
  return null;
}

/**
 * The range a URL asks for; a missing or impossible end falls back to the default's. A range
 * given backwards is kept as it is: the server answers BAD_USER_INPUT and the page says so.
 */
export function rangeFromUrl(params: Pick<URLSearchParams, 'get'>, fallback: DayRange): DayRange {
  return {
    from: parseDay(params.get('from')) ?? fallback.from,
    to: parseDay(params.get('to')) ?? fallback.to,
  };
}

/** The range as the server's instants, `to` exclusive (the last day counts whole). */
export function rangeInstants(range: DayRange): { from: string; to: string } {
  return {
    from: startOfDay(range.from).toISOString(),
    to: startOfDay(range.to, 1).toISOString(),
  };
}

/** Whether the range runs backwards (its last day before its first). */
export function isBackwards(range: DayRange): boolean {
  return range.to < range.from;
}

/** The person's time zone (weeks in the report start on their Monday), else UTC. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Ids from a comma-separated parameter, each once. */
export function idsFromUrl(params: Pick<URLSearchParams, 'get'>, key: string): string[] {
  return [
    ...new Set(
      (params.get(key) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
