import { type Context, Hono, type MiddlewareHandler } from 'hono';
import {
  ErrorResponse,
  LinkRequest,
  Message,
  MyDataResponse,
  SignedIn,
  TenantList,
  TenantPublic,
  VerifyRequest,
} from '../../shared/api.ts';
import { requestSignInLink, resolveSession, signOut, verifySignInLink } from '../../shared/auth/sign-in.ts';
import { ukDate } from '../../shared/deadlines.ts';
import { DomainError } from '../../shared/errors.ts';
import { buildMyData } from '../../shared/my-data.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { Deps } from '../../shared/ports.ts';
import { notFound, onError } from '../http/errors.ts';
import { RouteRegistry } from '../http/routes.ts';
import { limitBody, noStore, sameOriginOnly, securityHeaders } from '../http/security.ts';
import { sessionCookie } from '../http/session-cookie.ts';

type PortalEnv = { Variables: { tenant: TenantConfig; subjectId: string; sessionId: string } };

export interface PortalOptions {
  /** The client's address for rate limiting, as the runtime knows it. */
  clientIp: (c: Context) => string;
}

const LINK_SENT = 'If that address is known to us, we have sent it a sign-in link. It works once, for 15 minutes.';
const tenantPath = '/t/:tenant';

/** The subject portal API, mounted under `/api` both on Lambda and locally. */
export function createPortalApp(deps: Deps, options: PortalOptions) {
  const app = new Hono<PortalEnv>().basePath('/api');
  const routes = new RouteRegistry();
  const cookie = sessionCookie(deps.settings.publicUrl);

  app.onError(onError);
  app.notFound(notFound);
  app.use(securityHeaders(), noStore(), limitBody(), sameOriginOnly(deps.settings.publicUrl));

  const withTenant: MiddlewareHandler<PortalEnv> = async (c, next) => {
    const tenant = deps.tenants.get(c.req.param('tenant') ?? '');
    if (!tenant) throw new DomainError('not_found', 'There is no privacy centre at this address.');
    c.set('tenant', tenant);
    await next();
  };
  const withSession: MiddlewareHandler<PortalEnv> = async (c, next) => {
    const tenant = c.get('tenant').slug;
    const sessionId = cookie.read(c, tenant);
    const session = sessionId ? await resolveSession(deps, { tenant, sessionId }) : undefined;
    if (!sessionId || !session) throw new DomainError('unauthenticated', 'Please sign in again.');
    c.set('subjectId', session.subjectId);
    c.set('sessionId', sessionId);
    await next();
  };
  app.use(`${tenantPath}`, withTenant);
  app.use(`${tenantPath}/*`, withTenant);
  app.use(`${tenantPath}/me`, withSession);

  routes.add(
    app,
    {
      method: 'get',
      path: '/health',
      tag: 'system',
      summary: 'Liveness',
      responses: { 200: { description: 'Up', schema: Message } },
    },
    (c) => c.json({ message: 'ok' }),
  );

  routes.add(
    app,
    {
      method: 'get',
      path: '/tenants',
      tag: 'tenants',
      summary: 'The privacy centres served here',
      responses: { 200: { description: 'Tenants', schema: TenantList } },
    },
    (c) => c.json({ tenants: deps.tenants.list().map((t) => ({ slug: t.slug, name: t.name })) }),
  );

  routes.add(
    app,
    {
      method: 'get',
      path: tenantPath,
      tag: 'tenants',
      summary: 'Who runs this privacy centre and how to reach them',
      responses: {
        200: { description: 'Tenant', schema: TenantPublic },
        404: { description: 'No such tenant', schema: ErrorResponse },
      },
    },
    (c) => {
      const t = c.get('tenant');
      return c.json({
        slug: t.slug,
        name: t.name,
        legalName: t.legalName,
        contact: t.contact,
        deadlinePromise: t.deadline.promise,
        transfers: t.transfers,
      });
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/auth/link`,
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
      await requestSignInLink(deps, { tenant: c.get('tenant').slug, email: body.email, clientKey: options.clientIp(c) });
      return c.json({ message: LINK_SENT }, 202);
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/auth/verify`,
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
      method: 'get',
      path: `${tenantPath}/me`,
      tag: 'my data',
      summary: 'Everything held about the signed-in subject, by category, with the Art. 15 information',
      session: true,
      responses: {
        200: { description: 'My data', schema: MyDataResponse },
        401: { description: 'No valid session', schema: ErrorResponse },
      },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const subjectId = c.get('subjectId');
      const subject = await deps.subjects.get(tenant.slug, subjectId);
      if (!subject) throw new DomainError('unauthenticated', 'Please sign in again.');
      const records = await deps.subjects.listRecords(tenant.slug, subjectId);
      return c.json(buildMyData(tenant, subject, records, ukDate(deps.clock.now())));
    },
  );

  const openapi = routes.document({ title: 'Privacy Centre — subject portal API', version: '1.0.0' }, '/api');
  app.get('/openapi.json', (c) => c.json(openapi));
  return app;
}

export type PortalApp = ReturnType<typeof createPortalApp>;
