import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { StaffRole } from '../vocabulary.ts';

/** What each role may do. Reading is every role's; acting and managing are not. */
export const permissions = {
  read: ['viewer', 'handler', 'admin'],
  act: ['handler', 'admin'],
  'manage-staff': ['admin'],
  /** Browsing and exporting the audit trail: who did what to whom, so admins only. */
  'read-audit': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Permission = keyof typeof permissions;

export const can = (role: StaffRole, permission: Permission) => (permissions[permission] as readonly StaffRole[]).includes(role);

const refusals: Record<Permission, string> = {
  read: 'You are not staff of this privacy centre.',
  act: 'Your role is viewer: you can read requests but not act on them. Ask an admin for the handler role.',
  'manage-staff': 'Only an admin can manage staff. Ask an admin of this privacy centre.',
  'read-audit': 'Only an admin can read the audit trail. Ask an admin of this privacy centre.',
};

/** Who is acting, as far as a permission goes: their centre, their address and their role. */
export interface Acting {
  tenant: { slug: string };
  member: { email: string; role: StaffRole };
}

/**
 * The one guard of every staff use case: throws a 403 with a plain reason, and leaves an audit
 * event of the refusal, when the member's role lacks the permission. `what` names the attempt.
 */
export async function requirePermission(deps: Deps, ctx: Acting, permission: Permission, what: string): Promise<void> {
  const { role, email } = ctx.member;
  if (can(role, permission)) return;
  await deps.audit.commit(ctx.tenant.slug, {
    audit: [
      {
        action: 'staff.permission_refused',
        actor: { type: 'staff', id: email },
        detail: { permission, role, attempted: what },
      },
    ],
  });
  throw new DomainError('forbidden', refusals[permission]);
}
