import { createHmac } from 'node:crypto';
import { safeEqual, sha256 } from '../crypto.ts';

/**
 * How the MSP's mail tools sign a call to the mailer API, with their tenant's signing secret:
 *
 *   X-Centre-Timestamp: <unix seconds>
 *   X-Centre-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "\n" + METHOD + "\n" + path + "\n" + hex SHA-256(body))>
 *
 * `path` is the request path with its query string, as sent (e.g. /api/t/it-mk/mailer/suppressions);
 * the body is the raw bytes sent (empty for a GET). A call more than five minutes from the
 * centre's clock either way is refused, so a captured request cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'X-Centre-Signature';
export const TIMESTAMP_HEADER = 'X-Centre-Timestamp';
export const REPLAY_WINDOW_SECONDS = 300;

export function signatureBase(timestamp: string, method: string, path: string, body: string): string {
  return `${timestamp}\n${method.toUpperCase()}\n${path}\n${sha256(body)}`;
}

export function sign(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return `v1=${createHmac('sha256', secret)
    .update(signatureBase(timestamp, method, path, body))
    .digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; why: 'missing' | 'stale' | 'wrong' };

/** Checks a call's signature and timestamp; says why it failed (for the log, never for the caller). */
export function checkSignature(input: {
  secret: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  method: string;
  path: string;
  body: string;
  now: Date;
}): SignatureCheck {
  if (!input.secret || !input.timestamp || !input.signature) return { ok: false, why: 'missing' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, why: 'stale' };
  const skew = Math.abs(input.now.getTime() / 1000 - Number(input.timestamp));
  if (skew > REPLAY_WINDOW_SECONDS) return { ok: false, why: 'stale' };
  const expected = sign(input.secret, input.timestamp, input.method, input.path, input.body);
  return safeEqual(expected, input.signature) ? { ok: true } : { ok: false, why: 'wrong' };
}
