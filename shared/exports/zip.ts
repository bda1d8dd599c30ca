import { once } from 'node:events';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { centralDirectory, dataDescriptor, dosDateTime, localHeader, type ZipRecord, zipName } from './zip-format.ts';

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
 * The archive's structure is written here (zip-format.ts); the deflating is Node's zlib, which
 * runs in libuv's thread pool beside the code making the content (fflate's own deflate, in
 * JavaScript on the main thread, was half of a large export's build time: BENCHMARKS.md).
 */
export async function* zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  modified: Date,
): AsyncGenerator<Uint8Array> {
  const when = dosDateTime(modified);
  const written: ZipRecord[] = [];
  let at = 0;
  const ready: Uint8Array[] = [];
  const out = (bytes: Uint8Array) => {
    ready.push(bytes);
    at += bytes.length;
  };
  const take = function* () {
    while (ready.length) yield ready.shift() as Uint8Array;
  };
  for await (const entry of entries) {
    // Size and CRC are known only at the end: they follow the data (a data descriptor).
    const file: ZipRecord = { name: zipName(entry.name), crc: 0, compressed: 0, size: 0, offset: at };
    out(localHeader(file.name, when));
    yield* take();
    if ('deflated' in entry) {
      file.crc = entry.deflated.crc;
      file.size = entry.deflated.size;
      for await (const chunk of entry.deflated.data) {
        file.compressed += chunk.length;
        out(chunk);
        yield* take();
      }
    } else {
      const deflate = deflateStream();
      deflate.on('data', (chunk: Buffer) => {
        file.compressed += chunk.length;
        out(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      });
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
    }
    out(dataDescriptor(file));
    written.push(file);
    yield* take();
  }
  for (const bytes of centralDirectory(written, when, at)) out(bytes);
  yield* take();
}
