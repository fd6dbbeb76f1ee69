import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow } from './csv.js';

describe('csvCell', () => {
  it('writes plain text and numbers as they are', () => {
    expect(csvCell('Press 7')).toBe('Press 7');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('quotes a field with a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvCell('Leak, left side')).toBe('"Leak, left side"');
    expect(csvCell('the "big" press')).toBe('"the ""big"" press"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('"')).toBe('""""');
  });

  it.each([
    ['=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises text beginning like a formula: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves formula characters alone when they are not the first', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('Müller-Lüdenscheidt')).toBe('Müller-Lüdenscheidt');
  });

  it('writes non-finite numbers as empty cells', () => {
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends the record with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });

  it('the byte order mark is the UTF-8 encoding of U+FEFF', () => {
    expect([...Buffer.from(CSV_BOM, 'utf8')]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
