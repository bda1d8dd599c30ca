import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { resolveSession } from '../../shared/auth/subject-sign-in.ts';
import type { Deps } from '../../shared/deps.ts';
import { DomainError } from '../../shared/errors.ts';
import { checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/marketing/mailer-signature.ts';
import { compressJson } from '../http/compress-json.ts';
import { notFound, onError } from '../http/errors.ts';
import type { OpenApiInfo, OpenApiSource } from '../http/openapi.ts';
import { OPENAPI_VERSION, RouteRegistry } from '../http/routes.ts';
import { limitBody, noStore, sameOriginOnly, securityHeaders } from '../http/security.ts';
import { sessionCookie } from '../http/session-cookie.ts';
import { type PortalEnv, type PortalRoutes, tenantPath } from './context.ts';
import { authRoutes } from './routes/auth.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { exportRoutes } from './routes/exports.tsx';
import { mailerRoutes } from './routes/mailer.ts';
import { marketingRoutes } from './routes/marketing.ts';
import { meRoutes } from './routes/me.ts';
import { publicRoutes } from './routes/public.ts';
import { requestRoutes } from './routes/requests.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.tsx';

export interface PortalOptions {
  /** The client's address for rate limiting, as the runtime knows it. */
  clientIp: (c: Context) => string;
  /** Accept the Origin of the host the request was sent to (local runtime: localhost or 127.0.0.1). */
  originFromHost?: boolean;
  /** Each tenant's mailer signing secret (Secrets Manager on AWS, `.local/` locally); a tenant without one has no mailer API. */
  mailerSecrets?: Record<string, string>;
  /** Where the OpenAPI document comes from: built from the routes locally, the synth's file on Lambda. */
  openapi: OpenApiSource;
}

/** The portal's function, as its OpenAPI document is named (functions/http/openapi.ts). */
export const PORTAL_OPENAPI = {
  name: 'portal',
  info: { title: 'Privacy Centre — subject portal API', version: OPENAPI_VERSION },
} as const satisfies {
  name: string;
  info: OpenApiInfo;
};

/** The subject portal API, mounted under `/api` both on Lambda and locally. */
export function createPortalApp(deps: Deps, options: PortalOptions) {
  const app = new Hono<PortalEnv>().basePath('/api');
  const cookie = sessionCookie(deps.settings.publicUrl);
  const routes = new RouteRegistry<PortalEnv>({
    public: async () => {},
    // The subject comes from the session, never from the request.
    subject: async (c) => {
      const tenant = c.get('tenant').slug;
      const sessionId = cookie.read(c, tenant);
      const session = sessionId ? await resolveSession(deps, { tenant, sessionId }) : undefined;
      if (!sessionId || !session) throw new DomainError('unauthenticated', 'Please sign in again.');
      c.set('subjectId', session.subjectId);
      c.set('sessionId', sessionId);
    },
    // The tenant's own mail tools: a call signed with the tenant's mailer secret, within five minutes.
    mailer: async (c) => {
      const tenant = c.get('tenant').slug;
      const url = new URL(c.req.url);
      const check = checkSignature({
        secret: options.mailerSecrets?.[tenant],
        timestamp: c.req.header(TIMESTAMP_HEADER),
        signature: c.req.header(SIGNATURE_HEADER),
        method: c.req.method,
        path: url.pathname + url.search,
        body: await c.req.text(),
        now: deps.clock.now(),
      });
      if (!check.ok) {
        console.warn(JSON.stringify({ level: 'warn', msg: 'mailer call refused', tenant, why: check.why }));
        throw new DomainError('unauthenticated', 'Sign the call with this centre’s mailer secret and the current time.');
      }
    },
  });

  app.onError(onError);
  app.notFound(notFound);
  app.use(
    compressJson(),
    securityHeaders(),
    noStore(),
    limitBody(),
    sameOriginOnly(deps.settings.publicUrl, { alsoRequestHost: options.originFromHost }),
  );

  const withTenant: MiddlewareHandler<PortalEnv> = async (c, next) => {
    const tenant = deps.tenants.get(c.req.param('tenant') ?? '');
    if (!tenant) throw new DomainError('not_found', 'There is no privacy centre at this address.');
    c.set('tenant', tenant);
    await next();
  };
  app.use(tenantPath, withTenant);
  app.use(`${tenantPath}/*`, withTenant);

  addPortalRoutes({ app, routes, deps, cookie }, options.clientIp);

  // Asked for on first request, not at cold start: few callers ever want the document.
  let openapi: ReturnType<OpenApiSource> | undefined;
  app.get('/openapi.json', (c) => {
    openapi ??= options.openapi(PORTAL_OPENAPI.name, routes.specs, PORTAL_OPENAPI.info);
    return c.json(openapi);
  });
  return app;
}

export type PortalApp = ReturnType<typeof createPortalApp>;

function addPortalRoutes(portal: PortalRoutes, clientIp: PortalOptions['clientIp']): void {
  publicRoutes(portal);
  authRoutes(portal, clientIp);
  meRoutes(portal);
  marketingRoutes(portal);
  requestRoutes(portal);
  complaintRoutes(portal);
  exportRoutes(portal);
  unsubscribeRoutes(portal);
  mailerRoutes(portal);
}

/**
 * The portal's route specs without an app to serve them: what its OpenAPI document is built from
 * at synth (infra/openapi-documents.ts). Adding routes reads nothing (their handlers do), so no
 * Deps are needed.
 */
export function portalRouteSpecs(): RouteRegistry<PortalEnv>['specs'] {
  const app = new Hono<PortalEnv>().basePath('/api');
  const allow = async () => {};
  const routes = new RouteRegistry<PortalEnv>({ public: allow, subject: allow, mailer: allow });
  addPortalRoutes({ app, routes, deps: undefined as never, cookie: undefined as never }, () => '');
  return routes.specs;
}
