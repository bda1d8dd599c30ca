import type { Deps } from '../deps.ts';
import type { Actor, DataRecord } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { checkField } from './validate.ts';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The subject corrects fields of one of their records. Only fields the policy marks editable,
 * each validated; a stale `version` is a conflict whose details carry the newest values. Every
 * changed field is an audit event (old → new) in the same transaction as the change.
 */
export async function updateMyRecord(
  deps: Deps,
  input: { tenant: TenantConfig; subjectId: string; recordId: string; version: number; changes: Record<string, string> },
): Promise<{ version: number; record: DataRecord }> {
  const { tenant, subjectId } = input;
  const [subject, records] = await Promise.all([
    deps.subjects.get(tenant.slug, subjectId),
    deps.subjects.listRecords(tenant.slug, subjectId),
  ]);
  const record = records.find((r) => r.id === input.recordId);
  const category = tenant.categories.find((c) => c.id === record?.category);
  if (!subject || !record || !category) throw new DomainError('not_found', 'That record does not exist.');

  const errors: FieldError[] = [];
  const next: DataRecord['data'] = { ...record.data };
  for (const [fieldId, raw] of Object.entries(input.changes)) {
    const field = category.fields.find((f) => f.id === fieldId);
    if (!field) {
      errors.push({ field: fieldId, message: `${category.name} has no field "${fieldId}"` });
    } else if (field.kind === 'email') {
      errors.push({
        field: fieldId,
        message: 'Change your email address with “Change email address”: we confirm the new one first.',
      });
    } else if (!field.editable) {
      errors.push({
        field: fieldId,
        message: `${field.label} is kept by ${field.ownedBy ?? 'us'}: ask for a correction instead.`,
      });
    } else {
      const check = checkField(field, raw);
      if (check.ok) next[fieldId] = check.value;
      else errors.push({ field: fieldId, message: check.message });
    }
  }
  if (errors.length > 0) throw new DomainError('bad_request', 'Please correct the details marked below.', { fields: errors });

  const changed = Object.keys(input.changes).filter((f) => String(record.data[f] ?? '') !== String(next[f] ?? ''));
  if (changed.length === 0) {
    if (input.version !== subject.version) throw await conflict(deps, tenant.slug, subjectId, record.id);
    return { version: subject.version, record };
  }
  const actor: Actor = { type: 'subject', id: subjectId };
  const updated = { ...record, data: next };
  try {
    const version = await deps.subjects.updateRecord({
      tenant: tenant.slug,
      subjectId,
      record: updated,
      expectedVersion: input.version,
      effects: {
        audit: changed.map((field) => ({
          action: 'profile.field_changed',
          actor,
          subjectId,
          detail: { recordId: record.id, category: category.id, field },
          // Old → new is personal data: kept apart, so erasure can remove it without breaking the chain.
          personal: { old: String(record.data[field] ?? ''), new: String(next[field] ?? '') },
        })),
      },
    });
    return { version, record: updated };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') throw await conflict(deps, tenant.slug, subjectId, record.id);
    throw error;
  }
}

async function conflict(deps: Deps, tenant: string, subjectId: string, recordId: string): Promise<DomainError> {
  const [subject, records] = await Promise.all([
    deps.subjects.get(tenant, subjectId),
    deps.subjects.listRecords(tenant, subjectId),
  ]);
  return new DomainError(
    'conflict',
    'These details were changed meanwhile (perhaps in another window). Here are the newest values.',
    {
      version: subject?.version ?? 0,
      record: records.find((r) => r.id === recordId),
    },
  );
}
