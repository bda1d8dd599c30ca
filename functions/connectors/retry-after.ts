/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP-date (RFC 9110
 * 10.2.3). Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date names its month (IMF-fixdate, RFC 850 or asctime); anything else is not one.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Exponential backoff with full jitter: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
