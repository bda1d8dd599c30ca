import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.ts';

describe('CSV cells', () => {
  it('leaves plain text, numbers and booleans as they are', () => {
    expect(csvRow(['Alex', 42, true, null, undefined])).toBe('Alex,42,true,,\r\n');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling the quotes', () => {
    expect(csvCell('Flat 2, 10 High St')).toBe('"Flat 2, 10 High St"');
    expect(csvCell('the "best" MSP')).toBe('"the ""best"" MSP"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('padded ')).toBe('"padded "');
    expect(csvCell('no-break\u00a0')).toBe('"no-break\u00a0"');
    expect(csvCell(`${'long text '.repeat(200)}ends`)).toBe(`${'long text '.repeat(200)}ends`);
    expect(csvCell(`${'long text '.repeat(200)}ends, with a comma`)).toBe(`"${'long text '.repeat(200)}ends, with a comma"`);
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvCell('+44 7700 900123')).toBe("'+44 7700 900123");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-5)).toBe('-5');
  });
});
