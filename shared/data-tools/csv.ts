/**
 * A small RFC 4180 CSV reader, with no dependencies so that the staff page can use it too (to
 * split a large file into parts at row boundaries). Commas between cells; cells in double quotes
 * may hold commas, line breaks and doubled quotes (""); CRLF, LF or CR end a row; a UTF-8 byte
 * order mark (Excel's) is dropped; blank lines are skipped.
 */
export interface CsvRow {
  /** The line of the text the row starts on (1-based). */
  line: number;
  /** Where the row starts in the text (after any byte order mark). */
  start: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowStart = 0;
  let cellStarted = false;
  const endRow = (next: number) => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '' || cellStarted) rows.push({ line: rowLine, start: rowStart, cells });
    cells = [];
    cell = '';
    cellStarted = false;
    rowLine = line;
    rowStart = next;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      cellStarted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRow(i + 1);
    } else {
      cell += ch;
    }
  }
  if (quoted) return { ok: false, line: rowLine, message: 'A quoted cell is never closed (a " is missing)' };
  if (cell !== '' || cells.length > 0 || cellStarted) endRow(text.length);
  return { ok: true, rows };
}

/** One cell as CSV: quoted when it holds a comma, a quote or a line break. */
export const csvCell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** What a file that is not text (an .xlsx, a ZIP) is told, here and by the server. */
export const NOT_TEXT = 'This is not a CSV or JSON text file: save it as CSV (UTF-8) or JSON, then choose it again.';
