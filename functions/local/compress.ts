import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** The content types CloudFront compresses (its documented list, as this site serves them). */
const COMPRESSIBLE =
  /^(text\/(html|css|plain|javascript|xml)|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)\b/;
/** CloudFront compresses objects from 1,000 bytes to 10,000,000 bytes. */
const SMALLEST = 1_000;
const LARGEST = 10_000_000;

/**
 * Compresses the page and its assets as CloudFront does for them on AWS (the CachingOptimized
 * cache policy of the default behaviour: Brotli when the browser accepts it, else gzip; only the
 * listed types and sizes; the API behaviour does not compress, so it is not mounted there). Local
 * only: what Lighthouse and the browser tests measure should be what a visitor gets.
 */
export function cloudFrontCompression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const accepted = c.req.header('Accept-Encoding') ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
    if (!encoding || c.req.method !== 'GET' || res.status !== 200 || res.headers.has('Content-Encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) return;
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length < SMALLEST || body.length > LARGEST) {
      c.res = new Response(body, res);
      return;
    }
    const compressed =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body);
    c.res = new Response(compressed, res);
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(compressed.length));
    c.res.headers.append('Vary', 'Accept-Encoding');
  };
}
