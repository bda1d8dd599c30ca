import type { Actor, StaffMember } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';

/** Who is acting, in which centre: always from the staff session, never from the request. */
export interface StaffContext {
  tenant: TenantConfig;
  member: StaffMember;
}

export const staffActor = (ctx: StaffContext): Actor => ({ type: 'staff', id: ctx.member.email });
