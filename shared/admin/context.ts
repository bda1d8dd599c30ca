import type { Deps } from '../deps.ts';
import type { Actor, AuditEventInput, StaffMember } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';

/** Who is acting, in which centre: always from the staff session, never from the request. */
export interface StaffContext {
  tenant: TenantConfig;
  member: StaffMember;
}

export const staffActor = (ctx: StaffContext): Actor => ({ type: 'staff', id: ctx.member.email });

/** Audits what a member of staff saw or took away (a view, a search, a download): one event, nothing else written. */
export function auditStaffRead(
  deps: Pick<Deps, 'audit'>,
  ctx: StaffContext,
  event: Omit<AuditEventInput, 'actor'>,
): Promise<void> {
  return deps.audit.commit(ctx.tenant.slug, { audit: [{ ...event, actor: staffActor(ctx) }] });
}
