import { randomInt } from 'node:crypto';
import { limitLinkRequests } from '../auth/subject-sign-in.ts';
import { newSecret, normaliseEmail, sha256 } from '../crypto.ts';
import { type Deps, epochSeconds as epoch } from '../deps.ts';
import type { StaffMember, StaffSession } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { waitWords } from '../wait-words.ts';
import { findStaff } from './directory.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';
import { openTotp, resealTotp, sealTotp } from './totp-seal.ts';

export const STAFF_IDLE_SECONDS = 15 * 60;
export const STAFF_ABSOLUTE_SECONDS = 8 * 60 * 60;
/** Between the email link and the second factor. */
export const SECOND_FACTOR_SECONDS = 10 * 60;
/** Wrong codes allowed per person in a window, before the half-made session ends. */
export const SECOND_FACTOR_LIMIT = { attempts: 5, windowSeconds: 15 * 60 };
const RECOVERY_CODES = 10;

const INVALID_LINK = 'This sign-in link does not work any more. Links work once and for 15 minutes: please ask for a new one.';

/** The same answer whether or not the address is staff here; staff get an email. */
export async function requestStaffLink(deps: Deps, input: { tenant: TenantConfig; email: string; clientKey: string }) {
  const now = epoch(deps.clock.now());
  const tenant = input.tenant.slug;
  const email = normaliseEmail(input.email);
  const emailKey = deps.settings.hashKeys.hash(`${tenant}:staff:${email}`);
  const clientKey = deps.settings.hashKeys.hash(input.clientKey);
  await limitLinkRequests(deps, tenant, 'staff-link', { clientKey, emailKey }, now);
  const member = await findStaff(deps, input.tenant, email);
  if (!member) {
    await deps.audit.commit(tenant, {
      audit: [
        { action: 'staff.link_requested_unknown', actor: { type: 'anonymous' }, detail: { emailKey: emailKey.slice(0, 16) } },
      ],
    });
    return;
  }
  await deps.audit.commit(tenant, {
    audit: [{ action: 'staff.link_requested', actor: { type: 'staff', id: member.email } }],
    mail: [{ template: 'staff-sign-in-link', to: member.email, staffEmail: member.email }],
  });
}

export interface NewStaffSession {
  sessionId: string;
  maxAgeSeconds: number;
}

const times = (now: number, idle: number, absolute: number) => ({
  createdAt: now,
  lastSeenAt: now,
  idleExpiresAt: now + idle,
  absoluteExpiresAt: now + absolute,
});

/**
 * Exchanges the email link for a half-made session that is good only for the second factor.
 * On a first sign-in it carries a new TOTP secret (sealed) for enrolment.
 */
export async function verifyStaffLink(
  deps: Deps,
  input: { tenant: TenantConfig; token: string },
): Promise<NewStaffSession & { next: 'enrol' | 'second-factor' }> {
  const now = epoch(deps.clock.now());
  const tenant = input.tenant.slug;
  const token = await deps.tokens.consume(tenant, sha256(input.token), 'staff-sign-in', now);
  const member = token ? await findStaff(deps, input.tenant, token.subjectId) : undefined;
  if (!member) throw new DomainError('invalid_token', INVALID_LINK);
  const enrolled = Boolean(member.totpSecret);
  const sessionId = newSecret();
  await deps.sessions.create(
    {
      tenant,
      idHash: sha256(sessionId),
      audience: 'staff',
      staffEmail: member.email,
      stage: 'second-factor',
      ...(enrolled ? {} : { pendingSecret: sealTotp(deps.settings, newTotpSecret()) }),
      ...times(now, SECOND_FACTOR_SECONDS, SECOND_FACTOR_SECONDS),
    },
    { audit: [{ action: 'staff.link_verified', actor: { type: 'staff', id: member.email } }] },
  );
  return { sessionId, maxAgeSeconds: SECOND_FACTOR_SECONDS, next: enrolled ? 'second-factor' : 'enrol' };
}

export interface ResolvedStaff {
  session: StaffSession;
  member: StaffMember;
}

const TOUCH_AFTER_SECONDS = 60;

