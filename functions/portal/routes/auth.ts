import type { Context } from 'hono';
import { requestSignInLink, signOut, verifySignInLink } from '../../../shared/auth/subject-sign-in.ts';
import { ErrorResponse, LinkRequest, Message, SignedIn, VerifyRequest } from '../../../shared/portal-api.ts';
import { confirmEmailChange } from '../../../shared/profile/email-change.ts';
import { publicAccess } from '../../http/routes.ts';
import { type PortalRoutes, tenantPath } from '../context.ts';

const LINK_SENT = 'If that address is known to us, we have sent it a sign-in link. It works once, for 15 minutes.';

export function authRoutes({ app, routes, deps, cookie }: PortalRoutes, clientIp: (c: Context) => string): void {
  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/auth/link`,
      access: publicAccess,
      tag: 'sign-in',
      summary: 'Email a sign-in link (same answer whether or not the address is known)',
      body: LinkRequest,
      responses: {
        202: { description: 'Accepted', schema: Message },
        400: { description: 'Bad input', schema: ErrorResponse },
        429: { description: 'Too many requests; see Retry-After', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      await requestSignInLink(deps, { tenant: c.get('tenant').slug, email: body.email, clientKey: clientIp(c) });
      return c.json({ message: LINK_SENT }, 202);
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/auth/verify`,
      access: publicAccess,
      tag: 'sign-in',
      summary: 'Exchange a link token for a session cookie',
      body: VerifyRequest,
      responses: {
        200: { description: 'Signed in; sets the session cookie', schema: SignedIn },
        400: { description: 'Unknown, used or expired token', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant').slug;
      const previous = cookie.read(c, tenant);
      const session = await verifySignInLink(deps, { tenant, token: body.token });
      if (previous) await signOut(deps, { tenant, sessionId: previous }); // a new id at every sign-in
      cookie.write(c, tenant, session.sessionId, session.maxAgeSeconds);
      return c.json({ subject: { id: session.subjectId } });
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/auth/logout`,
      access: publicAccess,
      tag: 'sign-in',
      summary: 'End the session on the server',
      responses: { 204: { description: 'Signed out' } },
    },
    async (c) => {
      const tenant = c.get('tenant').slug;
      const sessionId = cookie.read(c, tenant);
      if (sessionId) await signOut(deps, { tenant, sessionId });
      cookie.clear(c, tenant);
      return c.body(null, 204);
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/auth/confirm-email`,
      access: publicAccess,
      tag: 'my details',
      summary: 'Confirm a new email address with the token from the link sent to it',
      body: VerifyRequest,
      responses: {
        200: { description: 'The address is changed; the old one has been told', schema: Message },
        400: { description: 'Unknown, used or expired token', schema: ErrorResponse },
        409: { description: 'The address cannot be used', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant').slug;
      await confirmEmailChange(deps, { tenant, token: body.token, sessionId: cookie.read(c, tenant) });
      return c.json({ message: 'Your email address is changed. Use it to sign in from now on.' });
    },
  );
}
