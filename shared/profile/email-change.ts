import { normaliseEmail, sha256 } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { waitWords } from '../wait-words.ts';
import { checkField } from './validate.ts';

const CHANGES_PER_WINDOW = 5;
const WINDOW_SECONDS = 15 * 60;

/**
 * Starts a change of address: a confirmation link goes to the new address; nothing changes
 * until it is opened. Whether the new address is in use is not revealed here.
 */
export async function requestEmailChange(
  deps: Deps,
  input: { tenant: string; subjectId: string; newEmail: string },
): Promise<void> {
  const check = checkField({ label: 'Email address', kind: 'email', required: true }, input.newEmail);
  if (!check.ok) throw new DomainError('bad_request', check.message, { fields: [{ field: 'email', message: check.message }] });
  const subject = await deps.subjects.get(input.tenant, input.subjectId);
  if (!subject) throw new DomainError('unauthenticated', 'Please sign in again.');
  const newEmail = normaliseEmail(check.value);
  if (newEmail === subject.email) {
    const message = 'That is already your email address.';
    throw new DomainError('bad_request', message, { fields: [{ field: 'email', message }] });
  }
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const key = deps.settings.hashKeys.hash(`email-change:${subject.id}`);
  const limit = await deps.rateLimiter.hit(input.tenant, key, CHANGES_PER_WINDOW, WINDOW_SECONDS, now);
  if (!limit.allowed) {
    throw new DomainError(
      'rate_limited',
      `Too many changes of address were asked for. Please wait ${waitWords(limit.retryAfterSeconds)}, then try again.`,
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  }
  await deps.audit.commit(input.tenant, {
    audit: [{ action: 'profile.email_change_requested', actor: { type: 'subject', id: subject.id }, subjectId: subject.id }],
    mail: [{ template: 'email-change-link', to: newEmail, subjectId: subject.id }],
  });
}

const INVALID = 'This confirmation link does not work any more. Links work once and for 15 minutes: please ask again.';

/**
 * Completes a change of address from the link sent to the new address; the old one is told. In
 * the same transaction every other session of the subject ends, and any sign-in link still out
 * (sent to the old address) stops working: whoever held the old address or a session elsewhere
 * is out. The session of the browser that confirms (`sessionId`, when it is this subject's) stays.
 */
export async function confirmEmailChange(
  deps: Deps,
  input: { tenant: string; token: string; sessionId?: string },
): Promise<{ subjectId: string }> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const token = await deps.tokens.consume(input.tenant, sha256(input.token), 'email-change', now);
  if (!token?.newEmail) throw new DomainError('invalid_token', INVALID);
  const subject = await deps.subjects.get(input.tenant, token.subjectId);
  if (!subject) throw new DomainError('invalid_token', INVALID);
  const identity = (await deps.subjects.listRecords(input.tenant, subject.id)).find((r) => r.category === 'identity');
  const current = input.sessionId ? sha256(input.sessionId) : undefined;
  const session = current ? await deps.sessions.get(input.tenant, current) : undefined;
  const keep = session && 'subjectId' in session && session.subjectId === subject.id ? current : undefined;
  await deps.subjects.changeEmail({
    tenant: input.tenant,
    subject,
    newEmail: token.newEmail,
    identity,
    effects: {
      audit: [
        {
          action: 'profile.email_changed',
          actor: { type: 'subject', id: subject.id },
          subjectId: subject.id,
          detail: { field: 'email' },
          personal: { old: subject.email, new: token.newEmail },
        },
        {
          action: 'session.revoked_all',
          actor: { type: 'system' },
          subjectId: subject.id,
          detail: { reason: 'email changed', keptConfirmingSession: Boolean(keep) },
        },
      ],
      mail: [{ template: 'email-changed-notice', to: subject.email, newEmail: token.newEmail }],
    },
    endCredentials: { exceptSession: keep },
  });
  return { subjectId: subject.id };
}
