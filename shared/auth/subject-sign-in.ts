import { newSecret, normaliseEmail, sha256 } from '../crypto.ts';
import { type Deps, epochSeconds as epoch } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { waitWords } from '../wait-words.ts';

export const LINK_TTL_SECONDS = 15 * 60;
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** Link requests allowed per address and per client in one window. */
export const LINK_LIMITS = { perEmail: 10, perClient: 30, windowSeconds: 15 * 60 };

/**
 * Counts a sign-in link asked for, against the client and against the address (hashed keys;
 * `counter` keeps the subjects' and staff's counts apart). Over either limit: rate_limited, with
 * the wait in words.
 */
export async function limitLinkRequests(
  deps: Deps,
  tenant: string,
  counter: 'link' | 'staff-link',
  keys: { clientKey: string; emailKey: string },
  now: number,
): Promise<void> {
  const { perEmail, perClient, windowSeconds } = LINK_LIMITS;
  const [byClient, byEmail] = await Promise.all([
    deps.rateLimiter.hit(tenant, `${counter}-client#${keys.clientKey}`, perClient, windowSeconds, now),
    deps.rateLimiter.hit(tenant, `${counter}-email#${keys.emailKey}`, perEmail, windowSeconds, now),
  ]);
  if (!byClient.allowed || !byEmail.allowed) {
    const retryAfterSeconds = Math.max(byClient.retryAfterSeconds, byEmail.retryAfterSeconds);
    throw new DomainError(
      'rate_limited',
      `Too many sign-in links were asked for. Please wait ${waitWords(retryAfterSeconds)}, then try again.`,
      { retryAfterSeconds },
    );
  }
}

/**
 * Asks for a sign-in link. Known or not, the caller sees the same outcome; a known address
 * gets an email (the token is minted by the dispatcher, so no readable token is ever stored).
 */
export async function requestSignInLink(deps: Deps, input: { tenant: string; email: string; clientKey: string }): Promise<void> {
  const now = epoch(deps.clock.now());
  const email = normaliseEmail(input.email);
  // Rate-limit counters live minutes: a HASH_KEY rotation restarts them (current version only).
  const emailKey = deps.settings.hashKeys.hash(`${input.tenant}:${email}`);
  const clientKey = deps.settings.hashKeys.hash(input.clientKey);
  await limitLinkRequests(deps, input.tenant, 'link', { clientKey, emailKey }, now);
  const subjectId = await deps.subjects.findIdByEmail(input.tenant, email);
  if (!subjectId) {
    // Written too so that both paths do the same work (and failed probes leave a trace).
    await deps.audit.commit(input.tenant, {
      audit: [
        { action: 'auth.link_requested_unknown', actor: { type: 'anonymous' }, detail: { emailKey: emailKey.slice(0, 16) } },
      ],
    });
    return;
  }
  await deps.audit.commit(input.tenant, {
    audit: [{ action: 'auth.link_requested', actor: { type: 'anonymous' }, subjectId }],
    mail: [{ template: 'sign-in-link', to: email, subjectId }],
  });
}

export interface NewSession {
  sessionId: string;
  subjectId: string;
  maxAgeSeconds: number;
}

const INVALID_LINK = 'This sign-in link does not work any more. Links work once and for 15 minutes: please ask for a new one.';

/** Exchanges a link token for a new session. Exactly one of two racing calls succeeds. */
export async function verifySignInLink(deps: Deps, input: { tenant: string; token: string }): Promise<NewSession> {
  const now = epoch(deps.clock.now());
  const token = await deps.tokens.consume(input.tenant, sha256(input.token), 'subject-sign-in', now);
  if (!token) throw new DomainError('invalid_token', INVALID_LINK);
  const subject = await deps.subjects.get(input.tenant, token.subjectId);
  if (!subject) throw new DomainError('invalid_token', INVALID_LINK);
  const sessionId = newSecret();
  await deps.sessions.create(
    {
      tenant: input.tenant,
      idHash: sha256(sessionId),
      subjectId: subject.id,
      audience: 'subject',
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: now + SESSION_IDLE_SECONDS,
      absoluteExpiresAt: now + SESSION_ABSOLUTE_SECONDS,
    },
    { audit: [{ action: 'auth.signed_in', actor: { type: 'subject', id: subject.id }, subjectId: subject.id }] },
  );
  return { sessionId, subjectId: subject.id, maxAgeSeconds: SESSION_ABSOLUTE_SECONDS };
}

/** Touches at most once a minute so that reads stay cheap. */
const TOUCH_AFTER_SECONDS = 60;

/** The subject id of a live session of this tenant, or undefined. */
export async function resolveSession(
  deps: Deps,
  input: { tenant: string; sessionId: string },
): Promise<{ subjectId: string } | undefined> {
  const now = epoch(deps.clock.now());
  const idHash = sha256(input.sessionId);
  const session = await deps.sessions.get(input.tenant, idHash);
  if (session?.audience !== 'subject' || session.tenant !== input.tenant) return undefined;
  if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) return undefined;
  if (now - session.lastSeenAt >= TOUCH_AFTER_SECONDS) {
    await deps.sessions.touch(input.tenant, idHash, now, Math.min(now + SESSION_IDLE_SECONDS, session.absoluteExpiresAt));
  }
  return { subjectId: session.subjectId };
}

/** Ends a session on the server; the cookie is worthless afterwards. */
export async function signOut(deps: Deps, input: { tenant: string; sessionId: string }): Promise<void> {
  const idHash = sha256(input.sessionId);
  const session = await deps.sessions.get(input.tenant, idHash);
  if (session?.audience !== 'subject') return;
  await deps.sessions.revoke(input.tenant, idHash, {
    audit: [{ action: 'auth.signed_out', actor: { type: 'subject', id: session.subjectId }, subjectId: session.subjectId }],
  });
}
