/**
 * How long a person must wait after a rate limit, in words they can act on ("14 minutes"):
 * whole minutes, rounded up, never less than one. Every 429 a page shows says it.
 */
export function waitWords(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * What the page says for a 429 that did not come from the centre's own code (a gateway's or a
 * firewall's, whose body may be bare): the wait its Retry-After header gives (in seconds), or a
 * minute when it gives none.
 */
export function tooManyRequestsWords(retryAfter: string | null | undefined): string {
  const seconds = Number(retryAfter);
  return `Too many requests reached us. Please wait ${waitWords(Number.isFinite(seconds) && seconds > 0 ? seconds : 60)}, then try again.`;
}
