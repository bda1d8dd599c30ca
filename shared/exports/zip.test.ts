import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream } from './zip.ts';

describe('the streaming ZIP writer', () => {
  it('writes entries that any unzip reads back', async () => {
    const chunks: Uint8Array[] = [];
    const entries = [
      { name: 'a.json', content: ['{"x":', '1}'] },
      { name: 'b.csv', content: ['\uFEFFname\r\n', 'Zoë\r\n'] },
    ];
    for await (const chunk of zipStream(entries, new Date('2026-03-02T10:00:00Z'))) chunks.push(chunk);
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(Object.keys(files)).toEqual(['a.json', 'b.csv']);
    expect(strFromU8(files['a.json'] as Uint8Array)).toBe('{"x":1}');
    expect(strFromU8(files['b.csv'] as Uint8Array)).toBe('name\r\nZoë\r\n');
  });

  it('passes Info-ZIP’s integrity test (sizes and CRC-32 of every entry) on a multi-megabyte entry', async () => {
    const chunks: Uint8Array[] = [];
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${'Zoë £ 😀 '.repeat(5000)}\r\n`);
    const entries = [
      { name: 'data.json', content: ['{"a":', '[1,2,3]}'] },
      { name: 'big.csv', content: rows },
      { name: 'empty.csv', content: [] },
    ];
    for await (const chunk of zipStream(entries, new Date('2026-03-02T10:00:00Z'))) chunks.push(chunk);
    const dir = mkdtempSync(join(tmpdir(), 'pc-zip-test-'));
    try {
      writeFileSync(join(dir, 'out.zip'), Buffer.concat(chunks));
      const report = execFileSync('unzip', ['-t', join(dir, 'out.zip')], { encoding: 'utf8' });
      expect(report).toContain('No errors detected');
      expect(report).toMatch(/testing: big\.csv +OK/);
      const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
      expect(strFromU8(files['big.csv'] as Uint8Array)).toBe(rows.join(''));
      expect(files['empty.csv']).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands out bytes while an entry is still being written, never holding it whole', async () => {
    let produced = 0;
    const piece = 'x'.repeat(64 * 1024);
    async function* endless() {
      // 64 MB if it were read to the end; the reader stops long before.
      for (let i = 0; i < 1024; i++) {
        produced++;
        yield `${piece}${i}`;
      }
    }
    let received = 0;
    for await (const chunk of zipStream([{ name: 'big.txt', content: endless() }], new Date())) {
      received += chunk.length;
      if (received > 0 && produced < 1024) break;
    }
    expect(received).toBeGreaterThan(0);
    // The compressor takes up to 1 MB before its writer waits, and a piece of one letter repeated
    // deflates to a few dozen bytes: a few dozen pieces go in (and are let go of) before the first
    // bytes come out.
    expect(produced).toBeLessThan(128);
  });
});
