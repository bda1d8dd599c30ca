import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

const cells = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.message);
  return result.rows.map((r) => r.cells);
};

describe('parseCsv', () => {
  it('reads a header and rows, with CRLF, LF and a trailing line break', () => {
    expect(cells('a,b\r\n1,2\n3,4\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, and drops a byte order mark', () => {
    expect(cells('\uFEFFname,note\n"Morgan, Alex","said ""hi""\nthen left"\n')).toEqual([
      ['name', 'note'],
      ['Morgan, Alex', 'said "hi"\nthen left'],
    ]);
  });

  it('gives each row the line it starts on and its offset, skipping blank lines', () => {
    const result = parseCsv('a\n"x\ny"\n\nz');
    expect(result.ok && result.rows.map((r) => [r.line, r.start])).toEqual([
      [1, 0],
      [2, 2],
      [5, 9],
    ]);
  });

  it('keeps empty cells', () => {
    expect(cells('a,b,c\n,,\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
    ]);
  });

  it('reports a quote that is never closed, with its line', () => {
    expect(parseCsv('a\nok\n"broken\n')).toEqual({ ok: false, line: 3, message: expect.stringMatching(/never closed/) });
  });
});
