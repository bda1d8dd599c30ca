import { type Context, Hono } from 'hono';
import type { Deps } from '../../shared/deps.ts';
import { DomainError } from '../../shared/errors.ts';
import { requirePermission } from '../../shared/staff/permissions.ts';
import { resolveStaffSession } from '../../shared/staff/staff-sign-in.ts';
import { notFound, onError } from '../http/errors.ts';
import { type Guards, RouteRegistry } from '../http/routes.ts';
import { limitBody, noStore, sameOriginOnly, securityHeaders } from '../http/security.ts';
import { sessionCookie } from '../http/session-cookie.ts';
import { type AdminEnv, adminPath } from './context.ts';
import { staffDownloadPages } from './download-pages.tsx';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { exportRoutes } from './routes/exports.ts';
import { marketingRoutes } from './routes/marketing.ts';
import { reportRoutes } from './routes/reports.ts';
import { requestRoutes } from './routes/requests.ts';
import { staffRoutes } from './routes/staff.ts';
import { MAX_IMPORT_BYTES, subjectRoutes } from './routes/subjects.ts';

export interface AdminOptions {
  clientIp: (c: Context) => string;
  originFromHost?: boolean;
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
export function createAdminApp(deps: Deps, options: AdminOptions) {
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

  // A download opened as a link, signed out or refused, answers a page, not JSON.
  staffDownloadPages(app);
  const admin = { app, routes, deps, cookie };
  authRoutes(admin, options.clientIp);
  requestRoutes(admin);
  complaintRoutes(admin);
  reportRoutes(admin);
  staffRoutes(admin);
  auditRoutes(admin);
  exportRoutes(admin);
  subjectRoutes(admin);
  marketingRoutes(admin);

  // Built on first request, not at cold start: converting every schema takes a good part of the
  // app's start-up, for a document few callers ever ask for.
  let openapi: ReturnType<typeof routes.document> | undefined;
  app.get(`${adminPath}/openapi.json`, (c) => {
    openapi ??= routes.document({ title: 'Privacy Centre — staff admin API', version: '1.0.0' }, '/api');
    return c.json(openapi);
  });
  return app;
}

export type AdminApp = ReturnType<typeof createAdminApp>;
