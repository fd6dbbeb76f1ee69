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
const duration = perLocale((l) => new Intl.DurationFormat(l, { style: 'narrow' }));
// Zero units are left out by default: a timer's first second would read "" instead of "0s".
const seconds = perLocale(
  (l) => new Intl.DurationFormat(l, { style: 'narrow', secondsDisplay: 'always' }),
);
const relative = perLocale((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
const collator = perLocale((l) => new Intl.Collator(l, { numeric: true, sensitivity: 'base' }));
const integer = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));

type When = number | string | Date;
const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/** "4m 12s", "3h 5m", "2d 4h" (in German "4 Min., 12 Sek."): two units, for timers. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return seconds().format({ seconds: s });
  const m = Math.floor(s / 60);
  if (m < 60) return duration().format({ minutes: m, seconds: s % 60 });
  const h = Math.floor(m / 60);
  if (h < 24) return duration().format({ hours: h, minutes: m % 60 });
  return duration().format({ days: Math.floor(h / 24), hours: h % 24 });
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

/** Sorting names as people expect in their language ("Line 2" before "Line 10"). */
export function compareText(a: string, b: string): number {
  return collator().compare(a, b);
}
