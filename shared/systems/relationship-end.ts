import { ukDate } from '../deadlines.ts';
import type { Clock } from '../deps.ts';
import type { SubjectStore } from '../ports.ts';
import { relationshipPersonal } from '../relationship.ts';
import type { SystemRecord } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { inactiveMarkers, type SystemKind } from './kinds.ts';

/**
 * Whether what a system holds says the person is no longer one of its contacts: the system is
 * declared to end relationships, it holds the marker's object for them, and every such object is
 * marked inactive (one active contact among several keeps the relationship going).
 */
export function saysInactive(system: SystemDeclaration, records: readonly SystemRecord[]): boolean {
  const marker = inactiveMarkers[system.kind as SystemKind];
  if (!system.endsRelationship || !marker) return false;
  const contacts = records.filter((r) => r.object === marker.object);
  return contacts.length > 0 && contacts.every((r) => marker.inactive.includes(r.data[marker.field] as never));
}

export interface RelationshipEndDeps {
  subjects: Pick<SubjectStore, 'get' | 'setRelationship'>;
  clock: Clock;
}

/**
 * Sets the end of the person's relationship to today because the system says they are inactive,
 * unless it has already ended (an end staff recorded is never moved) or the person was erased.
 * Audited as the system's doing, naming it; the date goes in the event's personal part, as a
 * handler's change does. Returns whether it changed anything.
 */
export async function endRelationshipFrom(
  deps: RelationshipEndDeps,
  ref: { tenant: string; subjectId: string },
  system: SystemDeclaration,
): Promise<boolean> {
  const subject = await deps.subjects.get(ref.tenant, ref.subjectId);
  if (!subject || subject.erasedAt || subject.relationship.endedOn) return false;
  const says = inactiveMarkers[system.kind as SystemKind]?.says ?? 'the person is inactive';
  const ended = { ...subject.relationship, endedOn: ukDate(deps.clock.now()) };
  await deps.subjects.setRelationship({
    tenant: ref.tenant,
    subjectId: subject.id,
    relationship: ended,
    effects: {
      audit: [
        {
          action: 'systems.relationship_ended',
          actor: { type: 'system' },
          subjectId: subject.id,
          detail: { systemId: system.id, changed: 'endedOn', ended: true },
          personal: relationshipPersonal(subject.relationship, ended, `${system.name}: ${says}`),
        },
      ],
    },
  });
  return true;
}
