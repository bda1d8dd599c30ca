import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fsScratchSpace } from '../../functions/adapters/fs/scratch.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { DataRecord } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { correctingPsa, fixtureStep } from '../systems/fixtures.ts';
import { at, fixtureRun } from '../systems/run-fixtures.ts';
import { exportEntries } from './content.ts';
import type { ExportJob } from './ports.ts';
import { zipStream } from './zip.ts';

/**
 * A tenant whose identity record holds an honorific ("Title") and whose PSA's contacts hold a job
 * title under the vendor's own key `title`, declared as the centre's `employment.jobTitle`.
 */
function tenantWithTitles(): TenantConfig {
  const base = testTenant();
  const identity = base.categories.find((c) => c.id === 'identity')!;
  const contracts = base.categories.find((c) => c.id === 'contracts')!;
  const field = identity.fields[0]!;
  return {
    ...base,
    categories: [
      { ...identity, fields: [{ ...field, id: 'title', label: 'Title' }, ...identity.fields] },
      { ...contracts, id: 'employment', name: 'Your job', fields: [{ ...field, id: 'jobTitle', label: 'Job title' }] },
      ...base.categories.filter((c) => c !== identity),
    ],
    systems: [correctingPsa({ firstName: 'firstName', 'employment.jobTitle': 'title' })],
  };
}

const own: DataRecord = {
  id: 'i1',
  category: 'identity',
  recordedOn: '2026-01-01',
  data: { title: 'Mx', firstName: 'Alex', lastName: 'Morgan', email: 'alex.morgan@example.com' },
};

/** Builds an export of the centre's records and a run, and reads its files back from the ZIP. */
async function build(tenant: TenantConfig, records: DataRecord[], run = fixtureRun([])) {
  const entries = exportEntries({
    deps: {
      subjects: {
        async *iterateRecords() {
          yield records;
        },
      },
      consents: { list: async () => [] },
      scratch: fsScratchSpace(),
    } as never,
    tenant,
    subject: { id: 'sub-1', email: 'alex.morgan@example.com', relationship: {} } as never,
    request: { reference: 'ACM-2026-000001', receivedOn: '2026-11-19', searches: [] } as never,
    job: { kind: 'access' } as ExportJob,
    run,
    generatedAt: new Date(at),
    onProgress: async () => undefined,
  });
  const chunks: Uint8Array[] = [];
  for await (const chunk of zipStream(entries, new Date(at))) chunks.push(chunk);
  const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** A CSV's rows as objects keyed by its header (the cells here hold no commas or quotes). */
function rows(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const columns = head!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i]!, cell])));
}

describe('a CSV of the centre’s and a connected system’s records', () => {
  it('keeps one meaning per column: a system’s job title is not put under the honorific "Title"', async () => {
    const run = fixtureRun([
      {
        step: fixtureStep('autotask', 'Autotask PSA', 'read'),
        outcome: {
          state: 'found',
          count: 1,
          at,
          records: [
            {
              ref: 'contact:30',
              object: 'contact',
              category: 'identity',
              data: { firstName: 'Alex', title: 'Practice Office Manager' },
            },
          ],
        },
      },
    ]);
    const files = await build(tenantWithTitles(), [own], run);
    const identity = rows(files['identity.csv'] as string);
    expect(identity.map((r) => [r['Record id'], r.Title, r['Job title'], r['First name'], r['Held in']])).toEqual([
      ['i1', 'Mx', '', 'Alex', ''],
      ['autotask/contact:30', '', 'Practice Office Manager', 'Alex', 'Autotask PSA'],
    ]);
    // data.json keeps the system's record under its own field names, with its source.
    const data = JSON.parse(files['data.json'] as string);
    const held = data.categories.find((c: { id: string }) => c.id === 'identity').records[1];
    expect(held).toMatchObject({ source: { system: 'autotask' }, data: { title: 'Practice Office Manager' } });
  });
});
