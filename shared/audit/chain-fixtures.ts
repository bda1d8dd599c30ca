import { type MemoryAuditTrail, memoryAuditTrail } from '../../test/support/in-memory/audit-trail.ts';
import { sha256 } from '../crypto.ts';
import type { AuditEventInput } from '../entities.ts';
import { linkAuditTrail } from './chain.ts';

export const tenant = 'acme';
// The first link names this hash: changing it would break every chain already written.
export const genesis = sha256(`privacy-centre audit chain genesis:${tenant}`);

export function event(i: number, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return { action: 'test.happened', actor: { type: 'staff', id: 'sam@acme.example' }, subjectId: 's1', detail: { i }, ...extra };
}

/** A trail with `n` events written a second apart (the second one with personal data), linked. */
export async function linkedTrail(n = 5): Promise<MemoryAuditTrail> {
  const trail = memoryAuditTrail();
  for (let i = 1; i <= n; i++) {
    const personal = i === 2 ? { personal: { old: 'Smith', new: 'Jones' } } : {};
    trail.write(tenant, [event(i, personal)], new Date(Date.UTC(2026, 2, 1, 9, 0, i)).toISOString());
  }
  await linkAuditTrail(trail, tenant);
  return trail;
}

export const atSeq = (trail: MemoryAuditTrail, seq: number) => trail.stored(tenant).find((e) => e.seq === seq)!;
