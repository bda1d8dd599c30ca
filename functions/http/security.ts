import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { ErrorBody } from './errors.ts';
import { carriesSessionCookie } from './session-cookie.ts';

/** The content security policy of the page and the API: no inline script, nothing third-party. */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy,
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * Refuses state-changing requests from other sites: a browser always sends Origin on such
 * requests, and Sec-Fetch-Site where it knows it (same-site is refused too: another tenant's
 * subdomain is not us). A write that carries a session cookie but neither header is refused
 * as well: every browser sends one of them on a cross-site write, so nothing legitimate sends
 * neither with a cookie. Clients without either and without a session cookie (curl, a mail
 * server's RFC 8058 one-click unsubscribe) pass.
 */
export function sameOriginOnly(publicUrl: string, options: { alsoRequestHost?: boolean } = {}): MiddlewareHandler {
  const own = new URL(publicUrl).origin;
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('Origin');
      const site = c.req.header('Sec-Fetch-Site');
      // With Referrer-Policy no-referrer a browser sends `Origin: null` on its own form posts;
      // Sec-Fetch-Site (which no script can set) then says whether it really was same-origin.
      const sameSiteForm = origin === 'null' && site === 'same-origin';
      // Locally the page may be opened as localhost or 127.0.0.1: the origin the request was
      // sent to is ours too. (Not on AWS, where the API sees its own host, not CloudFront's.)
      const sameHost = options.alsoRequestHost && origin !== undefined && hostOf(origin) === c.req.header('Host');
      const foreign = origin !== undefined && origin !== own && !sameSiteForm && !sameHost;
      const unexplained = origin === undefined && site === undefined && carriesSessionCookie(c);
      if (foreign || unexplained || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        return c.json<ErrorBody>({ error: 'forbidden', message: 'Requests from other sites are not accepted.' }, 403);
      }
    }
    await next();
  };
}

export const MAX_BODY_BYTES = 16 * 1024;

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} kB`);

/** Bodies over `maxSize` (16 kB unless a route needs more, like a staff import) are a 400, read no further. */
export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      c.json<ErrorBody>({ error: 'bad_request', message: `The request body is larger than ${sizeText(maxSize)}.` }, 400),
  });

/** Personal data must never sit in a shared or browser cache. */
export const noStore = (): MiddlewareHandler => async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};
