import type { RequestDetail } from '../admin-api.ts';
import { normaliseEmail } from '../crypto.ts';
import { addDays, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { buildMyData } from '../my-data.ts';
import type { NewRequest } from '../portal-api.ts';
import { fileRequest } from '../requests/file.ts';
import { requirePermission } from '../staff/permissions.ts';
import type { ReceivedVia } from '../vocabulary.ts';
import { type StaffContext, staffActor } from './context.ts';
import { requestDetail } from './detail.ts';

/** How far back a logged request may have been received (a letter found in a drawer, not older). */
const MAX_DAYS_BACK = 366;

/** Finds subjects by exact email address (staff lookup). The search itself is audited. */
export async function findSubjects(deps: Deps, ctx: StaffContext, email: string) {
  const slug = ctx.tenant.slug;
  const normalised = normaliseEmail(email);
  const id = await deps.subjects.findIdByEmail(slug, normalised);
  const subject = id ? await deps.subjects.get(slug, id) : undefined;
  await deps.audit.commit(slug, {
    audit: [
      {
        action: 'staff.searched_subjects',
        actor: staffActor(ctx),
        ...(subject ? { subjectId: subject.id } : {}),
        detail: { by: 'email', found: subject ? 1 : 0 },
      },
    ],
  });
  if (!subject) return [];
  const today = ukDate(deps.clock.now());
  const data = buildMyData(ctx.tenant, subject, await deps.subjects.listRecords(slug, subject.id), today);
  return [{ id: subject.id, email: subject.email, name: data.subject.name }];
}

/**
 * Logs a request that reached the organisation by phone, letter, email or in person. The
 * deadline counts from the day it was received, not the day it was logged; the subject gets the
 * same acknowledgement as for a request made in the portal.
 */
export async function logRequest(
  deps: Deps,
  ctx: StaffContext,
  input: {
    subjectId: string;
    via: Exclude<ReceivedVia, 'portal'>;
    receivedOn: string;
    note?: string;
    request: NewRequest;
    idempotencyKey: string;
  },
): Promise<{ detail: RequestDetail; created: boolean }> {
  await requirePermission(deps, ctx, 'act', 'log-request');
  const today = ukDate(deps.clock.now());
  const bad = (message: string) => new DomainError('bad_request', message, { fields: [{ field: 'receivedOn', message }] });
  if (input.receivedOn > today) throw bad('The date received cannot be in the future');
  if (input.receivedOn < addDays(today, -MAX_DAYS_BACK)) throw bad('The date received must be within the last year');
  const { request, created } = await fileRequest(deps, {
    tenant: ctx.tenant,
    subjectId: input.subjectId,
    request: input.request,
    idempotencyKey: input.idempotencyKey,
    logged: { by: staffActor(ctx), receivedOn: input.receivedOn, via: input.via, ...(input.note ? { note: input.note } : {}) },
  });
  const detail = await requestDetail(deps, ctx, { subjectId: request.subjectId, requestId: request.id, audit: false });
  return { detail, created };
}
