import { newId } from '../crypto.ts';
import { formatUkDate } from '../dates.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { Actor, DataRecord, OutboxMessageInput, Representative, RightsRequest, Subject } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { stopAllMarketing } from '../marketing/preferences.ts';
import { OBJECTION_WORDING } from '../marketing/stop-wording.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { NewRequest } from '../portal-api.ts';
import type { ReceivedVia } from '../vocabulary.ts';
import { dueOnFor } from './clock.ts';
import { closedOfScope, openDuplicateOf, openSlotKey } from './duplicates.ts';
import { applyAction, isOpen } from './lifecycle.ts';

const DIRECT_MARKETING = 'direct-marketing';

/** The uses of data a person may object to (Art. 21(1)): those on legitimate interests or a public task. */
export const objectable = (category: { lawfulBasis: string }) =>
  category.lawfulBasis === 'legitimate-interests' || category.lawfulBasis === 'public-task';

/**
 * Where answers about a request go: the representative's address when someone acts for the
 * person and gave one, else the person's own; undefined once the person is erased (nothing is
 * sent to an empty address). An address typed on the privacy centre's own form is written to only
 * once staff have checked that person's authority: until then answers go to the address the
 * request was made from (an address no one has confirmed receives nothing about the person).
 */
export const replyAddress = (request: Pick<RightsRequest, 'onBehalf'>, subject: Pick<Subject, 'email'> | undefined) => {
  const rep = request.onBehalf;
  const repAddress = rep?.email && (rep.recordedBy === 'staff' || rep.checked) ? rep.email : undefined;
  return repAddress || subject?.email || undefined;
};

/** A record as a letter names it: its kind and the day it was recorded (no content). */
export const recordName = (tenant: TenantConfig, record: Pick<DataRecord, 'category' | 'recordedOn'>) =>
  `${tenant.categories.find((c) => c.id === record.category)?.name ?? record.category} of ${formatUkDate(record.recordedOn)}`;

function badField(field: string, message: string): never {
  throw new DomainError('bad_request', message, { fields: [{ field, message }] });
}

/** Checks the request against the tenant's policy and returns what to store as its details. */
async function detailsOf(
  deps: Deps,
  tenant: TenantConfig,
  subjectId: string,
  input: NewRequest,
): Promise<RightsRequest['details']> {
  const { kind: _kind, ...fields } = input;
  const details: RightsRequest['details'] = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && value !== '') details[key] = value as string | string[];
  let recordCategories: string[] | undefined;
  if (input.kind === 'erasure' && input.recordIds) {
    if (input.scope !== 'some') badField('recordIds', 'Choose either single records or everything');
    const held = await deps.subjects.listRecords(tenant.slug, subjectId);
    const chosen = [...new Set(input.recordIds)].map((id) => held.find((r) => r.id === id));
    if (chosen.some((r) => !r)) throw new DomainError('not_found', 'That record does not exist.');
    const records = chosen as NonNullable<(typeof chosen)[number]>[];
    recordCategories = [...new Set(records.map((r) => r.category))];
    details.recordIds = records.map((r) => r.id);
    details.categories = recordCategories;
    details.recordNames = records.map((r) => recordName(tenant, r));
  }
  if ('scope' in input) {
    const allowed = tenant.categories.filter((c) => input.kind !== 'portability' || c.providedBySubject);
    if (input.scope === 'some') {
      const chosen = recordCategories ?? input.categories ?? [];
      if (chosen.length === 0) badField('categories', 'Choose at least one kind of data');
      const unknown = chosen.filter((id) => !allowed.some((c) => c.id === id));
      if (unknown.length) badField('categories', `Not something this request can cover here: ${unknown.join(', ')}`);
      details.categoryNames = chosen.map((id) => allowed.find((c) => c.id === id)?.name ?? id);
    } else {
      delete details.categories;
    }
  }
  if (input.kind === 'rectification') {
    const records = await deps.subjects.listRecords(tenant.slug, subjectId);
    const record = input.recordId ? records.find((r) => r.id === input.recordId) : undefined;
    if (input.recordId && !record) throw new DomainError('not_found', 'That record does not exist.');
    const category = tenant.categories.find((c) => c.id === record?.category);
    const field = category?.fields.find((f) => f.id === input.field);
    if (record && !field) badField('field', `${category?.name ?? 'That record'} has no field "${input.field}"`);
    if (record && category && field) {
      const now = String(record.data[field.id] ?? '');
      if (now.trim() === input.value.trim())
        badField(
          'value',
          `${field.label} already says “${now}” in our records: write what it should say. If it is wrong somewhere else, choose “Something else” and say where.`,
        );
      Object.assign(details, {
        category: category.id,
        categoryName: category.name,
        fieldLabel: field.label,
        currentValue: String(record.data[field.id] ?? ''),
        proposedValue: input.value,
      });
    } else {
      Object.assign(details, { fieldLabel: input.field, proposedValue: input.value });
    }
  }
  if (input.kind === 'objection') {
    const purpose = tenant.categories.find((c) => c.id === input.processing);
    if (input.processing !== DIRECT_MARKETING && !purpose) badField('processing', 'Choose which use of your data you object to');
    // The right to object (Art. 21) covers processing on legitimate interests or a public task only.
    if (purpose && !objectable(purpose))
      badField(
        'processing',
        `${purpose.name} is used because ${purpose.lawfulBasis === 'consent' ? 'you consented: withdraw your consent instead' : 'of a contract, a legal duty or someone’s vital interests, which an objection cannot stop'}; you can ask us to erase or restrict it`,
      );
    if (input.processing !== DIRECT_MARKETING && !input.reason)
      badField('reason', 'Please tell us why you object: we must weigh your reasons against ours');
    details.processingName = purpose ? `${purpose.name}: ${purpose.purpose}` : 'Direct marketing';
  }
  return details;
}

