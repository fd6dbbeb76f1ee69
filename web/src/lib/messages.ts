// The message catalogue: every word the app shows a person comes from here, so wording stays
// consistent and a language is one folder (`i18n/en`, `i18n/de`). Functions take what varies.
import type { Role } from '#lib/graphql/generated/graphql.ts';
import { de } from './i18n/de/index.ts';
import { en, type Messages } from './i18n/en/index.ts';
import { locale, type Locale } from './i18n/locale.svelte.ts';

export {
  compareText,
  formatClockTime,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRelative,
  prepareFormatters,
} from './i18n/format.ts';

const catalogues: Record<Locale, Messages> = { en, de };

/**
 * The catalogue of the current language. Reads go through `locale.current`, so text in
 * templates and `$derived` follows a language switch without a reload.
 */
export const messages: Messages = new Proxy({} as Messages, {
  get: (_, key) => catalogues[locale.current][key as keyof Messages],
});

export function roleName(role: Role): string {
  return messages.role[role];
}
