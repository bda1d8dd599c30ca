import type { Hono } from 'hono';
import type { Deps } from '../../shared/deps.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { RouteRegistry } from '../http/routes.ts';
import type { sessionCookie } from '../http/session-cookie.ts';

export type PortalEnv = { Variables: { tenant: TenantConfig; subjectId: string; sessionId: string } };

/** What every group of portal routes is registered with. */
export interface PortalRoutes {
  app: Hono<PortalEnv>;
  routes: RouteRegistry<PortalEnv>;
  deps: Deps;
  cookie: ReturnType<typeof sessionCookie>;
}

export const tenantPath = '/t/:tenant';
