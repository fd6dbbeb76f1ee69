/** The languages the app ships, each a complete catalogue (`en/`, `de/`). */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'shopfloor.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's languages we have, else English. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'en';
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage blocked (private mode, policy): the browser's language still applies.
  }
  return browserLocale(navigator.languages ?? [navigator.language]);
}

let current = $state<Locale>(initialLocale());
// Screen readers and hyphenation follow the page's language, on every page (the wall display
// has no app shell to set it).
if (typeof document !== 'undefined') document.documentElement.lang = current;

/**
 * The language the app speaks: the person's choice from the account menu when they made one
 * (kept in this browser), else the browser's language. Reading `locale.current` in a template
 * or `$derived` re-renders it when the language changes; no reload.
 */
export const locale = {
  get current(): Locale {
    return current;
  },
  set(next: Locale): void {
    current = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not kept across reloads; this page still switches.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = next;
  },
};
