import { describe, expect, it } from 'vitest';
import type { Category } from '../policy/schema.ts';
import { checkImportFile } from './import-rows.ts';
import { ROWS_PER_PART, splitFile } from './split.ts';

const category = {
  id: 'notes',
  name: 'Notes',
  fields: [{ id: 'note', label: 'Note', kind: 'text', editable: false, required: false }],
} as unknown as Category;

describe('splitFile', () => {
  it('cuts a CSV at row boundaries, each part with the header, and the server names the file’s own lines', () => {
    const rows = Array.from({ length: ROWS_PER_PART + 5 }, (_, i) =>
      i === 3 ? `p${i}@example.com,K${i},2026-01-01,"two\nlines"` : `p${i}@example.com,K${i},2026-01-01,n${i}`,
    );
    rows[ROWS_PER_PART + 2] = 'bad,KB,2026-01-01,x';
    const text = `\uFEFFemail,sourceKey,recordedOn,note\r\n${rows.join('\r\n')}\r\n`;
    const split = splitFile('csv', text);
    if (!split.ok) throw new Error(split.message);
    expect(split.rows).toBe(ROWS_PER_PART + 5);
    expect(split.parts.map((p) => [p.first, p.last])).toEqual([
      [1, ROWS_PER_PART],
      [ROWS_PER_PART + 1, ROWS_PER_PART + 5],
    ]);
    const second = split.parts[1];
    if (!second) throw new Error('no second part');
    const checked = checkImportFile({
      format: 'csv',
      content: second.content,
      category,
      today: '2026-03-01',
      lineOffset: second.lineOffset,
    });
    // The header is line 1 and one row spans two lines: row n (from 1) starts on line n + 2 after it.
    expect(checked.errors).toEqual([{ line: ROWS_PER_PART + 3 + 2, field: 'email', message: expect.any(String) }]);
    expect(checked.rows[0]?.line).toBe(ROWS_PER_PART + 1 + 2);
  });

  it('cuts a JSON array into slices, numbering items from 1', () => {
    const items = Array.from({ length: 450 }, (_, i) => ({ email: `p${i}@example.com` }));
    const split = splitFile('json', JSON.stringify(items));
    if (!split.ok) throw new Error(split.message);
    expect(split.parts.map((p) => [p.first, p.last, p.lineOffset])).toEqual([
      [1, 200, 0],
      [201, 400, 200],
      [401, 450, 400],
    ]);
    expect(JSON.parse(split.parts[2]?.content ?? '')).toHaveLength(50);
  });

  it('says what is wrong with a file it cannot cut', () => {
    expect(splitFile('json', '{')).toEqual({ ok: false, message: expect.stringMatching(/not valid JSON/) });
    expect(splitFile('csv', 'email\n')).toEqual({ ok: false, message: expect.stringMatching(/at least one row/) });
    expect(splitFile('csv', 'email\n"x\n')).toEqual({ ok: false, message: expect.stringMatching(/Line 2/) });
    // A spreadsheet or ZIP read as text (its NULs): not "needs a header row".
    const zip = 'PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000';
    for (const format of ['csv', 'json'] as const)
      expect(splitFile(format, zip)).toEqual({
        ok: false,
        message: expect.stringMatching(/^This is not a CSV or JSON text file/),
      });
  });
});
