import { LINK_TTL_SECONDS } from '../auth/subject-sign-in.ts';
import { complaintView } from '../complaints/view.ts';
import { newSecret, normaliseEmail, sha256 } from '../crypto.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { LinkToken, OutboxMessage } from '../entities.ts';
import { digestHasNews, digestItems } from '../jobs/deadline-digest.ts';
import { mayWeSend } from '../marketing/preferences.ts';
import { sealUnsubscribeToken } from '../marketing/unsubscribe-token.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { Mailer, OutboxStore } from '../ports.ts';
import { requestView } from '../requests/view.ts';
import { findStaff } from '../staff/directory.ts';
import { complaintUpdateEmail } from './templates/complaints.ts';
import {
  deadlineDigestEmail,
  emailChangedNoticeEmail,
  emailChangeLinkEmail,
  exportReadyEmail,
  marketingEmail,
  type RenderedEmail,
  requestUpdateEmail,
  restrictionLiftingEmail,
  signInLinkEmail,
  staffInvitationEmail,
  staffSignInLinkEmail,
} from './templates/index.ts';

export interface DispatchDeps extends Deps {
  outbox: OutboxStore;
  mailer: Mailer;
}

/** How long one dispatcher holds a message before another may retry it. */
const LEASE_SECONDS = 60;

export type DispatchOutcome = 'sent' | 'skipped';

/** Mints a single-use link token; only its hash is stored, the token exists only in the email. */
async function mintToken(
  deps: DispatchDeps,
  tenant: string,
  subjectId: string,
  purpose: LinkToken['purpose'],
  now: number,
  newEmail?: string,
) {
  const token = newSecret();
  await deps.tokens.put({
    tenant,
    tokenHash: sha256(token),
    subjectId,
    purpose,
    ...(newEmail ? { newEmail } : {}),
    createdAt: new Date(now * 1000).toISOString(),
    expiresAt: now + LINK_TTL_SECONDS,
  });
  return token;
}

/** Renders a message, or returns why it must not go out (marketing re-checks at send time). */
async function render(
  deps: DispatchDeps,
  tenant: TenantConfig,
  message: OutboxMessage['message'],
  now: number,
): Promise<RenderedEmail | string> {
  const base = `${deps.settings.publicUrl}/t/${tenant.slug}`;
  const minutes = LINK_TTL_SECONDS / 60;
  switch (message.template) {
    case 'sign-in-link': {
      // A link asked for before the address changed (still queued, retried or redriven) must not
      // reach the old address: whoever holds it now could sign in.
      const subject = await deps.subjects.get(tenant.slug, message.subjectId);
      if (!subject || normaliseEmail(subject.email) !== normaliseEmail(message.to)) return 'not the subject’s address any more';
      const token = await mintToken(deps, tenant.slug, message.subjectId, 'subject-sign-in', now);
      return signInLinkEmail(tenant, `${base}/verify#${token}`, minutes);
    }
    case 'staff-sign-in-link': {
      const token = await mintToken(deps, tenant.slug, message.staffEmail, 'staff-sign-in', now);
      return staffSignInLinkEmail(tenant, `${base}/admin/verify#${token}`, minutes);
    }
    case 'staff-invitation': {
      // Removed (or changed to someone else's address) before it went: no invitation.
      const member = await findStaff(deps, tenant, message.staffEmail);
      if (!member?.active) return 'not-sent:not-staff';
      return staffInvitationEmail(tenant, { role: member.role, invitedBy: message.invitedBy, link: `${base}/admin/` });
    }
    case 'email-change-link': {
      const token = await mintToken(deps, tenant.slug, message.subjectId, 'email-change', now, message.to);
      return emailChangeLinkEmail(tenant, `${base}/confirm-email#${token}`, minutes);
    }
    case 'email-changed-notice':
      return emailChangedNoticeEmail(tenant, message.newEmail);
    case 'request-update': {
      const request = await deps.requests.get(tenant.slug, message.subjectId, message.requestId);
      if (!request) return 'not-sent:request-gone';
      const view = requestView(tenant, request, ukDate(deps.clock.now()));
      // Whether they can still sign in to see it: a whole erasure removes the account (or leaves a
      // tombstone without an address); a partial one does not.
      const subject = await deps.subjects.get(tenant.slug, message.subjectId);
      const accountErased = !subject || Boolean(subject.erasedAt);
      return requestUpdateEmail(tenant, view, message.event, `${base}/requests/${request.id}`, accountErased);
    }
    case 'complaint-update': {
      const complaint = await deps.complaints.get(tenant.slug, message.subjectId, message.complaintId);
      if (!complaint) return 'not-sent:complaint-gone';
      return complaintUpdateEmail(tenant, complaintView(complaint), message.event, `${base}/complaints/${complaint.id}`);
    }
    case 'export-ready': {
      const [request, job] = await Promise.all([
        deps.requests.get(tenant.slug, message.subjectId, message.requestId),
        deps.exports.get(tenant.slug, message.subjectId, message.exportId),
      ]);
      if (!request || !job || job.status !== 'ready' || !job.downloadUntil) return 'not-sent:export-gone';
      return exportReadyEmail(tenant, {
        reference: request.reference,
        kind: job.kind,
        availableUntil: ukDate(job.downloadUntil),
        link: `${base}/requests/${request.id}`,
      });
    }
    case 'deadline-digest': {
      const lists = await digestItems(deps, tenant);
      if (!digestHasNews(lists)) return 'not-sent:nothing-due';
      return deadlineDigestEmail(tenant, lists, { requests: `${base}/admin/requests`, complaints: `${base}/admin/complaints` });
    }
    case 'restriction-lifting': {
      const request = await deps.requests.get(tenant.slug, message.subjectId, message.requestId);
      if (!request) return 'not-sent:request-gone';
      return restrictionLiftingEmail(tenant, request.reference, message.reason, `${base}/requests/${request.id}`);
    }
    case 'marketing': {
      const verdict = await mayWeSend(deps, { tenant, subjectId: message.subjectId, channel: 'email', topic: message.topic });
      if (!verdict.allowed) return `not-sent:${verdict.reason}`;
      const token = sealUnsubscribeToken(deps.settings.hashKeys.sealingKeys(), {
        tenant: tenant.slug,
        subjectId: message.subjectId,
        topic: message.topic,
      });
      return marketingEmail(
        tenant,
        message.topic,
        `${deps.settings.publicUrl}/api/t/${tenant.slug}/unsubscribe/${token}`,
        `${base}/`,
      );
    }
  }
}

