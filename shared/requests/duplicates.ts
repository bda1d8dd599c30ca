import { sha256 } from '../crypto.ts';
import type { RightsRequest } from '../entities.ts';
import type { RequestKind } from '../vocabulary.ts';
import { isOpen } from './lifecycle.ts';

/**
 * Duplicates and repeats. A duplicate is a second OPEN request of the same kind and scope from
 * the same person: the person is told they have one open (reference, due date) and may add to
 * it; staff merge those that arrived anyway. A repeat asks again for what an earlier, answered
 * request gave: staff may answer by pointing to that answer, charge for a further copy (Art.
 * 15(3)) or refuse it as manifestly excessive (Art. 12(5)).
 */

const norm = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? [...value].sort().join(',') : (value ?? '')).trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * What a request covers, as one string: the same for two requests asking the same thing. Notes
 * and reasons are the person's words and do not change what is asked; the categories, the record
 * and field, the processing objected to and the decision do.
 */
export function scopeOf(kind: RequestKind, details: RightsRequest['details']): string {
  switch (kind) {
    case 'access':
    case 'erasure':
    case 'restriction':
    case 'portability':
      return [
        kind,
        details.scope === 'some' ? norm(details.categories) : 'everything',
        // An erasure of single records: another record is another request.
        ...(details.recordIds ? [norm(details.recordIds)] : []),
      ].join('|');
    case 'rectification':
      return [
        kind,
        norm(details.recordId),
        norm(details.field ?? details.fieldLabel),
        norm(details.value ?? details.proposedValue),
      ].join('|');
    case 'objection':
      return [kind, norm(details.processing)].join('|');
    case 'automated-decision':
      return [kind, norm(details.decision)].join('|');
  }
}

/** The key of a person's one open request of a scope, as the store guards it (no personal words in a key). */
export const openSlotKey = (kind: RequestKind, details: RightsRequest['details']) => sha256(scopeOf(kind, details)).slice(0, 32);

/** The person's open request of the same kind and scope, the earliest received first. */
export function openDuplicateOf(
  requests: RightsRequest[],
  kind: RequestKind,
  details: RightsRequest['details'],
  exceptId?: string,
): RightsRequest | undefined {
  const scope = scopeOf(kind, details);
  return requests
    .filter((r) => r.id !== exceptId && isOpen(r.status) && r.kind === kind && scopeOf(r.kind, r.details) === scope)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))[0];
}

/** Closed requests of the same scope: a slot they held is free again (the newest 90, within the store's limit). */
export function closedOfScope(requests: RightsRequest[], kind: RequestKind, details: RightsRequest['details']): string[] {
  const scope = scopeOf(kind, details);
  return requests
    .filter((r) => !isOpen(r.status) && r.kind === kind && scopeOf(r.kind, r.details) === scope)
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, 90)
    .map((r) => r.id);
}

/** Of two duplicates, the one that stays: the earliest received (its deadline stands), then the earliest filed. */
export function survivorOf(a: RightsRequest, b: RightsRequest): [survivor: RightsRequest, merged: RightsRequest] {
  const order = a.receivedOn.localeCompare(b.receivedOn) || a.receivedAt.localeCompare(b.receivedAt);
  return order <= 0 ? [a, b] : [b, a];
}

/** The day a closed request was answered (completed or refused), from its history. */
export function answeredOn(r: RightsRequest): string | undefined {
  return [...r.history].reverse().find((h) => h.type === 'completed' || h.type === 'refused')?.at;
}
