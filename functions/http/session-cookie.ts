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
  const read = (c: Context, tenant: string) => getCookie(c, name(tenant));
  const write = (c: Context, tenant: string, value: string, maxAgeSeconds: number) =>
    setCookie(c, name(tenant), value, { ...options, maxAge: maxAgeSeconds });
  // The name carries `__Host-` already: hono's `prefix: 'host'` would add it a second time.
  const clear = (c: Context, tenant: string) => deleteCookie(c, name(tenant), options);
  return {
    read,
    write,
    clear,
    /**
     * Signs in with a new session id every time: `start` makes the session (a refusal changes
     * nothing); then the one the browser held before, if any, ends on the server (`end`).
     */
    async signIn<S extends { sessionId: string; maxAgeSeconds: number }>(
      c: Context,
      tenant: string,
      start: () => Promise<S>,
      end: (sessionId: string) => Promise<unknown>,
    ): Promise<S> {
      const previous = read(c, tenant);
      const session = await start();
      if (previous) await end(previous);
      write(c, tenant, session.sessionId, session.maxAgeSeconds);
      return session;
    },
    /** Signs out: the session the browser holds, if any, ends on the server (`end`), and the cookie goes. */
    async signOut(c: Context, tenant: string, end: (sessionId: string) => Promise<unknown>): Promise<void> {
      const sessionId = read(c, tenant);
      if (sessionId) await end(sessionId);
      clear(c, tenant);
    },
  };
}
