import { type Context, Hono } from 'hono';
import type { Deps } from '../../shared/deps.ts';
import { DomainError } from '../../shared/errors.ts';
import { requirePermission } from '../../shared/staff/permissions.ts';
import { resolveStaffSession } from '../../shared/staff/staff-sign-in.ts';
import { notFound, onError } from '../http/errors.ts';
import type { OpenApiSource } from '../http/openapi.ts';
import { type Guards, OPENAPI_VERSION, RouteRegistry } from '../http/routes.ts';
import { limitBody, noStore, sameOriginOnly, securityHeaders } from '../http/security.ts';
import { sessionCookie } from '../http/session-cookie.ts';
import { type AdminEnv, type AdminRoutes, adminPath, MAX_IMPORT_BYTES } from './context.ts';

export interface AdminOptions {
  clientIp: (c: Context) => string;
  originFromHost?: boolean;
  /** Where the OpenAPI documents come from: built from the routes locally, the synth's files on Lambda. */
  openapi: OpenApiSource;
}

/** Adds some of the staff routes (one file of functions/admin/routes/, or the download pages). */
export type AdminRouteSet = (admin: AdminRoutes, options: AdminOptions) => void;

/**
 * The staff routes one Lambda function serves: its route sets and where its OpenAPI document is.
 * On AWS the staff API is three functions (functions/admin/lambda.ts: sign-in, the queue, a
 * person's and a complaint's page and actions; functions/casework/lambda.ts: a request's page and
 * actions, exports and marketing; functions/staff-tools/lambda.ts: the evidence packs, the audit
 * trail, reports, staff management, the connected systems' progress), each bundling
 * only its own routes' code; API Gateway sends each route to the one function that has it
 * (infra/constructs/api.ts). Locally one app serves every set.
 */
export interface AdminFunctionRoutes {
  /** The function's name: its OpenAPI document's in the asset (infra/openapi-documents.ts). */
  name: 'admin' | 'casework' | 'staff-tools';
  /** The OpenAPI document of this function's routes (hono path, under `/api`). */
  openapi: string;
  title: string;
  sets: readonly AdminRouteSet[];
}

/** A live staff session of this tenant, at either stage, or 401. */
async function staffSession(deps: Deps, cookie: ReturnType<typeof sessionCookie>, c: Context<AdminEnv>) {
  const tenant = c.get('tenant');
  const sessionId = cookie.read(c, tenant.slug);
  const resolved = sessionId ? await resolveStaffSession(deps, { tenant, sessionId }) : undefined;
  if (!sessionId || !resolved) throw new DomainError('unauthenticated', 'Please sign in again.');
  c.set('resolved', resolved);
  c.set('sessionId', sessionId);
  return resolved;
}

/** The staff API's callers: anyone (signing in), staff half-way through signing in, staff with a permission. */
export function staffGuards(deps: Deps, cookie: ReturnType<typeof sessionCookie>): Guards<AdminEnv> {
  return {
    public: async () => {},
    'staff-second-factor': async (c) => {
      await staffSession(deps, cookie, c);
    },
    staff: async (c, access, body) => {
      const resolved = await staffSession(deps, cookie, c);
      if (resolved.session.stage !== 'full') {
        throw new DomainError('unauthenticated', 'Finish signing in with your authenticator app.', {
          next: resolved.member.totpSecret ? 'second-factor' : 'enrol',
        });
      }
      const staff = { tenant: c.get('tenant'), member: resolved.member };
      c.set('staff', staff);
      // The body first (a bad one is a 400 whoever sends it), then the role: a refusal is audited.
      const input = await body();
      const attempt = typeof access.attempt === 'function' ? access.attempt(input) : (access.attempt ?? access.permission);
      await requirePermission(deps, staff, access.permission, attempt);
    },
  };
}

/**
 * The staff admin API, its own app (and its own Lambda on AWS), under
 * `/api/t/<tenant>/admin`. A staff session never works on the subject API, a subject session
 * never works here, and neither crosses tenants: sessions are looked up under the tenant of the
 * path and carry their audience.
 */
export function createAdminApp(deps: Deps, options: AdminOptions, functions: readonly AdminFunctionRoutes[]) {
  const app = new Hono<AdminEnv>().basePath('/api');
  const cookie = sessionCookie(deps.settings.publicUrl, 'pcstaff');
  const routes = new RouteRegistry<AdminEnv>(staffGuards(deps, cookie));

  const bodyLimit = limitBody();
  const importBodyLimit = limitBody(MAX_IMPORT_BYTES);
  app.onError(onError);
  app.notFound(notFound);
  app.use(
    securityHeaders(),
    noStore(),
    // An import carries a whole file (up to 1 MB); every other staff request stays under 16 kB.
    (c, next) => (/^\/api\/t\/[^/]+\/admin\/imports$/.test(c.req.path) ? importBodyLimit : bodyLimit)(c, next),
    sameOriginOnly(deps.settings.publicUrl, { alsoRequestHost: options.originFromHost }),
  );

  // Every admin path is under a tenant that must exist; who may call each route is its spec's `access`.
  app.use(`${adminPath}/*`, async (c, next) => {
    const tenant = deps.tenants.get(c.req.param('tenant') ?? '');
    if (!tenant) throw new DomainError('not_found', 'There is no privacy centre at this address.');
    c.set('tenant', tenant);
    return next();
  });

  const admin = { app, routes, deps, cookie };
  for (const fn of functions) {
    const from = routes.specs.length;
    for (const add of fn.sets) add(admin, options);
    const specs = routes.specs.slice(from);
    // Asked for on first request, not at cold start: few callers ever want the document.
    let openapi: ReturnType<OpenApiSource> | undefined;
    app.get(fn.openapi, (c) => {
      openapi ??= options.openapi(fn.name, specs, { title: fn.title, version: OPENAPI_VERSION });
      return c.json(openapi);
    });
  }
  return app;
}

/**
 * The route specs a function's route sets add, without an app to serve them: what its OpenAPI
 * document is built from (at synth, infra/openapi-documents.ts). Adding routes reads nothing
 * (their handlers do), so no Deps are needed.
 */
export function adminSetSpecs(fn: AdminFunctionRoutes): RouteRegistry<AdminEnv>['specs'] {
  const app = new Hono<AdminEnv>().basePath('/api');
  const allow = async () => {};
  const routes = new RouteRegistry<AdminEnv>({ public: allow, 'staff-second-factor': allow, staff: allow });
  const admin = { app, routes, deps: undefined as never, cookie: undefined as never };
  for (const add of fn.sets) add(admin, { clientIp: () => '', openapi: () => ({}) });
  return routes.specs;
}

/**
 * The method and path of every route these functions add, and who may call it, with the OpenAPI
 * document's own route: what the CDK stack routes to each function (infra/constructs/api.ts) and
 * the tests hold against it.
 */
export function adminRouteSpecs(fn: AdminFunctionRoutes): RouteRegistry<AdminEnv>['specs'] {
  return [
    ...adminSetSpecs(fn),
    { method: 'get', path: fn.openapi, summary: fn.title, tag: 'openapi', access: { who: 'public' }, responses: {} },
  ];
}

export type AdminApp = ReturnType<typeof createAdminApp>;
