import type { Subject } from './entities.ts';
import type { RelationshipKind } from './vocabulary.ts';

/* How a person's relationship with the organisation is stored and its changes audited: shared by
   staff (data-tools/relationship.ts), imports, and a PSA that says the person is inactive. */

export type Relationship = Subject['relationship'];

/** The relationship as stored: no `endedOn` key while it lasts, no `kind` until someone says. */
export const relationshipOf = (
  startedOn: string,
  endedOn: string | null | undefined,
  kind?: RelationshipKind | undefined,
): Relationship => ({
  startedOn,
  ...(endedOn ? { endedOn } : {}),
  ...(kind ? { kind } : {}),
});

/** Which of the dates and the kind differ, for the audit event (the dates themselves are kept apart, as personal). */
export const relationshipChanges = (before: Relationship, after: Relationship) =>
  (['startedOn', 'endedOn', 'kind'] as const).filter((k) => (before[k] ?? null) !== (after[k] ?? null));

/** The old and new dates (and a reason) for an audit event's personal part. */
export const relationshipPersonal = (before: Relationship, after: Relationship, reason?: string) => ({
  startedOnBefore: before.startedOn,
  endedOnBefore: before.endedOn ?? '',
  startedOn: after.startedOn,
  endedOn: after.endedOn ?? '',
  ...(reason ? { reason } : {}),
});
