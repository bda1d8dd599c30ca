import { newId } from '../crypto.ts';
import { dueDate, fixedPeriodDueDate, ukDate } from '../deadlines.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { Deps, RightsRequest } from '../ports.ts';

/** The legal due date for a request received on `receivedOn`, or the tenant's shorter promise. */
export function requestDueOn(tenant: TenantConfig, receivedOn: string): string {
  return tenant.deadline.fixedDays
    ? fixedPeriodDueDate({ received: receivedOn, nation: tenant.nation, days: tenant.deadline.fixedDays })
    : dueDate({ received: receivedOn, nation: tenant.nation });
}

/**
 * "Ask for a correction" of a field the subject cannot edit themselves (the employer's, or a
 * record of fact): a rectification request with a reference and the legal due date, audited and
 * acknowledged by email. The rights-request workflow picks it up from here.
 */
export async function askForCorrection(
  deps: Deps,
  input: { tenant: TenantConfig; subjectId: string; recordId: string; field: string; proposedValue: string; note?: string },
): Promise<RightsRequest> {
  const { tenant, subjectId } = input;
  const [subject, records] = await Promise.all([
    deps.subjects.get(tenant.slug, subjectId),
    deps.subjects.listRecords(tenant.slug, subjectId),
  ]);
  const record = records.find((r) => r.id === input.recordId);
  const category = tenant.categories.find((c) => c.id === record?.category);
  const field = category?.fields.find((f) => f.id === input.field);
  if (!subject || !record || !category || !field) throw new DomainError('not_found', 'That record or field does not exist.');
  const proposed = input.proposedValue.trim();
  if (!proposed) {
    const message = 'Tell us what the correct value is';
    throw new DomainError('bad_request', message, { fields: [{ field: 'value', message }] });
  }
  const now = deps.clock.now();
  const receivedOn = ukDate(now);
  const request: RightsRequest = {
    id: newId(),
    tenant: tenant.slug,
    subjectId,
    reference: await deps.requests.nextReference(tenant.slug, tenant.referencePrefix, receivedOn.slice(0, 4)),
    kind: 'rectification',
    status: 'received',
    receivedAt: now.toISOString(),
    receivedOn,
    dueOn: requestDueOn(tenant, receivedOn),
    details: {
      recordId: record.id,
      category: category.id,
      categoryName: category.name,
      field: field.id,
      fieldLabel: field.label,
      currentValue: String(record.data[field.id] ?? ''),
      proposedValue: proposed,
      note: input.note?.trim() ?? '',
    },
  };
  await deps.requests.create(request, {
    audit: [
      {
        action: 'request.received',
        actor: { type: 'subject', id: subjectId },
        subjectId,
        detail: { requestId: request.id, reference: request.reference, kind: request.kind, dueOn: request.dueOn },
      },
    ],
    mail: [
      {
        template: 'correction-received',
        to: subject.email,
        reference: request.reference,
        dueOn: request.dueOn,
        fieldLabel: field.label,
      },
    ],
  });
  return request;
}
