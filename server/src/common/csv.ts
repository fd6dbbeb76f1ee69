/**
 * CSV as spreadsheets read it: RFC 4180 (comma, CRLF, fields with a comma, quote or line
 * break quoted, quotes doubled), a UTF-8 byte order mark so Excel reads accented names as
 * UTF-8, and text neutralised against formula injection (OWASP "CSV Injection"): a text
 * cell beginning with = + - @, a tab or a carriage return is prefixed with an apostrophe,
 * which spreadsheets show as text instead of evaluating. Numbers are written as numbers, so
 * a negative number stays a number.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its CRLF line end. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
