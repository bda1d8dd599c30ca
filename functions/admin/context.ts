import type { Hono } from 'hono';
import type { StaffContext } from '../../shared/admin/context.ts';
import type { Deps } from '../../shared/deps.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { ResolvedStaff } from '../../shared/staff/staff-sign-in.ts';
import type { RouteRegistry } from '../http/routes.ts';
import type { sessionCookie } from '../http/session-cookie.ts';

export type AdminEnv = {
  Variables: {
    tenant: TenantConfig;
    /** A live staff session at either stage (set on the auth routes that need one). */
    resolved: ResolvedStaff;
    sessionId: string;
    /** A fully signed-in member of staff. */
    staff: StaffContext;
  };
};

export interface AdminRoutes {
  app: Hono<AdminEnv>;
  routes: RouteRegistry<AdminEnv>;
  deps: Deps;
  cookie: ReturnType<typeof sessionCookie>;
}

export const adminPath = '/t/:tenant/admin';
