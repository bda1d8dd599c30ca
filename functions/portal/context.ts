import type { TenantConfig } from '../../shared/policy/schema.ts';
import { type AppRoutes, errorReply, routeGroup } from '../http/route-group.ts';

export type PortalEnv = { Variables: { tenant: TenantConfig; subjectId: string; sessionId: string } };

/** What every group of portal routes is registered with. */
export type PortalRoutes = AppRoutes<PortalEnv>;

export const tenantPath = '/t/:tenant';

/** A group of portal routes under one tag; a subject route can always answer 401 for want of a session. */
export const portalRouteGroup = (portal: PortalRoutes, tag: string) =>
  routeGroup(portal, tag, { subject: { 401: errorReply('No valid session') } });
