import type { TenantConfig } from '../../shared/policy/schema.ts';
import { type RouteGroup, reply } from './route-group.ts';
import { publicAccess } from './routes.ts';
import type { sessionCookie } from './session-cookie.ts';

type TenantEnv = { Variables: { tenant: TenantConfig } };

/**
 * The sign-out route, the same in the portal and the staff API: open to anyone (a stale cookie must
 * still be clearable), it ends on the server the session the browser holds, if any, and clears the cookie.
 */
export function signOutRoute<E extends TenantEnv>(
  route: RouteGroup<E>,
  cookie: ReturnType<typeof sessionCookie>,
  spec: { path: string; summary: string; end: (tenant: string, sessionId: string) => Promise<unknown> },
): void {
  route.post(spec.path, {
    access: publicAccess,
    summary: spec.summary,
    responses: { 204: reply('Signed out') },
    handler: async (c) => {
      const tenant = c.get('tenant').slug;
      await cookie.signOut(c, tenant, (sessionId) => spec.end(tenant, sessionId));
      return c.body(null, 204);
    },
  });
}
