import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** The content types CloudFront compresses (its documented list, as this site serves them). */
const COMPRESSIBLE =
  /^(text\/(html|css|plain|javascript|xml)|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)\b/;
/** CloudFront compresses objects from 1,000 bytes to 10,000,000 bytes. */
const SMALLEST = 1_000;
const LARGEST = 10_000_000;

/**
 * A body as CloudFront sends it in `encoding`: compressed from 1,000 to 10,000,000 bytes; outside
 * that range undefined, as it goes unchanged. npm run budget counts a first visit's bytes with it.
 */
export function asCloudFrontSends(body: Buffer, encoding: 'br' | 'gzip'): ReturnType<typeof gzipSync> | undefined {
  if (body.length < SMALLEST || body.length > LARGEST) return undefined;
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body);
}

/**
 * Compresses the page and its assets as CloudFront does for them on AWS (the CachingOptimized
 * cache policy of the default behaviour: Brotli when the browser accepts it, else gzip; only the
 * listed types and sizes; the API behaviour does not compress, so it is not mounted there). Local
 * only: what Lighthouse and the browser tests measure should be what a visitor gets.
 *
 * An immutable response (the hashed assets) is compressed once per encoding and kept, as
 * CloudFront keeps the compressed copy at the edge: Brotli at its best level takes tens of
 * milliseconds a script on a busy machine, which every request would otherwise wait for, and
 * Lighthouse would count as the server's response time.
 */
export function cloudFrontCompression(): MiddlewareHandler {
  const kept = new Map<string, ReturnType<typeof gzipSync>>();
  return async (c, next) => {
    await next();
    const res = c.res;
    const accepted = c.req.header('Accept-Encoding') ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
    if (!encoding || c.req.method !== 'GET' || res.status !== 200 || res.headers.has('Content-Encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) return;
    const key = /\bimmutable\b/.test(res.headers.get('Cache-Control') ?? '') ? `${encoding} ${c.req.path}` : undefined;
    let compressed = key ? kept.get(key) : undefined;
    if (compressed)
      await res.body?.cancel(); // the file read for nothing is closed
    else {
      const body = Buffer.from(await res.arrayBuffer());
      compressed = asCloudFrontSends(body, encoding);
      if (!compressed) {
        c.res = new Response(body, res);
        return;
      }
      if (key) kept.set(key, compressed);
    }
    c.res = new Response(compressed, res);
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(compressed.length));
    c.res.headers.append('Vary', 'Accept-Encoding');
  };
}
