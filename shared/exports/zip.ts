import { once } from 'node:events';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';

/** An entry's content, in pieces (text is written as UTF-8), deflated as it is written. */
export interface ZipContent {
  content: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
}

/** An entry deflated already (raw deflate, ending in a final block), with its content's CRC-32 and size. */
export interface ZipDeflated {
  deflated: { data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; crc: number; size: number };
}

export type ZipEntry = { name: string } & (ZipContent | ZipDeflated);

/**
 * The deflate level of every entry. Level 2 deflates the export's text about 4.5 times faster
 * than zlib's default 6 (a quarter faster than level 4), for a ZIP about 17 % larger than level
 * 4's (BENCHMARKS.md, "Access export").
 */
export const DEFLATE_LEVEL = 2;

/** A raw deflate stream (zlib, in libuv's thread pool) handing its output on 64 kB at a time (zlib's default: 16 kB). */
export const deflateStream = (): DeflateRaw => createDeflateRaw({ level: DEFLATE_LEVEL, chunkSize: 64 * 1024 });

/** Text a compressor may hold before its writer waits for it. */
const BUFFERED = 1024 * 1024;

/**
 * Hands bytes to a compressor; returns a promise to wait on only when it holds 1 MB or more not yet
 * compressed. The stream asks its writer to wait past 16 kB, which would stop the export at every
 * piece until the thread pool caught up; this way the records are read and written out while
 * zlib compresses what came before, and memory still holds at most about 1 MB per compressor.
 */
export function deflateWrite(deflate: DeflateRaw, bytes: Uint8Array): Promise<unknown> | undefined {
  deflate.write(bytes);
  return deflate.writableLength >= BUFFERED && deflate.writableNeedDrain ? once(deflate, 'drain') : undefined;
}

const encoder = new TextEncoder();

/**
 * A ZIP archive as a stream. Entries are written one after another, each deflated as its content
 * arrives, so memory holds one piece and the compressor's window, never an entry or the archive.
 * The consumer pulls: nothing more is read from an entry until the last bytes were taken. An
 * entry deflated already (a CSV compressed while the records were read) is copied as it is.
 *
 * fflate writes the archive's structure; the deflating is Node's zlib, which runs in libuv's
 * thread pool beside the code making the content (fflate's own deflate, in JavaScript on the
 * main thread, was half of a large export's build time: BENCHMARKS.md).
 */
export async function* zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  modified: Date,
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const archive = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const take = function* () {
    if (failure) throw failure;
    while (ready.length) yield ready.shift() as Uint8Array;
  };
  for await (const entry of entries) {
    // Size and CRC are known only at the end; fflate writes them after the data (a data descriptor).
    const file: ZipInputFile = { filename: entry.name, size: 0, crc: 0, compression: 8, mtime: modified };
    archive.add(file);
    if ('deflated' in entry) {
      file.crc = entry.deflated.crc;
      file.size = entry.deflated.size;
      for await (const chunk of entry.deflated.data) {
        file.ondata?.(null, chunk as Uint8Array<ArrayBuffer>, false);
        yield* take();
      }
      file.ondata?.(null, new Uint8Array(0), true);
      yield* take();
      continue;
    }
    const deflate = deflateStream();
    deflate.on('data', (chunk: Buffer) => file.ondata?.(null, new Uint8Array(chunk), false));
    const ended = once(deflate, 'end');
    ended.catch(() => undefined); // awaited below; a stop part-way must not leave it unhandled
    try {
      for await (const piece of entry.content) {
        const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
        if (bytes.length === 0) continue;
        file.crc = crc32(bytes, file.crc);
        file.size += bytes.length;
        const full = deflateWrite(deflate, bytes);
        if (full) await full;
        yield* take();
      }
      deflate.end();
      await ended;
    } finally {
      deflate.destroy();
    }
    file.ondata?.(null, new Uint8Array(0), true);
    yield* take();
  }
  archive.end();
  yield* take();
}
