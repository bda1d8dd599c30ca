/*
 * Cutting a large import file into parts the staff page posts in turn (no dependencies: the page
 * bundles it).
 */
import { NOT_TEXT, parseCsv } from './csv.ts';

/** Rows per call: each call finishes well within the server's time, and the page can show progress. */
export const ROWS_PER_PART = 200;
/** Characters per call, so that even three-byte characters stay under the 1 MB body limit. */
const CHARS_PER_PART = 300_000;

export interface Part {
  content: string;
  /** Lines (JSON: items) of the file before this part's first row, so the server names the file's lines. */
  lineOffset: number;
  /** The part's first and last row, counted from 1 (the header is not a row). */
  first: number;
  last: number;
}

export type Split = { ok: true; parts: Part[]; rows: number } | { ok: false; message: string };

const lineBreaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

/**
 * A file cut into parts at row boundaries. A CSV part is the header followed by a slice of the
 * file's own text (quoted line breaks and all), so the line numbers the server reports, moved by
 * `lineOffset`, are the file's; a JSON part is a slice of the array.
 */
export function splitFile(format: 'csv' | 'json', input: string): Split {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // A spreadsheet or a ZIP read as text: no CSV or JSON holds a NUL (a user trial was told it lacked a header).
  if (text.includes('\0')) return { ok: false, message: NOT_TEXT };
  const parts: Part[] = [];
  if (format === 'json') {
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch {
      return { ok: false, message: 'The file is not valid JSON.' };
    }
    if (!Array.isArray(items)) return { ok: false, message: 'A JSON file must hold an array of rows: [{ "email": … }, …].' };
    for (let at = 0; at < items.length; ) {
      let end = at;
      let size = 0;
      while (end < items.length && end - at < ROWS_PER_PART && (end === at || size < CHARS_PER_PART)) {
        size += JSON.stringify(items[end]).length;
        end++;
      }
      parts.push({ content: JSON.stringify(items.slice(at, end)), lineOffset: at, first: at + 1, last: end });
      at = end;
    }
    return { ok: true, parts, rows: items.length };
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, message: `Line ${parsed.line}: ${parsed.message}.` };
  const [head, ...rows] = parsed.rows;
  if (!head || rows.length === 0) return { ok: false, message: 'The file needs a header row and at least one row.' };
  const header = text.slice(head.start, rows[0]?.start);
  const headerLines = lineBreaks(header);
  for (let at = 0; at < rows.length; ) {
    let end = at + 1;
    const start = rows[at]?.start ?? 0;
    while (end < rows.length && end - at < ROWS_PER_PART && (rows[end]?.start ?? 0) - start < CHARS_PER_PART) end++;
    const row = rows[at];
    parts.push({
      content: header + text.slice(start, rows[end]?.start ?? text.length),
      lineOffset: (row?.line ?? 0) - headerLines - 1,
      first: at + 1,
      last: end,
    });
    at = end;
  }
  return { ok: true, parts, rows: rows.length };
}
