import { type StaffContext, staffActor } from '../admin/context.ts';
import type { RelationshipRequest } from '../admin-api.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { type Relationship, relationshipChanges, relationshipOf, relationshipPersonal } from '../relationship.ts';
import { requirePermission } from '../staff/permissions.ts';
import type { RelationshipKind } from '../vocabulary.ts';
import { loadSubject } from './subject.ts';

/** A kind the tenant does not declare is refused, naming the field. */
export function checkKind(tenant: TenantConfig, kind: RelationshipKind | undefined, field = 'kind'): void {
  if (kind && !tenant.relationshipKinds.some((k) => k.id === kind)) {
    const message = `${tenant.name} does not declare the relationship kind “${kind}”`;
    throw new DomainError('bad_request', message, { fields: [{ field, message }] });
  }
}

/**
 * Staff record (or correct) when a person's relationship with the organisation began and ended:
 * every "so long after the relationship ends" retention rule counts from the end, so from now the
 * person's pages show the date their data is due for deletion and the retention sweep deletes it
 * then. A start in the future is refused; an end may be ahead (a contract's known last day). The
 * kind (customer, applicant, …) decides the marketing default (shared/marketing/defaults.ts).
 * Audited with the reason; the old and new dates go in the event's personal part.
 */
export async function setRelationship(
  deps: Deps,
  ctx: StaffContext,
  input: RelationshipRequest & { subjectId: string },
): Promise<Relationship> {
  await requirePermission(deps, ctx, 'act', 'set-relationship');
  const subject = await loadSubject(deps, ctx, input.subjectId);
  if (subject.erasedAt) throw new DomainError('conflict', 'This person’s data was erased: only what had to be kept remains.');
  const today = ukDate(deps.clock.now());
  if (input.startedOn > today) {
    const message = 'The relationship cannot start in the future';
    throw new DomainError('bad_request', message, { fields: [{ field: 'startedOn', message }] });
  }
  checkKind(ctx.tenant, input.kind);
  const after = relationshipOf(input.startedOn, input.endedOn, input.kind ?? subject.relationship.kind);
  const changed = relationshipChanges(subject.relationship, after);
  if (changed.length === 0) return subject.relationship;
  await deps.subjects.setRelationship({
    tenant: ctx.tenant.slug,
    subjectId: subject.id,
    relationship: after,
    effects: {
      audit: [
        {
          action: 'staff.relationship_set',
          actor: staffActor(ctx),
          subjectId: subject.id,
          detail: { changed: changed.join(','), ended: Boolean(after.endedOn), ...(after.kind ? { kind: after.kind } : {}) },
          personal: relationshipPersonal(subject.relationship, after, input.reason),
        },
      ],
    },
  });
  return after;
}
