/** Characters that make a spreadsheet read a cell as a formula (CSV injection): = + - @ tab CR. */
const formulaStart = (code: number) => code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
/** Characters that need the cell quoted wherever they are. */
const NEEDS_QUOTES = /[",\r\n]/;
/** White space (as a regular expression's `\s`), tested on one character at an edge of the cell. */
const SPACE = /\s/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, line break or edge spaces. Text
 * that a spreadsheet would run as a formula gets a leading apostrophe, so it shows as text.
 * (The edges are tested a character each: a pattern ending in `\s$` is tried at every position
 * of the text, and an export's cells run to kilobytes.)
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  if (value === '') return '';
  const text = formulaStart(value.charCodeAt(0)) ? `'${value}` : value;
  const quote = NEEDS_QUOTES.test(text) || SPACE.test(text[0] as string) || SPACE.test(text[text.length - 1] as string);
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvRow(values: (string | number | boolean | null | undefined)[]): string {
  let line = csvCell(values[0]);
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF';
