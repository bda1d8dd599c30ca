/**
 * How long a person must wait after a rate limit, in words they can act on ("14 minutes"):
 * whole minutes, rounded up, never less than one. Every 429 a page shows says it.
 */
export function waitWords(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
