import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** Any tenant's session cookie, subject or staff, with or without the `__Host-` prefix. */
const SESSION_COOKIE_NAME = /^(?:__Host-)?pc(?:staff)?_/;

/** Whether the request carries a session cookie of this centre (any tenant, any audience). */
export function carriesSessionCookie(c: Context): boolean {
  return Object.keys(getCookie(c)).some((name) => SESSION_COOKIE_NAME.test(name));
}

/**
 * One cookie per tenant and audience (`pc` subjects, `pcstaff` staff), so a person may be signed in to two centres on one host. On https the
 * `__Host-` prefix pins it to this host and path `/`; plain-http localhost cannot use Secure.
 */
export function sessionCookie(publicUrl: string, prefix: 'pc' | 'pcstaff' = 'pc') {
  const secure = new URL(publicUrl).protocol === 'https:';
  const name = (tenant: string) => (secure ? `__Host-${prefix}_${tenant}` : `${prefix}_${tenant}`);
  const options = { path: '/', httpOnly: true, secure, sameSite: 'Lax' as const };
  return {
    read: (c: Context, tenant: string) => getCookie(c, name(tenant)),
    write: (c: Context, tenant: string, value: string, maxAgeSeconds: number) =>
      setCookie(c, name(tenant), value, { ...options, maxAge: maxAgeSeconds }),
    // The name carries `__Host-` already: hono's `prefix: 'host'` would add it a second time.
    clear: (c: Context, tenant: string) => deleteCookie(c, name(tenant), options),
  };
}
