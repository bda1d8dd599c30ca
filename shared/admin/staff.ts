import { normaliseEmail } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { StaffMember } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { findStaff, listStaff } from '../staff/directory.ts';
import { requirePermission } from '../staff/permissions.ts';
import type { StaffRole } from '../vocabulary.ts';
import { type StaffContext, staffActor } from './context.ts';

export interface StaffRow {
  email: string;
  name: string;
  role: StaffRole;
  enrolled: boolean;
  active: boolean;
}

export async function staffList(deps: Deps, ctx: StaffContext): Promise<StaffRow[]> {
  return (await listStaff(deps, ctx.tenant)).map((m) => ({
    email: m.email,
    name: m.name,
    role: m.role,
    enrolled: Boolean(m.totpSecret),
    active: m.active,
  }));
}

const manage = (deps: Deps, ctx: StaffContext, what: string) => requirePermission(deps, ctx, 'manage-staff', what);

/** No change may leave a centre without an admin. */
async function keepAnAdmin(deps: Deps, ctx: StaffContext, email: string, nextRole: StaffRole | undefined) {
  const admins = (await listStaff(deps, ctx.tenant)).filter((m) => m.role === 'admin' && m.email !== email);
  if (nextRole !== 'admin' && admins.length === 0) {
    throw new DomainError('conflict', 'This centre needs at least one admin: make someone else admin first.');
  }
}

/** Adds a member of staff or changes their name or role (admins only); audited. */
export async function upsertStaff(deps: Deps, ctx: StaffContext, input: { email: string; name: string; role: StaffRole }) {
  await manage(deps, ctx, 'upsert-staff');
  const email = normaliseEmail(input.email);
  const stored = await deps.staff.get(ctx.tenant.slug, email);
  const current = await findStaff(deps, ctx.tenant, email);
  if (current?.role === 'admin') await keepAnAdmin(deps, ctx, email, input.role);
  const next: StaffMember = {
    ...(stored ?? {}),
    tenant: ctx.tenant.slug,
    email,
    name: input.name,
    role: input.role,
    active: true,
    source: 'admin',
    version: (stored?.version ?? 0) + 1,
  };
  await deps.staff.put(next, stored?.version ?? 0, {
    audit: [
      {
        action: current ? 'staff.changed' : 'staff.added',
        actor: staffActor(ctx),
        detail: { member: email, role: input.role, ...(current ? { previousRole: current.role } : {}) },
      },
    ],
    // Someone new (or back after a removal) hears of it from the centre, through the outbox.
    mail: current?.active ? [] : [{ template: 'staff-invitation', to: email, staffEmail: email, invitedBy: ctx.member.name }],
  });
  return staffList(deps, ctx);
}

/** Ends someone's staff access at once (their sessions stop working at their next request). */
export async function removeStaff(deps: Deps, ctx: StaffContext, rawEmail: string) {
  await manage(deps, ctx, 'remove-staff');
  const email = normaliseEmail(rawEmail);
  const current = await findStaff(deps, ctx.tenant, email);
  if (!current) throw new DomainError('not_found', 'That person is not staff of this privacy centre.');
  if (current.role === 'admin') await keepAnAdmin(deps, ctx, email, undefined);
  const stored = await deps.staff.get(ctx.tenant.slug, email);
  // The second factor goes too: if they come back, they enrol afresh.
  const { totpSecret: _t, recoveryCodes: _r, enrolledAt: _e, lastTotpStep: _l, ...rest } = current;
  await deps.staff.put({ ...rest, active: false, source: 'admin', version: (stored?.version ?? 0) + 1 }, stored?.version ?? 0, {
    audit: [{ action: 'staff.removed', actor: staffActor(ctx), detail: { member: email, role: current.role } }],
  });
  return staffList(deps, ctx);
}

/**
 * For a lost phone: forgets someone's authenticator app and recovery codes (admins only), and
 * ends their sessions. At their next sign-in they set up an app afresh.
 */
export async function resetSecondFactor(deps: Deps, ctx: StaffContext, rawEmail: string) {
  await manage(deps, ctx, 'reset-second-factor');
  const email = normaliseEmail(rawEmail);
  const current = await findStaff(deps, ctx.tenant, email);
  if (!current) throw new DomainError('not_found', 'That person is not staff of this privacy centre.');
  const stored = await deps.staff.get(ctx.tenant.slug, email);
  if (!stored?.totpSecret) throw new DomainError('conflict', 'They have not set up an authenticator app yet.');
  const { totpSecret: _t, recoveryCodes: _r, enrolledAt: _e, lastTotpStep: _l, ...rest } = stored;
  await deps.staff.put(
    { ...rest, sessionsValidFrom: Math.floor(deps.clock.now().getTime() / 1000) + 1, version: stored.version + 1 },
    stored.version,
    { audit: [{ action: 'staff.second_factor_reset', actor: staffActor(ctx), detail: { member: email } }] },
  );
  return staffList(deps, ctx);
}
