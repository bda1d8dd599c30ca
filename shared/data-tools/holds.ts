import { type StaffContext, staffActor } from '../admin/context.ts';
import type { StaffRecord } from '../admin-api.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { LegalHold } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { listStaff } from '../staff/directory.ts';
import { requirePermission } from '../staff/permissions.ts';
import { HOLD_PERSON_WORDING } from './hold-wording.ts';
import { loadRecord, recordView } from './subject.ts';

/**
 * Places (`place: true`) or lifts a legal hold on one record, with a reason either way. A held
 * record is skipped by erasure and the retention sweep until the hold is lifted. The reason is
 * free text that may name people, so the audit event keeps it in its `personal` part. The
 * internal reason stays with staff; the person only ever sees `personWording` (or the default).
 */
export async function setLegalHold(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; recordId: string; place: boolean; reason: string; personWording?: string },
): Promise<StaffRecord> {
  const slug = ctx.tenant.slug;
  await requirePermission(deps, ctx, 'act', input.place ? 'place-hold' : 'lift-hold');
  const { subject, record, category } = await loadRecord(deps, ctx, input.subjectId, input.recordId);
  if (input.place && record.hold) {
    throw new DomainError('conflict', 'This record is already under a legal hold. Lift it first to give a new reason.');
  }
  if (!input.place && !record.hold) throw new DomainError('conflict', 'This record is not under a legal hold.');
  const hold: LegalHold | null = input.place
    ? {
        reason: input.reason,
        personWording: input.personWording?.trim() || HOLD_PERSON_WORDING,
        by: ctx.member.email,
        at: deps.clock.now().toISOString(),
      }
    : null;
  await deps.subjects.setHold({
    tenant: slug,
    subjectId: subject.id,
    record,
    hold,
    effects: {
      audit: [
        {
          action: input.place ? 'staff.hold_placed' : 'staff.hold_lifted',
          actor: staffActor(ctx),
          subjectId: subject.id,
          detail: { recordId: record.id, category: category.id },
          personal: { reason: input.reason, ...(hold?.personWording ? { personWording: hold.personWording } : {}) },
        },
      ],
    },
  });
  const updated = { ...record, ...(hold ? { hold } : {}) };
  if (!hold) delete updated.hold;
  return recordView(updated, await listStaff(deps, ctx.tenant), subject, category, ukDate(deps.clock.now()));
}