/** The mail service answered (with an error status), so it did not take the message. */
const answered = (error: unknown): boolean =>
  typeof (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 'number';

/**
 * Sends one outbox message: claim it, render it (minting a link token where the template
 * needs one), send, mark sent. A message already sent is skipped, so a redelivered stream record
 * never sends twice. A message another dispatcher holds is skipped too (`whenHeld: 'skip'`, the
 * drain), or fails so that the caller retries it later (`'retry'`, the stream: a record
 * reported as done would never come again). If rendering or sending fails, the lease is given
 * back at once, so the caller's retry can claim the message again; errors propagate.
 */
export async function dispatchMessage(
  deps: DispatchDeps,
  message: OutboxMessage,
  { whenHeld = 'skip' }: { whenHeld?: 'skip' | 'retry' } = {},
): Promise<DispatchOutcome> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  if (message.status !== 'pending') return 'skipped';
  const leaseUntil = now + LEASE_SECONDS;
  const claimed = await deps.outbox.claim(message.tenant, message.id, now, leaseUntil);
  if (!claimed) {
    if (whenHeld === 'retry' && (await deps.outbox.get(message.tenant, message.id))?.status === 'pending') {
      throw new Error(`outbox ${message.id}: another dispatcher holds it; try again after its lease`);
    }
    return 'skipped';
  }
  const tenant = deps.tenants.get(message.tenant);
  let sent: { messageId: string } | undefined;
  let email: Awaited<ReturnType<typeof render>>;
  let sending = false;
  try {
    if (!tenant) throw new Error(`outbox ${message.id}: unknown tenant ${message.tenant}`);
    email = await render(deps, tenant, message.message, now);
    if (typeof email !== 'string') {
      sending = true;
      sent = await deps.mailer.send({
        to: message.message.to,
        from: deps.settings.mailFrom,
        ...email,
        tags: { tenant: tenant.slug, outbox: message.id, template: message.message.template },
      });
    }
  } catch (error) {
    // Nothing went out (it failed before sending, or the mail service answered with an error):
    // let the retry have it now rather than after the lease. A send with no answer (a timeout)
    // may have gone out, so its lease runs its course first.
    if (!sending || answered(error)) await deps.outbox.release(message.tenant, message.id, leaseUntil).catch(() => {});
    throw error;
  }
  if (typeof email === 'string') {
    await deps.outbox.markSent(tenant.slug, message.id, email, now);
    return 'skipped';
  }
  const { messageId } = sent as { messageId: string };
  const m = message.message;
  // A request's emails are part of its evidence: when each was delivered is on the audit trail.
  const delivered =
    m.template === 'request-update' || m.template === 'export-ready'
      ? {
          audit: [
            {
              action: 'mail.sent',
              actor: { type: 'system' } as const,
              subjectId: m.subjectId,
              detail: {
                template: m.template,
                requestId: m.requestId,
                event: m.template === 'export-ready' ? 'export-ready' : m.event,
                messageId,
              },
            },
          ],
        }
      : m.template === 'complaint-update'
        ? {
            audit: [
              {
                action: 'mail.sent',
                actor: { type: 'system' } as const,
                subjectId: m.subjectId,
                detail: { template: m.template, complaintId: m.complaintId, event: m.event, messageId },
              },
            ],
          }
        : undefined;
  await deps.outbox.markSent(tenant.slug, message.id, messageId, now, delivered);
  return 'sent';
}

/** Sends every pending message of every tenant (the recovery path and the local driver). */
export async function drainOutbox(deps: DispatchDeps): Promise<number> {
  let sent = 0;
  for (const tenant of deps.tenants.list()) {
    for (const message of await deps.outbox.listPending(tenant.slug, 100)) {
      if ((await dispatchMessage(deps, message)) === 'sent') sent++;
    }
  }
  return sent;
}
