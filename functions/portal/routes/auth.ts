import type { Context } from 'hono';
import { requestSignInLink, signOut, verifySignInLink } from '../../../shared/auth/subject-sign-in.ts';
import { LinkRequest, Message, SignedIn, VerifyRequest } from '../../../shared/portal-api.ts';
import { confirmEmailChange } from '../../../shared/profile/email-change.ts';
import { errorReply, reply } from '../../http/route-group.ts';
import { publicAccess } from '../../http/routes.ts';
import { signOutRoute } from '../../http/sign-out-route.ts';
import { type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';

const LINK_SENT = 'If that address is known to us, we have sent it a sign-in link. It works once, for 15 minutes.';

export function authRoutes(portal: PortalRoutes, clientIp: (c: Context) => string): void {
  const { deps, cookie } = portal;
  const route = portalRouteGroup(portal, 'sign-in');
  const badToken = errorReply('Unknown, used or expired token');

  route.post(`${tenantPath}/auth/link`, {
    access: publicAccess,
    summary: 'Email a sign-in link (same answer whether or not the address is known)',
    body: LinkRequest,
    responses: {
      202: reply('Accepted', Message),
      400: errorReply('Bad input'),
      429: errorReply('Too many requests; see Retry-After'),
    },
    handler: async (c, body) => {
      await requestSignInLink(deps, { tenant: c.get('tenant').slug, email: body.email, clientKey: clientIp(c) });
      return c.json({ message: LINK_SENT }, 202);
    },
  });

  route.post(`${tenantPath}/auth/verify`, {
    access: publicAccess,
    summary: 'Exchange a link token for a session cookie',
    body: VerifyRequest,
    responses: { 200: reply('Signed in; sets the session cookie', SignedIn), 400: badToken },
    handler: async (c, body) => {
      const tenant = c.get('tenant').slug;
      const session = await cookie.signIn(
        c,
        tenant,
        () => verifySignInLink(deps, { tenant, token: body.token }),
        (sessionId) => signOut(deps, { tenant, sessionId }),
      );
      return c.json({ subject: { id: session.subjectId } });
    },
  });

  signOutRoute(route, cookie, {
    path: `${tenantPath}/auth/logout`,
    summary: 'End the session on the server',
    end: (tenant, sessionId) => signOut(deps, { tenant, sessionId }),
  });

  portalRouteGroup(portal, 'my details').post(`${tenantPath}/auth/confirm-email`, {
    access: publicAccess,
    summary: 'Confirm a new email address with the token from the link sent to it',
    body: VerifyRequest,
    responses: {
      200: reply('The address is changed; the old one has been told', Message),
      400: badToken,
      409: errorReply('The address cannot be used'),
    },
    handler: async (c, body) => {
      const tenant = c.get('tenant').slug;
      await confirmEmailChange(deps, { tenant, token: body.token, sessionId: cookie.read(c, tenant) });
      return c.json({ message: 'Your email address is changed. Use it to sign in from now on.' });
    },
  });
}
