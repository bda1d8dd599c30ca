import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/** Past this much unread body, or this long waiting for it, a connection is not worth keeping: it is closed instead. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
const MAX_DRAIN_MS = 5_000;

const carriesBody = (incoming: IncomingMessage) =>
  Number(incoming.headers['content-length'] ?? 0) > 0 || incoming.headers['transfer-encoding'] !== undefined;

/** Reads a body to its end, giving up past `maxBytes` or `maxMs` (a client that stops sending). True when it reached the end. */
async function readToEnd(body: ReadableStream<Uint8Array>, maxBytes: number, maxMs: number): Promise<boolean> {
  const reader = body.getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => {});
  }, maxMs);
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled read ends as done too: only a stream that really ended has been read.
      if (done) return !timedOut;
      read += value.byteLength;
      if (read > maxBytes) {
        await reader.cancel();
        return false;
      }
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A request the app answered without reading its body (a 400 for a body over the limit, read no
 * further) leaves the rest of that body on the connection, and the next request a keep-alive
 * client sends on it would be lost. Read the rest and drop it, so the connection stays usable;
 * past 16 MB or 5 seconds (or when the app had begun reading it) answer with `Connection: close` instead,
 * so the client opens a fresh one. On AWS API Gateway receives the whole body before the Lambda
 * runs, so this is the local server's concern only.
 */
export const drainUnreadBody =
  (maxBytes = MAX_DRAIN_BYTES, maxMs = MAX_DRAIN_MS): MiddlewareHandler =>
  async (c, next) => {
    await next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || incoming.readableEnded || !carriesBody(incoming)) return;
    const request = c.req.raw;
    if (!request.bodyUsed && request.body && (await readToEnd(request.body, maxBytes, maxMs))) return;
    c.res.headers.set('Connection', 'close');
  };
