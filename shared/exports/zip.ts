import { Zip, ZipDeflate } from 'fflate';

export interface ZipEntry {
  name: string;
  /** The entry's content, in pieces (text is written as UTF-8). */
  content: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
}

const encoder = new TextEncoder();

/**
 * A ZIP archive as a stream. Entries are written one after another, each deflated as its content
 * arrives, so memory holds one piece and the compressor's window, never an entry or the archive.
 * The consumer pulls: nothing more is read from an entry until the last bytes were taken.
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
    const file = new ZipDeflate(entry.name, { level: 6 });
    file.mtime = modified;
    archive.add(file);
    for await (const piece of entry.content) {
      const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
      if (bytes.length === 0) continue;
      file.push(bytes);
      yield* take();
    }
    file.push(new Uint8Array(0), true);
    yield* take();
  }
  archive.end();
  yield* take();
}
