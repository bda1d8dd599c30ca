/**
 * The bytes of a ZIP archive's structure (PKWARE's APPNOTE.TXT, sections 4.3.7–4.3.16): the
 * header before each entry's data, the data descriptor after it (the CRC-32 and sizes are known
 * only once the entry is written), the central directory and its end record. Deflated entries,
 * no ZIP64: an export is far below 4 GB an entry and 65,535 entries, and one over either is
 * refused rather than written wrong. fflate wrote this before; the same fields, written here,
 * spare the export builder fflate's whole module (its deflate tables are built at import).
 */

/** An entry as the central directory lists it. */
export interface ZipRecord {
  name: Uint8Array;
  crc: number;
  /** Bytes of deflated data. */
  compressed: number;
  /** Bytes of content. */
  size: number;
  /** Where the entry's local header starts. */
  offset: number;
}

const DEFLATE = 8;
const VERSION = 20; // 2.0: deflate
const DATA_DESCRIPTOR = 0x0008;
const UTF8_NAME = 0x0800;
const MAX_32 = 0xffff_ffff;

const encoder = new TextEncoder();

/** An entry's name as the archive holds it (UTF-8). */
export const zipName = (name: string): Uint8Array => encoder.encode(name);

/** Bit 11 says the name is UTF-8; set only when it is not plain ASCII, as zip tools expect. */
const flagsOf = (name: Uint8Array) => DATA_DESCRIPTOR | (name.some((byte) => byte > 0x7f) ? UTF8_NAME : 0);

/** MS-DOS date and time (local time, two-second steps; years from 1980), as zip tools show it. */
export function dosDateTime(date: Date): number {
  const year = Math.max(date.getFullYear() - 1980, 0);
  return (
    ((year << 25) |
      ((date.getMonth() + 1) << 21) |
      (date.getDate() << 16) |
      (date.getHours() << 11) |
      (date.getMinutes() << 5) |
      (date.getSeconds() >> 1)) >>>
    0
  );
}

function record(size: number, write: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return bytes;
}

/** The local file header: CRC-32 and sizes zero, in the data descriptor instead. */
export function localHeader(name: Uint8Array, modified: number): Uint8Array {
  return record(30 + name.length, (v) => {
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, VERSION, true);
    v.setUint16(6, flagsOf(name), true);
    v.setUint16(8, DEFLATE, true);
    v.setUint32(10, modified, true); // time, then date
    v.setUint16(26, name.length, true);
    new Uint8Array(v.buffer).set(name, 30);
  });
}

function fits(entry: Pick<ZipRecord, 'compressed' | 'size' | 'offset'>): void {
  if (entry.compressed > MAX_32 || entry.size > MAX_32 || entry.offset > MAX_32) {
    throw new Error('A ZIP entry or archive over 4 GB needs ZIP64, which this writer does not do.');
  }
}

/** The data descriptor after an entry's data. */
export function dataDescriptor(entry: ZipRecord): Uint8Array {
  fits(entry);
  return record(16, (v) => {
    v.setUint32(0, 0x08074b50, true);
    v.setUint32(4, entry.crc >>> 0, true);
    v.setUint32(8, entry.compressed, true);
    v.setUint32(12, entry.size, true);
  });
}

/** The central directory and its end record, for entries written from offset 0 to `at`. */
export function centralDirectory(entries: ZipRecord[], modified: number, at: number): Uint8Array[] {
  if (entries.length > 0xffff) throw new Error('A ZIP of more than 65,535 entries needs ZIP64, which this writer does not do.');
  const headers = entries.map((entry) =>
    record(46 + entry.name.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, VERSION, true); // made by
      v.setUint16(6, VERSION, true); // needed
      v.setUint16(8, flagsOf(entry.name), true);
      v.setUint16(10, DEFLATE, true);
      v.setUint32(12, modified, true);
      v.setUint32(16, entry.crc >>> 0, true);
      v.setUint32(20, entry.compressed, true);
      v.setUint32(24, entry.size, true);
      v.setUint16(28, entry.name.length, true);
      v.setUint32(42, entry.offset, true);
      new Uint8Array(v.buffer).set(entry.name, 46);
    }),
  );
  const size = headers.reduce((sum, header) => sum + header.length, 0);
  fits({ compressed: 0, size, offset: at });
  const end = record(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, entries.length, true);
    v.setUint16(10, entries.length, true);
    v.setUint32(12, size, true);
    v.setUint32(16, at, true);
  });
  return [...headers, end];
}
