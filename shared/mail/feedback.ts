import * as z from 'zod';
import { normaliseEmail } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { AuditEventInput } from '../entities.ts';
import { suppressionHashes, suppressionLookups } from '../marketing/preferences.ts';

/**
 * Bounce and complaint feedback from SES (event publishing through the configuration set). A
 * permanent bounce or a complaint puts the address on the sending tenant's suppression list, so
 * `mayWeSend()` refuses marketing to it from then on; a transient or undetermined bounce changes
 * nothing (SES already retried it, and the next send may well arrive).
 */

const Recipient = z.object({ emailAddress: z.string().min(3) });

/**
 * The part of an SES event record we read (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html).
 * Unknown fields are ignored: SES may add fields at any time.
 */
export const SesFeedbackEvent = z.object({
  eventType: z.string(),
  mail: z.object({
    messageId: z.string().optional(),
    /** The message tags the dispatcher set, each as a list: `{ tenant: ['it-mk'] }`. */
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.string().optional(),
    })
    .optional(),
});
export type SesFeedbackEvent = z.infer<typeof SesFeedbackEvent>;

export type SuppressionReason = 'hard bounce' | 'complaint';

export type FeedbackDecision =
  | {
      action: 'suppress';
      tenant: string;
      reason: SuppressionReason;
      /** Normalised, de-duplicated. */
      addresses: string[];
      /** Facts for the audit event: no personal data. */
      detail: Record<string, string>;
    }
  /** Nothing to do: a soft bounce, or an event type we do not act on. */
  | { action: 'ignore'; why: string }
  /** Cannot be acted on, and a retry would not change that: logged, not retried. */
  | { action: 'skip'; why: 'malformed' | 'no-tenant' | 'unknown-tenant'; tenant?: string };

/** The address inside `Name <address>`, or the value itself, normalised. */
const addressOf = (value: string): string => normaliseEmail(value.match(/<([^>]+)>/)?.[1] ?? value);

/**
 * What one SES event asks of us. Pure: `isTenant` says whether a tag names a tenant we serve.
 */
export function decideFeedback(raw: unknown, isTenant: (slug: string) => boolean): FeedbackDecision {
  const parsed = SesFeedbackEvent.safeParse(raw);
  if (!parsed.success) return { action: 'skip', why: 'malformed' };
  const event = parsed.data;

  let reason: SuppressionReason;
  let recipients: { emailAddress: string }[];
  const detail: Record<string, string> = { source: 'ses' };
  if (event.eventType === 'Bounce') {
    if (!event.bounce) return { action: 'skip', why: 'malformed' };
    if (event.bounce.bounceType !== 'Permanent') return { action: 'ignore', why: `${event.bounce.bounceType} bounce` };
    reason = 'hard bounce';
    recipients = event.bounce.bouncedRecipients;
    if (event.bounce.bounceSubType) detail.bounceSubType = event.bounce.bounceSubType;
  } else if (event.eventType === 'Complaint') {
    if (!event.complaint) return { action: 'skip', why: 'malformed' };
    reason = 'complaint';
    recipients = event.complaint.complainedRecipients;
    if (event.complaint.complaintFeedbackType) detail.feedbackType = event.complaint.complaintFeedbackType;
  } else {
    return { action: 'ignore', why: `event type ${event.eventType}` };
  }
  if (event.mail.messageId) detail.messageId = event.mail.messageId;

  const tenant = event.mail.tags?.tenant?.[0];
  if (!tenant) return { action: 'skip', why: 'no-tenant' };
  if (!isTenant(tenant)) return { action: 'skip', why: 'unknown-tenant', tenant };
  const addresses = [...new Set(recipients.map((r) => addressOf(r.emailAddress)))];
  if (addresses.length === 0) return { action: 'ignore', why: 'no recipients' };
  return { action: 'suppress', tenant, reason, addresses, detail };
}

export interface FeedbackOutcome {
  suppressed: number;
  /** Addresses already on the list: nothing written, no second audit event. */
  already: number;
}

/**
 * Carries out a `suppress` decision: each address not yet suppressed goes on the tenant's list
 * (its keyed hash only), with one audit event by the system. The address itself is kept only in
 * the event's personal part, so an erasure can remove it; the event names the subject when the
 * address is one of theirs. Safe to repeat: an address already on the list is left alone.
 */
export async function applyFeedback(
  deps: Pick<Deps, 'suppressions' | 'subjects' | 'settings'>,
  decision: Extract<FeedbackDecision, { action: 'suppress' }>,
): Promise<FeedbackOutcome> {
  const outcome: FeedbackOutcome = { suppressed: 0, already: 0 };
  const { tenant } = decision;
  for (const address of decision.addresses) {
    const hashes = suppressionHashes(deps.settings.hashKeys, tenant, address);
    const lookups = suppressionLookups(deps.settings.hashKeys, tenant, address);
    const present = await Promise.all(lookups.map((tries) => deps.suppressions.has(tenant, tries)));
    if (present.every(Boolean)) {
      outcome.already++;
      continue;
    }
    const subjectId = await deps.subjects.findIdByEmail(tenant, address);
    const event: AuditEventInput = {
      action: 'marketing.suppressed',
      actor: { type: 'system' },
      ...(subjectId ? { subjectId } : {}),
      detail: { reason: decision.reason, ...decision.detail },
      personal: { email: address },
    };
    await deps.suppressions.add(tenant, hashes, decision.reason, { audit: [event] });
    outcome.suppressed++;
  }
  return outcome;
}
