import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

/** The header CloudFront adds to every request it sends to the API (infra/constructs/site.ts). */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

type LambdaBindings = { event?: { requestContext?: { http?: { sourceIp?: string } } } };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The client's address on Lambda. Behind CloudFront the API sees an edge address, and
 * CloudFront-Viewer-Address (forwarded by the origin request policy) carries the client's, as
 * `ip:port`; but anyone calling the API's own URL can send that header too. So it is believed
 * only on a request that carries the origin secret CloudFront adds; on any other, the address is
 * the one API Gateway saw, and the rate limits count that.
 */
export function lambdaClientIp(originSecret: string | undefined): (c: Context) => string {
  return (c) => {
    const viewer = c.req.header('CloudFront-Viewer-Address');
    const proof = c.req.header(ORIGIN_SECRET_HEADER);
    if (viewer && originSecret && proof && same(proof, originSecret)) return viewer.slice(0, viewer.lastIndexOf(':'));
    return (c.env as LambdaBindings | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown';
  };
}
