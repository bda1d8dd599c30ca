import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, with a q above 0), parsed as hono's compress does. */
export function acceptsGzip(header: string | undefined): boolean {
  const accepts = header ? parseAccept(header) : [];
  const q = (type: string) => accepts.find((a) => a.type.toLowerCase() === type)?.q;
  return (q('gzip') ?? q('*') ?? 0) > 0;
}

/**
 * Gzips a JSON answer of `threshold` bytes or more for a client that accepts it. CloudFront does
 * not compress what it does not cache, so the API compresses its own: "your data" waits for
 * `GET /me` (25 kB of JSON for the demo's Alex Morgan, 3 kB gzipped) before it draws its largest
 * text. Smaller answers go as they are (gzip would save nothing worth its CPU); every JSON answer
 * says it varies by Accept-Encoding.
 */
export const compressJson =
  (threshold = 1024): MiddlewareHandler =>
  async (c, next) => {
    await next();
    const res = c.res;
    if (!/^application\/json/i.test(res.headers.get('Content-Type') ?? '') || res.headers.has('Content-Encoding')) return;
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (c.req.method === 'HEAD' || !res.body || !acceptsGzip(c.req.header('Accept-Encoding'))) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const small = body.length < threshold;
    c.res = new Response(small ? body : gzipSync(body), { status: res.status, headers: res.headers });
    c.res.headers.delete('Content-Length');
    if (!small) c.res.headers.set('Content-Encoding', 'gzip');
  };