/**
 * Files a rights request: reference, the legal due date from the UK date of receipt, an audit
 * event and an acknowledgement email, all in one transaction. With the same idempotency key a
 * retry returns the first request and changes nothing. A person filing from the portal who
 * already has an open request of the same kind and scope gets that one back (`alreadyOpen`),
 * nothing filed, even when two filings race (the store's open slot: one wins); staff logging one
 * may file it and merge later. An objection to direct marketing is absolute: marketing stops at
 * once and the request completes.
 */
/** A request staff log for the subject (phone, letter…): received then, by that route. */
type Logged = { by: Actor; receivedOn: string; via: Exclude<ReceivedVia, 'portal'>; note?: string };

export async function fileRequest(
  deps: Deps,
  input: {
    tenant: TenantConfig;
    subjectId: string;
    request: NewRequest;
    idempotencyKey?: string;
    /** A request staff log for the subject (phone, letter…): received then, by that route. */
    logged?: Logged;
    /** Someone acting for the person: the request stays theirs, answers go to the representative. */
    onBehalf?: Representative;
  },
): Promise<{ request: RightsRequest; created: boolean; alreadyOpen?: boolean }> {
  const { tenant, subjectId, logged } = input;
  const subject = await deps.subjects.get(tenant.slug, subjectId);
  if (!subject)
    throw new DomainError(
      logged ? 'not_found' : 'unauthenticated',
      logged ? 'That person is not in this privacy centre.' : 'Please sign in again.',
    );
  const details = await detailsOf(deps, tenant, subjectId, input.request);
  if (input.idempotencyKey) {
    const first = await deps.requests.findFiled(tenant.slug, subjectId, input.idempotencyKey);
    if (first) return finishObjection(deps, { tenant, subjectId, logged, subject }, first, false);
  }
  const mine = logged ? [] : await deps.requests.listForSubject(tenant.slug, subjectId);
  const open = openDuplicateOf(mine, input.request.kind, details);
  if (open) return alreadyOpen(deps, tenant.slug, open);
  const now = deps.clock.now();
  const receivedOn = logged?.receivedOn ?? ukDate(now);
  const clock = { extensionMonths: 0 as const, pausedDays: 0 };
  const actor: Actor = logged?.by ?? { type: 'subject', id: subjectId };
  const draft: RightsRequest = {
    id: newId(),
    tenant: tenant.slug,
    subjectId,
    reference: '',
    kind: input.request.kind,
    status: 'received',
    receivedAt: now.toISOString(),
    receivedOn,
    dueOn: dueOnFor(tenant, receivedOn, clock),
    clock,
    details,
    history: [{ at: now.toISOString(), type: 'received', status: 'received', actor }],
    ...(input.onBehalf ? { onBehalf: input.onBehalf } : {}),
    ...(logged
      ? {
          receivedVia: logged.via,
          internal: [
            {
              at: now.toISOString(),
              type: 'logged' as const,
              actor,
              message: `Received by ${logged.via} on ${receivedOn}.${logged.note ? ` ${logged.note}` : ''}`,
            },
          ],
        }
      : {}),
    version: 1,
  };
  draft.reference = await deps.requests.nextReference(tenant.slug, tenant.referencePrefix, receivedOn.slice(0, 4));
  const mail: OutboxMessageInput = {
    template: 'request-update',
    to: replyAddress(draft, subject) ?? subject.email,
    requestId: draft.id,
    subjectId,
    event: 'received',
  };
  const request = await deps.requests.create(
    draft,
    {
      audit: [
        {
          action: 'request.received',
          actor,
          subjectId,
          detail: {
            requestId: draft.id,
            reference: draft.reference,
            kind: draft.kind,
            dueOn: draft.dueOn,
            receivedOn,
            via: logged?.via ?? 'portal',
          },
        },
      ],
      mail: [mail],
    },
    input.idempotencyKey,
    logged ? undefined : { key: openSlotKey(draft.kind, details), vacantIf: closedOfScope(mine, draft.kind, details) },
  );
  const created = request.id === draft.id;
  if (!created) {
    // Not this filing's own retry: another filing of the same scope won the race.
    const replay = input.idempotencyKey && (await deps.requests.findFiled(tenant.slug, subjectId, input.idempotencyKey));
    if (!replay && isOpen(request.status)) return alreadyOpen(deps, tenant.slug, request);
    if (!replay) throw new DomainError('conflict', 'Your requests changed meanwhile. Please try again.');
  }
  return finishObjection(deps, { tenant, subjectId, logged, subject }, request, created);
}

