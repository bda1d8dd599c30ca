import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataRecord } from '../../../shared/entities.ts';
import { csvSpill } from '../../../shared/exports/csv-spill.ts';
import type { ZipContent, ZipDeflated } from '../../../shared/exports/zip.ts';
import { fsScratchSpace } from './scratch.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pc-scratch-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const ticket = (id: string, data: Record<string, unknown>): DataRecord => ({
  id,
  category: 'support-tickets',
  recordedOn: '2026-02-20',
  data: data as DataRecord['data'],
});

/** The CSV an entry holds: its text, or its deflated bytes inflated (checking the CRC and size the ZIP will state). */
const text = async (csv: Promise<ZipContent | ZipDeflated>) => {
  const entry = await csv;
  if ('content' in entry) {
    let out = '';
    for await (const piece of entry.content) out += typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8');
    return out;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of entry.deflated.data) chunks.push(chunk);
  const bytes = inflateRawSync(Buffer.concat(chunks));
  expect(bytes.length).toBe(entry.deflated.size);
  expect(entry.deflated.crc).toBe(crc32(bytes));
  return bytes.toString('utf8');
};

describe('the CSV spill in scratch files', () => {
  it('gives back every row, pads rows spilled before a later key was met, and deletes the file once read', async () => {
    const spill = csvSpill(fsScratchSpace(root));
    await spill.add(ticket('t1', { subject: 'Printer says "jam",\nagain', note: 'x' }), ['subject'], []);
    await spill.add(ticket('t2', { subject: '=1+1', note: 'later key' }), ['subject'], ['note']);
    for (let i = 3; i <= 2000; i++) await spill.add(ticket(`t${i}`, { subject: 'ß€😀'.repeat(20) }), ['subject'], ['note']);
    expect(readdirSync(root)).toHaveLength(1);

    const csv = await text(spill.csv('support-tickets', ['Record id', 'Recorded on', 'Subject', 'note']));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFRecord id,Recorded on,Subject,note');
    expect(lines[1]).toBe('t1,2026-02-20,"Printer says ""jam"",\nagain",');
    expect(lines[2]).toBe("t2,2026-02-20,'=1+1,later key");
    expect(lines[2000]).toBe(`t2000,2026-02-20,${'ß€😀'.repeat(20)},`);
    expect(lines).toHaveLength(2002); // the header, 2,000 records, after the last CRLF nothing
    expect(readdirSync(root)).toEqual([]);
  });

  it('deflates a category whose columns were all known from its first row while the rows are written, the header put in front', async () => {
    const spill = csvSpill(fsScratchSpace(root));
    for (let i = 1; i <= 3000; i++) await spill.add(ticket(`t${i}`, { subject: `Ticket ${i}, «ß€😀»` }), ['subject'], []);
    await spill.add({ ...ticket('p1', { amount: '£1' }), category: 'payments' }, ['amount'], []);

    const entry = await spill.csv('support-tickets', ['Record id', 'Recorded on', 'Sujet «€»']);
    expect('deflated' in entry).toBe(true);
    const lines = (await text(Promise.resolve(entry))).split('\r\n');
    expect(lines[0]).toBe('\uFEFFRecord id,Recorded on,Sujet «€»');
    expect(lines[1]).toBe('t1,2026-02-20,"Ticket 1, «ß€😀»"');
    expect(lines[3000]).toBe('t3000,2026-02-20,"Ticket 3000, «ß€😀»"');
    expect(lines).toHaveLength(3002);
    expect(await text(spill.csv('payments', ['Record id', 'Recorded on', 'Amount']))).toBe(
      '\uFEFFRecord id,Recorded on,Amount\r\np1,2026-02-20,£1\r\n',
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it('gives a header alone for a category with no records, and dispose deletes what was never read', async () => {
    const spill = csvSpill(fsScratchSpace(root));
    expect(await text(spill.csv('payments', ['Record id', 'Recorded on']))).toBe('\uFEFFRecord id,Recorded on\r\n');
    await spill.add(ticket('t1', { subject: 'a' }), ['subject'], []);
    await spill.add({ ...ticket('p1', {}), category: 'payments' }, [], []);
    expect(readdirSync(root)).toHaveLength(2);
    await spill.dispose();
    await spill.dispose();
    expect(readdirSync(root)).toEqual([]);
  });

  it('can be disposed of with writes still in flight, and what comes after goes nowhere', async () => {
    const file = await fsScratchSpace(root).create();
    const piece = Buffer.alloc(256 * 1024, 'x');
    // Not awaited, as a compressor's output may still be on its way when a build is given up.
    for (let i = 0; i < 8; i++) file.append(piece).catch(() => undefined);
    await file.dispose();
    await file.append(piece);
    // An error emitted with no listener would end the process (vitest fails the run on it).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readdirSync(root)).toEqual([]);
  });
});
