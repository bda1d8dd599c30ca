import { type StaffContext, staffActor } from '../admin/context.ts';
import { newId } from '../crypto.ts';
import { addDays, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { requirePermission } from '../staff/permissions.ts';
import type { ComplaintAbout, ReceivedVia } from '../vocabulary.ts';
import { acknowledgeByFor } from './lifecycle.ts';
import type { Complaint, ComplaintEvent } from './model.ts';

/** How far back a logged complaint may have been received (as for logged requests). */
const MAX_DAYS_BACK = 366;

interface NewComplaintInput {
  tenant: TenantConfig;
  subjectId: string;
  about: ComplaintAbout;
  what: string;
  requestId?: string;
}

async function build(
  deps: Deps,
  input: NewComplaintInput & { receivedOn: string; via: ReceivedVia; actor: Actor },
): Promise<{ complaint: Complaint; email: string | undefined }> {
  const { tenant, subjectId } = input;
  const subject = await deps.subjects.get(tenant.slug, subjectId);
  if (!subject || subject.erasedAt) throw new DomainError('not_found', 'That person does not exist in this privacy centre.');
  let requestReference: string | undefined;
  if (input.requestId) {
    // Only one of the person's own requests: the key is theirs, so another's cannot be found.
    const request = await deps.requests.get(tenant.slug, subjectId, input.requestId);
    if (!request) {
      throw new DomainError('bad_request', 'Choose one of your own requests.', {
        fields: [{ field: 'requestId', message: 'Choose one of your own requests' }],
      });
    }
    requestReference = request.reference;
  }
  const now = deps.clock.now();
  const receivedAt = input.via === 'portal' ? now.toISOString() : `${input.receivedOn}T12:00:00.000Z`;
  const complaint: Complaint = {
    id: newId(),
    tenant: tenant.slug,
    subjectId,
    reference: await deps.complaints.nextReference(tenant.slug, tenant.referencePrefix, input.receivedOn.slice(0, 4)),
    about: input.about,
    what: input.what.trim(),
    ...(input.requestId ? { requestId: input.requestId, requestReference } : {}),
    receivedAt,
    receivedOn: input.receivedOn,
    receivedVia: input.via,
    status: 'received',
    acknowledgeBy: acknowledgeByFor(input.receivedOn, tenant.nation),
    history: [{ at: now.toISOString(), type: 'received', status: 'received', actor: input.actor }],
    version: 1,
  };
  return { complaint, email: subject.email };
}

/**
 * A signed-in person complains from the centre: a reference, and the acknowledgement straight
 * away (by email and on their page), so the 30 days of s.164A are met on the day.
 */
export async function fileComplaint(deps: Deps, input: NewComplaintInput): Promise<Complaint> {
  const actor: Actor = { type: 'subject', id: input.subjectId };
  const today = ukDate(deps.clock.now());
  const { complaint, email } = await build(deps, { ...input, receivedOn: today, via: 'portal', actor });
  const acknowledged: ComplaintEvent = {
    at: deps.clock.now().toISOString(),
    type: 'acknowledged',
    status: 'acknowledged',
    actor: { type: 'system' },
  };
  const saved: Complaint = {
    ...complaint,
    status: 'acknowledged',
    acknowledgedOn: today,
    history: [...complaint.history, acknowledged],
  };
  await deps.complaints.create(saved, {
    audit: [
      {
        action: 'complaint.received',
        actor,
        subjectId: saved.subjectId,
        detail: { complaintId: saved.id, reference: saved.reference, about: saved.about, via: 'portal', acknowledged: true },
      },
    ],
    mail: email
      ? [{ template: 'complaint-update', to: email, subjectId: saved.subjectId, complaintId: saved.id, event: 'acknowledged' }]
      : [],
  });
  return saved;
}

/**
 * Staff log a complaint received by phone, letter, email or in person, with the day it arrived:
 * the 30 days to acknowledge count from then, not from today. Acknowledging is then a step of its own.
 */
export async function logComplaint(
  deps: Deps,
  ctx: StaffContext,
  input: Omit<NewComplaintInput, 'tenant'> & { via: Exclude<ReceivedVia, 'portal'>; receivedOn: string },
): Promise<Complaint> {
  await requirePermission(deps, ctx, 'act', 'log-complaint');
  const today = ukDate(deps.clock.now());
  const bad = (message: string) => new DomainError('bad_request', message, { fields: [{ field: 'receivedOn', message }] });
  if (input.receivedOn > today) throw bad('The date received cannot be in the future');
  if (input.receivedOn < addDays(today, -MAX_DAYS_BACK)) throw bad('The date received must be within the last year');
  const actor = staffActor(ctx);
  const { complaint } = await build(deps, { ...input, tenant: ctx.tenant, actor });
  const saved: Complaint = {
    ...complaint,
    internal: [{ at: deps.clock.now().toISOString(), type: 'logged', actor, message: `Received by ${input.via}` }],
  };
  await deps.complaints.create(saved, {
    audit: [
      {
        action: 'complaint.logged',
        actor,
        subjectId: saved.subjectId,
        detail: {
          complaintId: saved.id,
          reference: saved.reference,
          about: saved.about,
          via: input.via,
          receivedOn: input.receivedOn,
        },
      },
    ],
  });
  return saved;
}