/**
 * The live staff session of this tenant and its member, or undefined. The role is read afresh
 * on every request, so a change on the staff screen applies at once, and removal ends access.
 */
export async function resolveStaffSession(
  deps: Deps,
  input: { tenant: TenantConfig; sessionId: string },
): Promise<ResolvedStaff | undefined> {
  const now = epoch(deps.clock.now());
  const tenant = input.tenant.slug;
  const idHash = sha256(input.sessionId);
  const session = await deps.sessions.get(tenant, idHash);
  if (session?.audience !== 'staff' || session.tenant !== tenant) return undefined;
  if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) return undefined;
  const member = await findStaff(deps, input.tenant, session.staffEmail);
  if (!member || session.createdAt < (member.sessionsValidFrom ?? 0)) return undefined;
  if (session.stage === 'full' && now - session.lastSeenAt >= TOUCH_AFTER_SECONDS) {
    await deps.sessions.touch(tenant, idHash, now, Math.min(now + STAFF_IDLE_SECONDS, session.absoluteExpiresAt));
  }
  return { session, member };
}

function pendingOnly(resolved: ResolvedStaff): void {
  if (resolved.session.stage !== 'second-factor') throw new DomainError('conflict', 'You are signed in already.');
}

const issuerOf = (tenant: TenantConfig) => `${tenant.name} privacy centre`;

/** The secret to put in an authenticator app, while enrolling. */
export function enrolment(deps: Deps, input: { tenant: TenantConfig; resolved: ResolvedStaff }) {
  pendingOnly(input.resolved);
  const { session, member } = input.resolved;
  if (member.totpSecret || !session.pendingSecret) {
    throw new DomainError('conflict', 'Your authenticator app is set up already: enter a code from it.');
  }
  const { secret } = openTotp(deps.settings, session.pendingSecret);
  const issuer = issuerOf(input.tenant);
  return { secret, issuer, account: member.email, otpauthUri: otpauthUri({ issuer, account: member.email, secret }) };
}

/**
 * Wrong second-factor codes are counted per person: past the limit, the half-made session ends
 * and no code is even checked until the window has passed.
 */
function attempts(deps: Deps, tenant: string, resolved: ResolvedStaff, now: number) {
  const key = `staff-2fa#${deps.settings.hashKeys.hash(resolved.member.email)}`;
  const { attempts: limit, windowSeconds } = SECOND_FACTOR_LIMIT;
  const lockOut = async (retryAfterSeconds: number): Promise<never> => {
    await deps.sessions.revoke(tenant, resolved.session.idHash, {
      audit: [{ action: 'staff.second_factor_locked', actor: { type: 'staff', id: resolved.member.email } }],
    });
    throw new DomainError(
      'rate_limited',
      `Too many wrong codes. Wait ${waitWords(retryAfterSeconds)}, then ask for a new sign-in link.`,
      {
        retryAfterSeconds,
      },
    );
  };
  return {
    async checkNotLocked() {
      const next = await deps.rateLimiter.peek(tenant, key, limit, windowSeconds, now);
      if (!next.allowed) await lockOut(next.retryAfterSeconds);
    },
    async failed(message: string, field: 'code' | 'recoveryCode'): Promise<never> {
      const hit = await deps.rateLimiter.hit(tenant, key, limit, windowSeconds, now);
      await deps.audit.commit(tenant, {
        audit: [{ action: 'staff.second_factor_failed', actor: { type: 'staff', id: resolved.member.email }, detail: { field } }],
      });
      if (!hit.allowed) await lockOut(hit.retryAfterSeconds);
      throw new DomainError('bad_request', message, { fields: [{ field, message }] });
    },
  };
}

const WRONG_CODE = 'That code is not right, or was used already. Enter the current code from your authenticator app.';

const recoveryValue = (tenant: string, email: string, code: string) => `recovery:${tenant}:${email}:${code}`;

