import { once } from 'node:events';
import { constants, crc32, createInflateRaw, type DeflateRaw, deflateRawSync } from 'node:zlib';
import type { DataRecord } from '../entities.ts';
import { crc32Combine } from './crc32-combine.ts';
import { CSV_BOM, csvRow } from './csv.ts';
import type { ScratchFile, ScratchSpace } from './ports.ts';
import { DEFLATE_LEVEL, deflateStream, deflateWrite, type ZipContent, type ZipDeflated } from './zip.ts';

/** Rows are collected into pieces of about this size before they go to the compressor. */
const PIECE = 64 * 1024;

type Cell = string | number | boolean | null | undefined;

/**
 * The export's CSVs, made in the same pass as data.json: each record's row is written as CSV,
 * deflated (in zlib's thread pool) and the compressed bytes spilled to a scratch file of its
 * category as the record goes by, so nothing of a CSV is left to do once the read ends. The
 * header is known only at the end of a category (keys the policy does not list are found as the
 * records pass): it is deflated on its own then and put in front, its CRC combined with the rows'.
 * A row holds the columns known when it was written; if a category met a new key after its first
 * rows (rare), its CSV is inflated again on reading and the shorter rows padded to the header.
 */
export interface CsvSpill {
  /**
   * Writes a record's row: id, date, the values of the policy's `fields`, then of the `extra` keys
   * its category's records have shown so far. Returns a promise only when the caller must wait
   * (a new category's file is being opened, or the compressor's buffer is full), so the common
   * row costs no turn of the event loop.
   */
  add(record: DataRecord, fields: readonly string[], extra: readonly string[]): Promise<void> | undefined;
  /** No more rows: the last category's compressing ends now, beside data.json's own end. */
  end(): void;
  /** The category's CSV, header first, as a ZIP entry's content; its scratch file is deleted once read. */
  csv(category: string, header: readonly string[]): Promise<ZipContent | ZipDeflated>;
  /** Deletes every scratch file left (a build that failed part-way). */
  dispose(): Promise<void>;
}

interface Spilled {
  file: ScratchFile;
  deflate: DeflateRaw;
  /** Copies the compressor's output to the file; settles when the compressor has ended. */
  pumped: Promise<void>;
  piece: string;
  crc: number;
  size: number;
  /** The fewest and the most cells a row was written with. */
  fewest: number;
  most: number;
  finished?: Promise<void>;
}

export function csvSpill(scratch: ScratchSpace): CsvSpill {
  const spilled = new Map<string, Spilled>();
  let last: Spilled | undefined;

  /** Hands text to the compressor; a promise to wait on only when its buffer is full. */
  const write = (entry: Spilled, text: string): Promise<unknown> | undefined => {
    const bytes = Buffer.from(text, 'utf8');
    entry.crc = crc32(bytes, entry.crc);
    entry.size += bytes.length;
    const full = deflateWrite(entry.deflate, bytes);
    return full && Promise.race([full, entry.pumped]);
  };
  /** Writes what is left and ends the category's compressed stream (once). */
  const finish = (entry: Spilled) => {
    entry.finished ??= (async () => {
      if (entry.piece) await write(entry, entry.piece);
      entry.piece = '';
      entry.deflate.end();
      await entry.pumped;
    })();
    return entry.finished;
  };
  const open = async (): Promise<Spilled> => {
    const file = await scratch.create();
    const deflate = deflateStream();
    const pumped = (async () => {
      for await (const chunk of deflate) await file.append(chunk as Buffer);
    })();
    pumped.catch(() => undefined); // awaited by finish(); a dispose part-way must not leave it unhandled
    return { file, deflate, pumped, piece: '', crc: 0, size: 0, fewest: Number.POSITIVE_INFINITY, most: 0 };
  };

  const addTo = (entry: Spilled, record: DataRecord, fields: readonly string[], extra: readonly string[]) => {
    last = entry;
    const cells: Cell[] = [record.id, record.recordedOn];
    for (const key of fields) cells.push(record.data[key] as Cell);
    for (const key of extra) cells.push(record.data[key] as Cell);
    if (cells.length < entry.fewest) entry.fewest = cells.length;
    if (cells.length > entry.most) entry.most = cells.length;
    entry.piece += csvRow(cells);
    if (entry.piece.length < PIECE) return undefined;
    const piece = entry.piece;
    entry.piece = '';
    return write(entry, piece);
  };

  return {
    add(record, fields, extra) {
      const entry = spilled.get(record.category);
      if (entry) {
        const waiting = addTo(entry, record, fields, extra);
        return waiting?.then(() => undefined);
      }
      return (async () => {
        // Categories come one after another: the one before is complete, so its compressing ends now.
        if (last) finish(last).catch(() => undefined);
        const opened = await open();
        spilled.set(record.category, opened);
        await addTo(opened, record, fields, extra);
      })();
    },

    end() {
      if (last) finish(last).catch(() => undefined); // awaited by csv()
    },

    async csv(category, header) {
      const head = CSV_BOM + csvRow([...header]);
      const entry = spilled.get(category);
      if (!entry) return { content: [head] };
      await finish(entry);
      const release = async () => {
        spilled.delete(category);
        await entry.file.dispose();
      };
      if (entry.fewest < header.length) return { content: padded(head, entry.file.read(), header.length, release) };
      const headBytes = Buffer.from(head, 'utf8');
      // A header deflated on its own, ending on a byte boundary without a final block, then the rows' stream.
      const headDeflated = deflateRawSync(headBytes, { level: DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
      return {
        deflated: {
          data: (async function* () {
            try {
              yield headDeflated;
              yield* entry.file.read();
            } finally {
              await release();
            }
          })(),
          crc: crc32Combine(crc32(headBytes), entry.crc, entry.size),
          size: headBytes.length + entry.size,
        },
      };
    },

    async dispose() {
      const entries = [...spilled.values()];
      spilled.clear();
      for (const entry of entries) entry.deflate.destroy();
      await Promise.all(entries.map((entry) => entry.file.dispose()));
    },
  };
}

/**
 * A category's CSV whose first rows were written before one of its keys was met: the rows are
 * inflated again and each short one gets empty cells up to the header's width. Our own CSV is
 * simple to walk: a quote toggles quoting (a doubled one toggles twice), and outside quotes a
 * comma ends a cell and a carriage return ends the row.
 */
async function* padded(
  head: string,
  compressed: AsyncIterable<Uint8Array>,
  width: number,
  release: () => Promise<void>,
): AsyncGenerator<string> {
  const inflate = createInflateRaw();
  const feed = (async () => {
    for await (const chunk of compressed) if (!inflate.write(chunk)) await once(inflate, 'drain');
    inflate.end();
  })();
  feed.catch(() => inflate.destroy());
  let quoted = false;
  let cells = 1;
  const decoder = new TextDecoder();
  try {
    yield head;
    for await (const chunk of inflate) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      let out = '';
      let from = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (quoted) continue;
        else if (c === 44) cells++;
        else if (c === 13) {
          out += `${text.slice(from, i)}${','.repeat(Math.max(0, width - cells))}`;
          from = i;
          cells = 1;
        }
      }
      yield out + text.slice(from);
    }
    await feed;
  } finally {
    inflate.destroy();
    await release();
  }
}
