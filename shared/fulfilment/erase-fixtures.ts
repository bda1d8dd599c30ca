import { memoryDeps } from '../../test/support/in-memory/deps.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { DataRecord, Subject } from '../entities.ts';
import { eraseSubject } from './erase.ts';

export const tenant = testTenant();
export const hashKey = 'test-hash-key';
// Today is 10 March 2026 in the UK.
export const now = new Date('2026-03-10T12:00:00.000Z');
export const staff = { type: 'staff', id: 'sam@acme.example' } as const;
export const HMRC = 'HMRC requires us to keep invoices for six years.';
export const CLAIMS = 'We may need them to defend a legal claim.';

export const record = (id: string, category: string, recordedOn = '2025-06-01', extra: Partial<DataRecord> = {}): DataRecord => ({
  id,
  category,
  recordedOn,
  data: { note: id },
  ...extra,
});

/** Ann, with records in each category, and what a whole erasure must also reach. */
export function withAnn(records: DataRecord[], subject: Partial<Subject> = {}) {
  const centre = memoryDeps(tenant, now, hashKey);
  const ann: Subject = {
    id: 'ann',
    tenant: 'acme',
    email: 'ann@example.com',
    relationship: { startedOn: '2019-01-01' },
    createdAt: '2019-01-01T00:00:00.000Z',
    version: 3,
    ...subject,
  };
  centre.state.subjects.set('acme|ann', ann);
  centre.state.records.set('acme|ann', records);
  return centre;
}

export const erase = (centre: ReturnType<typeof withAnn>, categories: '*' | string[] = '*', requestId: string | null = 'req-9') =>
  eraseSubject(centre.deps, { tenant, subjectId: 'ann', categories, actor: staff, ...(requestId ? { requestId } : {}) });

export const left = (centre: ReturnType<typeof withAnn>) => (centre.state.records.get('acme|ann') ?? []).map((r) => r.id).sort();
