/** A cell of a CSV table: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/** Spreadsheets read UTF-8 (names with accents) only when the file begins with this mark. */
export const BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (or DDE command) if it began the cell. Tab and
 * carriage return count too: some spreadsheets strip them and then read what follows.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as the server's CSV writes it: text that would begin a formula gets a leading
 * apostrophe (shown as text, never run), and a cell with a comma, a quote or a line break
 * is quoted with its quotes doubled (RFC 4180). Numbers are written as numbers, so a
 * negative number stays a number.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole table as a CSV file's text: the mark, the header, the rows, CRLF after each line. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
