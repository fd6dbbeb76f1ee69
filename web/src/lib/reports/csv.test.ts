import { describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from './csv.ts';

describe('the CSV writer', () => {
  it('begins with a UTF-8 byte order mark and ends every line with CRLF', () => {
    const text = toCsv(['Machine', 'Downtime (s)'], [['Presse Müller', 3600]]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toBe(`${BOM}Machine,Downtime (s)\r\nPresse Müller,3600\r\n`);
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes per RFC 4180: commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "stop"')).toBe('"say ""stop"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+49 30 1234')).toBe("'+49 30 1234");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tTAB')).toBe("'\tTAB");
    // Quoted after the apostrophe, when it also needs quoting.
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Only the start counts.
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.9731)).toBe('0.9731');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('keeps every row the same width as the header', () => {
    const text = toCsv(['a', 'b', 'c'], [['x', null, 1]]);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual(['a,b,c', 'x,,1', '']);
  });
});