/** The person's open request of the same kind and scope, given back instead of a second one (audited: no state changes). */
async function alreadyOpen(deps: Deps, slug: string, open: RightsRequest) {
  await deps.audit.commit(slug, {
    audit: [
      {
        action: 'request.duplicate_recognised',
        actor: { type: 'subject', id: open.subjectId },
        subjectId: open.subjectId,
        detail: { requestId: open.id, reference: open.reference, kind: open.kind },
      },
    ],
  });
  return { request: open, created: false, alreadyOpen: true };
}

/**
 * Checked on a retry too: if stopping marketing failed part-way the first time, the same
 * idempotency key finishes the job instead of leaving an absolute objection undone.
 */
async function finishObjection(
  deps: Deps,
  ctx: { tenant: TenantConfig; subjectId: string; logged: Logged | undefined; subject: Subject },
  request: RightsRequest,
  created: boolean,
): Promise<{ request: RightsRequest; created: boolean }> {
  const { tenant, subjectId, logged, subject } = ctx;
  const directMarketing = request.kind === 'objection' && request.details.processing === DIRECT_MARKETING;
  if (directMarketing && isOpen(request.status)) {
    await stopAllMarketing(deps, {
      tenant,
      subjectId,
      source: logged ? 'staff' : 'portal',
      ...(logged?.by.type === 'staff' ? { actorId: logged.by.id } : {}),
      // Filed on the portal's request form: the person objected on its notice's words.
      ...(logged ? {} : { wording: OBJECTION_WORDING }),
    });
    const done = applyAction(
      request,
      {
        type: 'complete',
        message:
          'We have stopped all direct marketing to you, and keep your address on our do-not-contact list so that you are not contacted again.',
      },
      { tenant, actor: { type: 'system' }, now: deps.clock.now() },
    );
    await deps.requests.update(done, request.version, {
      audit: [
        {
          action: 'request.completed',
          actor: { type: 'system' },
          subjectId,
          detail: { requestId: done.id, reference: done.reference },
        },
      ],
      mail: [
        {
          template: 'request-update',
          to: replyAddress(done, subject) ?? subject.email,
          requestId: done.id,
          subjectId,
          event: 'completed',
        },
      ],
    });
    return { request: done, created };
  }
  return { request, created };
}