/** Ten single-use codes of 10 characters, shown as `abcde-12345`. */
function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODES }, () => {
    let code = '';
    while (code.length < 10) code += alphabet[randomInt(alphabet.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** Replaces the half-made session with a full one (a new id: the old cookie is worthless). */
async function stepUp(
  deps: Deps,
  tenant: string,
  resolved: ResolvedStaff,
  now: number,
  factor: string,
): Promise<NewStaffSession> {
  const sessionId = newSecret();
  await deps.sessions.replace(
    tenant,
    resolved.session.idHash,
    {
      tenant,
      idHash: sha256(sessionId),
      audience: 'staff',
      staffEmail: resolved.member.email,
      stage: 'full',
      ...times(now, STAFF_IDLE_SECONDS, STAFF_ABSOLUTE_SECONDS),
    },
    { audit: [{ action: 'staff.signed_in', actor: { type: 'staff', id: resolved.member.email }, detail: { factor } }] },
  );
  return { sessionId, maxAgeSeconds: STAFF_ABSOLUTE_SECONDS };
}

/** Confirms the authenticator app with a first code; returns recovery codes, shown once. */
export async function enrol(
  deps: Deps,
  input: { tenant: TenantConfig; resolved: ResolvedStaff; code: string },
): Promise<NewStaffSession & { recoveryCodes: string[] }> {
  const now = epoch(deps.clock.now());
  const tenant = input.tenant.slug;
  const { secret } = enrolment(deps, input);
  const tries = attempts(deps, tenant, input.resolved, now);
  await tries.checkNotLocked();
  const step = matchTotp(secret, input.code, now);
  if (step === undefined) {
    return tries.failed('That code is not right. Check the app shows this centre, and enter its current code.', 'code');
  }
  const recoveryCodes = newRecoveryCodes();
  const member = input.resolved.member;
  await deps.staff.put(
    {
      ...member,
      totpSecret: sealTotp(deps.settings, secret),
      enrolledAt: new Date(now * 1000).toISOString(),
      lastTotpStep: step,
      recoveryCodes: recoveryCodes.map((c) =>
        deps.settings.hashKeys.hash(recoveryValue(tenant, member.email, c.replace('-', ''))),
      ),
      version: member.version + 1,
    },
    member.version,
    { audit: [{ action: 'staff.second_factor_enrolled', actor: { type: 'staff', id: member.email } }] },
  );
  const session = await stepUp(deps, tenant, input.resolved, now, 'totp-enrolment');
  return { ...session, recoveryCodes };
}

/** The second factor: a current TOTP code (each works once) or a recovery code (each works once). */
export async function secondFactor(
  deps: Deps,
  input: { tenant: TenantConfig; resolved: ResolvedStaff; code?: string; recoveryCode?: string },
): Promise<NewStaffSession> {
  pendingOnly(input.resolved);
  const now = epoch(deps.clock.now());
  const tenant = input.tenant.slug;
  const { member } = input.resolved;
  if (!member.totpSecret) throw new DomainError('conflict', 'Set up your authenticator app first.');
  const tries = attempts(deps, tenant, input.resolved, now);
  await tries.checkNotLocked();
  if (input.recoveryCode) {
    const taken = await deps.staff.takeRecoveryCode(
      tenant,
      member.email,
      deps.settings.hashKeys.lookups(recoveryValue(tenant, member.email, input.recoveryCode)),
    );
    if (!taken) return tries.failed('That recovery code is not right, or was used already.', 'recoveryCode');
    return stepUp(deps, tenant, input.resolved, now, 'recovery-code');
  }
  const { secret, stale } = openTotp(deps.settings, member.totpSecret);
  const step = matchTotp(secret, input.code ?? '', now);
  if (step === undefined || !(await deps.staff.takeTotpStep(tenant, member.email, step))) return tries.failed(WRONG_CODE, 'code');
  if (stale) await resealTotp(deps, member, secret, step);
  return stepUp(deps, tenant, input.resolved, now, 'totp');
}

export async function staffSignOut(deps: Deps, input: { tenant: string; sessionId: string }): Promise<void> {
  const idHash = sha256(input.sessionId);
  const session = await deps.sessions.get(input.tenant, idHash);
  if (session?.audience !== 'staff') return;
  await deps.sessions.revoke(input.tenant, idHash, {
    audit: [{ action: 'staff.signed_out', actor: { type: 'staff', id: session.staffEmail } }],
  });
}
