import { type StaffContext, staffActor } from '../admin/context.ts';
import type { RecordCorrected } from '../admin-api.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { AuditEventInput, DataRecord } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { FieldError } from '../profile/update.ts';
import { checkField } from '../profile/validate.ts';
import { listStaff } from '../staff/directory.ts';
import { requirePermission } from '../staff/permissions.ts';
import { maskValue } from './import-rows.ts';
import { isSignInEmail, loadRecord, recordView } from './subject.ts';

/**
 * Staff correct a record (rectification, or a plain mistake): any field of its category, with
 * the same validation as the person's own edits, except the sign-in address (the person changes
 * it with a confirmation). The subject's `version` guards against a change made meanwhile (409
 * with the newest values); every changed field is an audit event whose old → new values sit in
 * its `personal` part, in the same transaction as the change.
 */
export async function correctRecord(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; recordId: string; version: number; changes: Record<string, string> },
): Promise<RecordCorrected> {
  await requirePermission(deps, ctx, 'act', 'correct-record');
  const plan = await planCorrection(deps, ctx, input);
  const { subject, record, category } = plan;
  const staff = await listStaff(deps, ctx.tenant);
  const view = (r: DataRecord, version: number) => ({
    version,
    record: recordView(r, staff, subject, category, ukDate(deps.clock.now())),
  });
  if (plan.changed.length === 0) {
    if (input.version !== subject.version) throw await conflict(deps, ctx, input.subjectId, record.id);
    return view(record, subject.version);
  }
  try {
    const version = await deps.subjects.updateRecord({
      tenant: ctx.tenant.slug,
      subjectId: subject.id,
      record: plan.updated,
      expectedVersion: input.version,
      effects: { audit: plan.audit },
    });
    return view(plan.updated, version);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') throw await conflict(deps, ctx, input.subjectId, record.id);
    throw error;
  }
}

/**
 * A correction checked and worked out, not saved: the record with its new data, the fields that
 * change and their audit events (old → new in the `personal` part). Saved by `correctRecord`, or
 * with another change in one transaction (a rectification applied from its request: `Effects.records`).
 */
export async function planCorrection(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; recordId: string; changes: Record<string, string> },
) {
  const { subject, record, category } = await loadRecord(deps, ctx, input.subjectId, input.recordId);

  const errors: FieldError[] = [];
  const next: DataRecord['data'] = { ...record.data };
  for (const [fieldId, raw] of Object.entries(input.changes)) {
    const field = category.fields.find((f) => f.id === fieldId);
    if (!field) errors.push({ field: fieldId, message: `${category.name} has no field "${fieldId}"` });
    else if (isSignInEmail(category.id, fieldId)) {
      errors.push({
        field: fieldId,
        message: 'The sign-in address changes only when the person confirms a new one (Change email address).',
      });
    } else if (!raw.trim() && field.required) {
      errors.push({ field: fieldId, message: `${field.label} cannot be left empty` });
    } else {
      const check = checkField(field, raw);
      if (!check.ok) errors.push({ field: fieldId, message: check.message });
      else if (check.value === '') delete next[fieldId];
      else
        next[fieldId] =
          field.kind === 'masked' && check.value !== String(record.data[fieldId] ?? '') ? maskValue(check.value) : check.value;
    }
  }
  if (errors.length > 0) throw new DomainError('bad_request', 'Please correct the details marked below.', { fields: errors });

  const changed = Object.keys(input.changes).filter((f) => String(record.data[f] ?? '') !== String(next[f] ?? ''));
  const actor = staffActor(ctx);
  const audit: AuditEventInput[] = changed.map((field) => ({
    action: 'staff.record_corrected',
    actor,
    subjectId: subject.id,
    detail: { recordId: record.id, category: category.id, field },
    // Old → new is personal data: kept apart, so erasure can remove it without breaking the chain.
    personal: { old: String(record.data[field] ?? ''), new: String(next[field] ?? '') },
  }));
  return { subject, record, category, updated: { ...record, data: next }, changed, audit };
}

async function conflict(deps: Deps, ctx: StaffContext, subjectId: string, recordId: string): Promise<DomainError> {
  const { subject, record, category } = await loadRecord(deps, ctx, subjectId, recordId);
  const staff = await listStaff(deps, ctx.tenant);
  return new DomainError(
    'conflict',
    'This person’s details were changed meanwhile. Here are the newest values: check them and save again.',
    {
      version: subject.version,
      record: recordView(record, staff, subject, category, ukDate(deps.clock.now())),
    },
  );
}
