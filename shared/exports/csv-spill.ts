import type { DataRecord } from '../entities.ts';
import { CSV_BOM, csvRow } from './csv.ts';
import type { ScratchFile, ScratchSpace } from './ports.ts';

/** Text is collected into pieces of about this size before it is written or compressed. */
const PIECE = 64 * 1024;

type Cell = string | number | boolean | null | undefined;

/**
 * The export's CSVs, made in the same pass as data.json: each record's row goes to a scratch file
 * of its category as the record goes by, and the CSV is read back from there when its turn in the
 * ZIP comes. The header is known only at the end of a category (keys the policy does not list
 * are found as the records pass), so a row holds the columns known when it was spilled (one JSON
 * line: JSON escapes line breaks, CSV cells may hold them) and is padded to the header on reading.
 */
export interface CsvSpill {
  /**
   * Spills a record's row: id, date, the values of the policy's `fields`, then of the `extra` keys
   * its category's records have shown so far.
   */
  add(record: DataRecord, fields: readonly string[], extra: readonly string[]): Promise<void>;
  /** The category's CSV, header first; its scratch file is deleted once read. */
  csv(category: string, header: readonly string[]): AsyncGenerator<string>;
  /** Deletes every scratch file left (a build that failed part-way). */
  dispose(): Promise<void>;
}

export function csvSpill(scratch: ScratchSpace): CsvSpill {
  const spilled = new Map<string, { file: ScratchFile; piece: string }>();
  return {
    async add(record, fields, extra) {
      let entry = spilled.get(record.category);
      if (!entry) {
        entry = { file: await scratch.create(), piece: '' };
        spilled.set(record.category, entry);
      }
      const cells: Cell[] = [record.id, record.recordedOn];
      for (const key of fields) cells.push(record.data[key] as Cell);
      for (const key of extra) cells.push(record.data[key] as Cell);
      entry.piece += `${JSON.stringify(cells)}\n`;
      if (entry.piece.length >= PIECE) {
        const piece = entry.piece;
        entry.piece = '';
        await entry.file.append(piece);
      }
    },

    async *csv(category, header) {
      let piece = CSV_BOM + csvRow([...header]);
      const entry = spilled.get(category);
      if (entry) {
        if (entry.piece) await entry.file.append(entry.piece);
        entry.piece = '';
        for await (const line of entry.file.lines()) {
          const cells = JSON.parse(line) as Cell[];
          // A row spilled before a later key of its category was met gets empty cells for it.
          while (cells.length < header.length) cells.push(undefined);
          piece += csvRow(cells);
          if (piece.length >= PIECE) {
            yield piece;
            piece = '';
          }
        }
        spilled.delete(category);
        await entry.file.dispose();
      }
      yield piece;
    },

    async dispose() {
      const files = [...spilled.values()].map((entry) => entry.file);
      spilled.clear();
      await Promise.all(files.map((file) => file.dispose()));
    },
  };
}
