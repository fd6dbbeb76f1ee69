import { locale, type Locale } from './locale.svelte.ts';

// Intl formatters are costly to create and timers format every second: one per locale.
function perLocale<T>(make: (locale: Locale) => T): () => T {
  const made = new Map<Locale, T>();
  return () => {
    const key = locale.current;
    let formatter = made.get(key);
    if (!formatter) made.set(key, (formatter = make(key)));
    return formatter;
  };
}

const clockTime = perLocale(
  (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit' }),
);
const dateTime = perLocale(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }),
);
const date = perLocale((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
/**
 * Intl.DurationFormat is slow to call (a board with a hundred running timers formats a hundred
 * durations a second), so each of the four shapes is formatted once per locale with marker
 * numbers, and later durations are filled into that pattern.
 */
const durationPatterns = perLocale((l) => {
  // Older browsers (a TV's, a kiosk's) lack DurationFormat: then the same narrow shape
  // with the units every locale here reads ("4m 12s").
  const format =
    'DurationFormat' in Intl
      ? new Intl.DurationFormat(l, { style: 'narrow' })
      : { format: narrowDuration };
  const pattern = (
    sample: Parameters<Intl.DurationFormat['format']>[0],
    first: number,
    second?: number,
  ): ((x: number, y: number) => string) => {
    const text = format.format(sample);
    const a = text.indexOf(String(first));
    const b = second === undefined ? -1 : text.indexOf(String(second), a + String(first).length);
    return b < 0
      ? (x) => text.slice(0, a) + x + text.slice(a + String(first).length)
      : (x, y) =>
          text.slice(0, a) +
          x +
          text.slice(a + String(first).length, b) +
          y +
          text.slice(b + String(second).length);
  };
  return {
    seconds: pattern({ seconds: 47 }, 47),
    minutes: pattern({ minutes: 38, seconds: 47 }, 38, 47),
    hours: pattern({ hours: 19, minutes: 38 }, 19, 38),
    days: pattern({ days: 29, hours: 19 }, 29, 19),
  };
});
const relative = perLocale((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
const collator = perLocale((l) => new Intl.Collator(l, { numeric: true, sensitivity: 'base' }));
const integer = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));
const percent = perLocale(
  (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 }),
);

type When = number | string | Date;

const NARROW_UNITS = [
  ['days', 'd'],
  ['hours', 'h'],
  ['minutes', 'm'],
  ['seconds', 's'],
] as const;

function narrowDuration(d: Partial<Record<(typeof NARROW_UNITS)[number][0], number>>): string {
  return NARROW_UNITS.filter(([unit]) => d[unit] !== undefined)
    .map(([unit, short]) => `${d[unit]}${short}`)
    .join(' ');
}
const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/**
 * Builds the current locale's timer and date formatters ahead of need, when the browser is
 * idle. Creating them costs tens of milliseconds on a slow device; without this, the first
 * fault on a board that showed none pays it in the middle of applying the change.
 */
export function prepareFormatters(): void {
  const prepare = () => {
    durationPatterns();
    dateTime();
    clockTime();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 2000 });
  else setTimeout(prepare, 0);
}

/** "4m 12s", "3h 5m", "2d 4h" (in German "4 Min., 12 Sek."): two units, for timers. */
export function formatDuration(ms: number): string {
  const p = durationPatterns();
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return p.seconds(s, 0);
  const m = Math.floor(s / 60);
  if (m < 60) return p.minutes(m, s % 60);
  const h = Math.floor(m / 60);
  if (h < 24) return p.hours(h, m % 60);
  return p.days(Math.floor(h / 24), h % 24);
}

/** Wall-clock time, hh:mm in the user's locale. */
export function formatClockTime(when: When): string {
  return clockTime().format(toDate(when));
}

/** Date and time, e.g. "3 Dec 2026, 14:05" / "03.12.2026, 14:05". */
export function formatDateTime(when: When): string {
  return dateTime().format(toDate(when));
}

export function formatDate(when: When): string {
  return date().format(toDate(when));
}

/** "5 minutes ago", "yesterday", "vor 5 Minuten", relative to `now`. */
export function formatRelative(when: When, now: number = Date.now()): string {
  const seconds = Math.round((toDate(when).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative().format(seconds, 'second');
  if (abs < 3600) return relative().format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative().format(Math.round(seconds / 3600), 'hour');
  return relative().format(Math.round(seconds / 86_400), 'day');
}

export function formatNumber(n: number): string {
  return integer().format(n);
}

/** A share (0.973) as "97.3%" / "97,3 %". */
export function formatPercent(share: number): string {
  return percent().format(share);
}

/** Sorting names as people expect in their language ("Line 2" before "Line 10"). */
export function compareText(a: string, b: string): number {
  return collator().compare(a, b);
}
