import { useAddress } from '../../lib/route.ts';

export type AdminPage = 'home' | 'verify' | 'queue' | 'complaints' | 'log' | 'reports' | 'staff' | 'audit' | 'people' | 'import';

export type AdminRoute =
  | { [P in AdminPage]: { name: P; tenant: string } }[AdminPage]
  | { name: 'request'; tenant: string; subjectId: string; requestId: string }
  | { name: 'person'; tenant: string; subjectId: string }
  | { name: 'not-found'; tenant?: string };

/** A route under a tenant's address. */
export type TenantRoute = AdminRoute & { tenant: string };
export const hasTenant = (route: AdminRoute): route is TenantRoute => Boolean(route.tenant);

const pages: Record<string, AdminPage> = {
  '': 'home',
  '/verify': 'verify',
  '/requests': 'queue',
  '/complaints': 'complaints',
  '/log': 'log',
  '/reports': 'reports',
  '/staff': 'staff',
  '/audit': 'audit',
  '/people': 'people',
  '/import': 'import',
};

/** A complaint's own address (`…/admin/complaints/<subject>/<complaint>`): its ids, else undefined. */
export function complaintInAddress(pathname: string): { subjectId: string; id: string } | undefined {
  const [, subjectId, id] = pathname.match(/^\/t\/[a-z0-9-]+\/admin\/complaints\/([\w-]+)\/([\w-]+)\/*$/) ?? [];
  return subjectId && id ? { subjectId, id } : undefined;
}

/** `/t/<tenant>/admin/…` as a route. */
export function parseAdminRoute(pathname: string): AdminRoute {
  const match = pathname.match(/^\/t\/([a-z0-9-]+)\/admin(\/.*)?$/);
  const tenant = match?.[1];
  if (!tenant) return { name: 'not-found' };
  const rest = (match[2] ?? '').replace(/\/+$/, '');
  // A complaint's own address is the complaints page, showing it.
  const page = pages[complaintInAddress(pathname) ? '/complaints' : rest];
  if (page) return { name: page, tenant };
  const person = rest.match(/^\/people\/([\w-]+)$/)?.[1];
  if (person) return { name: 'person', tenant, subjectId: person };
  const request = rest.match(/^\/requests\/([\w-]+)\/([\w-]+)$/);
  if (request?.[1] && request[2]) return { name: 'request', tenant, subjectId: request[1], requestId: request[2] };
  return { name: 'not-found', tenant };
}

/** The page address of a staff view: `/t/<tenant>/admin/<path>`. */
export const pagePath = (tenant: string, path = ''): string => `/t/${tenant}/admin/${path}`;

/** Go to `path` in place of the current entry in the history (a redirect, not a step back). */
export function redirect(path: string): void {
  history.replaceState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route and query string, following pushState and the back button. */
export const useAdminRoute = (): { route: AdminRoute; search: string } =>
  useAddress(() => ({ route: parseAdminRoute(location.pathname), search: location.search }));

/**
 * The token of the emailed sign-in link (`…/admin/verify#<token>`), read once as the page
 * starts: it leaves the address bar and the history at once.
 */
function takeLinkToken(): string {
  if (!/\/admin\/verify\/?$/.test(location.pathname)) return '';
  const token = location.hash.slice(1);
  if (token) history.replaceState(null, '', location.pathname);
  return token;
}

export const linkToken = typeof location !== 'undefined' ? takeLinkToken() : '';
