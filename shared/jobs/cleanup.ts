import type { Deps } from '../deps.ts';

/** What expires: link tokens, sessions, rate-limit counters and claims, sent outbox records, exports. */
const EXPIRING = ['token', 'session', 'rate', 'claim', 'outbox', 'export'];

export interface CleanupResult {
  deleted: Record<string, number>;
  files: number;
}

/**
 * Deletes what has expired. Exports take their file with them (the file first: an item left
 * behind is found again next time, a file left behind would never be). On AWS DynamoDB's TTL and
 * the bucket's lifecycle rule do the same in the end; this makes it prompt, and locally it is the
 * only thing that does it.
 */
export async function cleanup(deps: Deps): Promise<CleanupResult> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const expired = await deps.housekeeping.listExpired(now, EXPIRING);
  let files = 0;
  for (const item of expired) {
    if (item.blobKey) {
      await deps.blobs.delete(item.blobKey);
      files++;
    }
  }
  await deps.housekeeping.delete(expired);
  const deleted: Record<string, number> = {};
  for (const item of expired) deleted[item.type] = (deleted[item.type] ?? 0) + 1;
  for (const tenant of deps.tenants.list()) {
    const mine = expired.filter((i) => i.key.pk.startsWith(`T#${tenant.slug}#`));
    if (mine.length === 0) continue;
    const counts: Record<string, number> = {};
    for (const item of mine) counts[item.type] = (counts[item.type] ?? 0) + 1;
    await deps.audit.commit(tenant.slug, { audit: [{ action: 'job.cleanup', actor: { type: 'system' }, detail: counts }] });
  }
  return { deleted, files };
}
