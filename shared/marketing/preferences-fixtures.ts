import { memoryDeps } from '../../test/support/in-memory/deps.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import { keyedHash } from '../crypto.ts';
import type { ConsentEvent, DataRecord, Subject } from '../entities.ts';
import type { currentPreferences } from './preferences.ts';

export const tenant = testTenant();
/** Legitimate interests: the soft opt-in for customers, for "offers" (the similar products), by email and SMS. */
export const softOptIn = testTenant({
  marketing: {
    ...tenant.marketing,
    lawfulBasis: 'legitimate-interests',
    topics: tenant.marketing.topics.map((t) => ({ ...t, similarProducts: t.id === 'offers' })),
  },
});
export const now = new Date('2026-03-10T12:00:00.000Z');
export const hashKey = 'test-hash-key';

export function consent(at: string, channel: string, topic: string, granted: boolean, id = at): ConsentEvent {
  return {
    id,
    at,
    channel,
    topic,
    granted,
    wording: 'w',
    policyVersion: '1',
    lawfulBasis: 'consent',
    source: 'portal',
  };
}

export const cell = (state: ReturnType<typeof currentPreferences>, channel: string, topic: string) =>
  state.cells.find((c) => c.channel === channel && c.topic === topic);

/** An in-memory centre with one subject, Ann, reachable by email and mobile. */
export function withAnn(subject: Partial<Subject> = {}, identity: DataRecord['data'] = { mobile: '07700 900123' }) {
  const centre = memoryDeps(tenant, now, hashKey);
  const ann: Subject = {
    id: 'ann',
    tenant: tenant.slug,
    email: 'Ann@Example.com',
    relationship: { startedOn: '2025-01-01', kind: 'customer' },
    createdAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...subject,
  };
  centre.state.subjects.set('acme|ann', ann);
  centre.state.records.set('acme|ann', [
    // A contract comes first in key order: the identity record must be looked for, not assumed.
    { id: 'r0', category: 'contracts', recordedOn: '2025-01-01', data: { note: 'Managed service' } },
    {
      id: 'r1',
      category: 'identity',
      recordedOn: '2025-01-01',
      data: { firstName: 'Ann', email: 'ann@example.com', ...identity },
    },
  ]);
  return centre;
}

/** Acme's suppression key (HASH_KEY version 1), and Ann's entries under it, stored `s1:<hex>`. */
export const annKey = keyedHash(hashKey, 'suppression-key:v2:acme');
export const annEmailHash = `s1:${keyedHash(annKey, 'email:ann@example.com')}`;
export const annMobileHash = `s1:${keyedHash(annKey, 'phone:07700900123')}`;
/** Ann's entries as written before the list had a per-tenant key. */
export const annLegacyEmailHash = keyedHash(hashKey, 'suppress:acme:email:ann@example.com');
