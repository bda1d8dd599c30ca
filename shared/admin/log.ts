import type { RepresentativeInput, RequestDetail } from '../admin-api.ts';
import { newId, normaliseEmail } from '../crypto.ts';
import { addDays, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { NewRequest } from '../portal-api.ts';
import { fileRequest } from '../requests/file.ts';
import { requirePermission } from '../staff/permissions.ts';
import type { ReceivedVia } from '../vocabulary.ts';
import { type StaffContext, staffActor } from './context.ts';
import { requestDetail } from './detail.ts';

/** How far back a logged request may have been received (a letter found in a drawer, not older). */
const MAX_DAYS_BACK = 366;

/**
 * The person a logged request is for: the one staff found, or anyone by address. Someone the
 * centre does not hold (or no longer holds, after an erasure) is recorded as a requester only,
 * with no records: the request needs an address to answer, and the centre's search then finds
 * nothing held. Audited; never a marketing contact (an erased address stays suppressed).
 */
async function personFor(deps: Deps, ctx: StaffContext, input: { subjectId?: string; email?: string }): Promise<string> {
  if (input.subjectId) return input.subjectId;
  if (!input.email) {
    const message = 'Give the email address of the person the request is about';
    throw new DomainError('bad_request', `${message}.`, { fields: [{ field: 'email', message }] });
  }
  const slug = ctx.tenant.slug;
  const email = normaliseEmail(input.email);
  const found = await deps.subjects.findIdByEmail(slug, email);
  if (found) return found;
  const now = deps.clock.now();
  const id = newId();
  const made = await deps.subjects.create(
    {
      id,
      tenant: slug,
      email,
      relationship: { startedOn: ukDate(now) },
      createdAt: now.toISOString(),
      version: 0,
      requesterOnly: true,
    },
    [],
    { audit: [{ action: 'request.requester_recorded', actor: staffActor(ctx), subjectId: id, detail: { by: 'staff' } }] },
  );
  // Recorded meanwhile by someone else: use theirs.
  return made ? id : ((await deps.subjects.findIdByEmail(slug, email)) as string);
}

/**
 * Logs a request that reached the organisation by phone, letter, email or in person, for a
 * person found or for any address (see `personFor`), and for someone acting for them if so. The
 * deadline counts from the day it was received, not the day it was logged; the requester gets
 * the same acknowledgement as for a request made in the portal.
 */
export async function logRequest(
  deps: Deps,
  ctx: StaffContext,
  input: {
    subjectId?: string;
    email?: string;
    onBehalf?: RepresentativeInput;
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
  const subjectId = await personFor(deps, ctx, input);
  const { request, created } = await fileRequest(deps, {
    tenant: ctx.tenant,
    subjectId,
    ...(input.onBehalf ? { onBehalf: { ...input.onBehalf, recordedBy: 'staff' as const } } : {}),
    request: input.request,
    idempotencyKey: input.idempotencyKey,
    logged: { by: staffActor(ctx), receivedOn: input.receivedOn, via: input.via, ...(input.note ? { note: input.note } : {}) },
  });
  const detail = await requestDetail(deps, ctx, { subjectId: request.subjectId, requestId: request.id, audit: false });
  return { detail, created };
}
