import { DomainError } from '../errors.ts';
import type { Deps, StaffRole } from '../ports.ts';

/** What each role may do. Reading is every role's; acting and managing are not. */
export const permissions = {
  read: ['viewer', 'handler', 'admin'],
  act: ['handler', 'admin'],
  'manage-staff': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Permission = keyof typeof permissions;

export const can = (role: StaffRole, permission: Permission) => (permissions[permission] as readonly StaffRole[]).includes(role);

const refusals: Record<Permission, string> = {
  read: 'You are not staff of this privacy centre.',
  act: 'Your role is viewer: you can read requests but not act on them. Ask an admin for the handler role.',
  'manage-staff': 'Only an admin can manage staff. Ask an admin of this privacy centre.',
};

/** Throws a 403 with a plain reason, and leaves an audit event of the refusal. */
export async function authorise(
  deps: Deps,
  input: { tenant: string; staffEmail: string; role: StaffRole; permission: Permission; what: string },
): Promise<void> {
  if (can(input.role, input.permission)) return;
  await deps.audit.commit(input.tenant, {
    audit: [
      {
        action: 'staff.permission_refused',
        actor: { type: 'staff', id: input.staffEmail },
        detail: { permission: input.permission, role: input.role, attempted: input.what },
      },
    ],
  });
  throw new DomainError('forbidden', refusals[input.permission]);
}
