import { auditStaffRead, type StaffContext } from '../admin/context.ts';
import { requestWithReference } from '../admin/queue.ts';
import type { StaffRecord, StaffSubjectView, SubjectLookup } from '../admin-api.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { DataRecord, LegalHold, StaffMember, Subject } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { buildMyData, CONSENT_CATEGORY } from '../my-data.ts';
import { deletionDate, keptBecause } from '../policy/retention.ts';
import type { Category } from '../policy/schema.ts';
import { newestFirst, requestRef } from '../requests/kinds.ts';
import { listStaff } from '../staff/directory.ts';
import { heldInSystems } from '../systems/your-data.ts';
import { holdWording } from './hold-wording.ts';

/** The field that holds the person's sign-in address: it changes only through a confirmed email change. */
export const isSignInEmail = (category: string, field: string) => category === 'identity' && field === 'email';

/** The subject, or a 404 that says nothing about other centres (every read is under the session's tenant). */
export async function loadSubject(deps: Deps, ctx: StaffContext, subjectId: string): Promise<Subject> {
  const subject = await deps.subjects.get(ctx.tenant.slug, subjectId);
  if (!subject) throw new DomainError('not_found', 'That person is not in this privacy centre.');
  return subject;
}

/** A record and its category, or a 404. */
export async function loadRecord(
  deps: Deps,
  ctx: StaffContext,
  subjectId: string,
  recordId: string,
): Promise<{ subject: Subject; record: DataRecord; category: Category; records: DataRecord[] }> {
  const [subject, records] = await Promise.all([
    loadSubject(deps, ctx, subjectId),
    deps.subjects.listRecords(ctx.tenant.slug, subjectId),
  ]);
  const record = records.find((r) => r.id === recordId);
  const category = ctx.tenant.categories.find((c) => c.id === record?.category);
  if (!record || !category) throw new DomainError('not_found', 'That record does not exist.');
  return { subject, record, category, records };
}

export function holdView(hold: LegalHold | undefined, staff: StaffMember[]): StaffRecord['hold'] {
  if (!hold) return null;
  return { ...hold, personWording: holdWording(hold), byName: staff.find((s) => s.email === hold.by)?.name ?? hold.by };
}

/**
 * One stored record as staff see it: `deleteOn` from the category's retention rule and, once that
 * day has come, what keeps it (the reason the retention sweep skipped it).
 */
export function recordView(
  record: DataRecord,
  staff: StaffMember[],
  subject: Subject,
  category: Category,
  today: string,
): StaffRecord {
  const deleteOn = deletionDate(category.retention.rule, record.recordedOn, subject);
  return {
    id: record.id,
    recordedOn: record.recordedOn,
    deleteOn,
    data: record.data,
    hold: holdView(record.hold, staff),
    source: record.source ?? null,
    readOnly: false,
    keptBecause: deleteOn !== null && deleteOn <= today ? keptBecause(record, subject) : null,
  };
}

/**
 * Everything held about a person, by category, with holds and sources, and their requests:
 * an audited read of their personal data.
 */
export async function staffSubjectView(deps: Deps, ctx: StaffContext, subjectId: string): Promise<StaffSubjectView> {
  const slug = ctx.tenant.slug;
  const subject = await loadSubject(deps, ctx, subjectId);
  const [records, requests, consents, staff, runs] = await Promise.all([
    deps.subjects.listRecords(slug, subjectId),
    deps.requests.listForSubject(slug, subjectId),
    deps.consents.list(slug, subjectId),
    listStaff(deps, ctx.tenant),
    deps.systemRuns.listForSubject(slug, subjectId),
  ]);
  const systems = heldInSystems(ctx.tenant, runs);
  await auditStaffRead(deps, ctx, {
    action: 'staff.viewed_subject',
    subjectId,
    detail: { recordsShown: records.length, requestsShown: requests.length },
  });
  const today = ukDate(deps.clock.now());
  // The same derivation as the person's own page: deletion dates, and the consent ledger as records.
  const mine = buildMyData(ctx.tenant, subject, records, today, requests, consents);
  const stored = new Map(records.map((r) => [r.id, r]));
  const category = (id: string) => ctx.tenant.categories.find((c) => c.id === id) as Category;
  return {
    relationshipKinds: ctx.tenant.relationshipKinds,
    subject: {
      id: subject.id,
      email: subject.email,
      name: mine.subject.name || 'A person whose data was erased',
      relationship: subject.relationship,
      createdAt: subject.createdAt,
      version: subject.version,
      ...(subject.erasedAt ? { erasedAt: subject.erasedAt } : {}),
    },
    categories: mine.categories.map((c) => ({
      id: c.id,
      name: c.name,
      fields: c.fields.map((f) => ({
        id: f.id,
        label: f.label,
        kind: f.kind,
        required: f.required,
        correctable: c.id !== CONSENT_CATEGORY && !isSignInEmail(c.id, f.id),
      })),
      records: c.records.map((r) => {
        const record = stored.get(r.id);
        if (!record)
          return {
            id: r.id,
            recordedOn: r.recordedOn,
            deleteOn: r.deleteOn,
            data: r.data,
            hold: null,
            source: null,
            readOnly: true,
            keptBecause: null,
          };
        return recordView(record, staff, subject, category(c.id), today);
      }),
    })),
    ...(systems ? { systems } : {}),
    requests: newestFirst(requests).map((r) => ({ ...requestRef(r), receivedOn: r.receivedOn })),
  };
}

/**
 * Finds the person a request reference names. The tenant's requests are read from its queue
 * index (as the queue does), so a reference of another centre is simply not found. Audited.
 */
export async function findByReference(deps: Deps, ctx: StaffContext, reference: string): Promise<SubjectLookup['subjects']> {
  const slug = ctx.tenant.slug;
  const request = await requestWithReference(deps, slug, reference);
  const subject = request ? await deps.subjects.get(slug, request.subjectId) : undefined;
  await auditStaffRead(deps, ctx, {
    action: 'staff.searched_subjects',
    ...(subject ? { subjectId: subject.id } : {}),
    detail: { by: 'reference', found: subject ? 1 : 0, ...(request ? { requestId: request.id } : {}) },
  });
  if (!request || !subject) return [];
  const today = ukDate(deps.clock.now());
  const name = buildMyData(ctx.tenant, subject, await deps.subjects.listRecords(slug, subject.id), today).subject.name;
  return [{ id: subject.id, email: subject.email, name, request: { id: request.id, reference: request.reference } }];
}
