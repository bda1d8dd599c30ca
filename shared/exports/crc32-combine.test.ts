import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from './crc32-combine.ts';

describe('crc32Combine', () => {
  it('gives the CRC-32 of two pieces joined, from the CRC of each and the length of the second', () => {
    const cases: [string, number][] = [
      ['\uFEFFRecord id,Recorded on\r\n', 1],
      ['h', 3],
      ['', 70_000],
      ['header', 65_537],
      ['x', 3_000_001],
    ];
    for (const [head, length] of cases) {
      const a = Buffer.from(head);
      const b = Buffer.alloc(length, 't1,2026-02-20,"ß€, ""x"""\r\n');
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
    }
  });

  it('gives the first CRC back when the second piece is empty', () => {
    expect(crc32Combine(crc32('abc'), 0, 0)).toBe(crc32('abc'));
  });
});
