import { type DispatchDeps, dispatchMessage } from './dispatch.ts';

/**
 * How old a pending message must be before the recovery pass takes it: older than the stream's
 * own attempts (the first delivery and its retries take seconds to a couple of minutes), so the
 * pass picks up what the stream gave up on rather than racing it.
 */
export const RECOVERY_MIN_AGE_SECONDS = 5 * 60;

/** At most this many old messages per tenant per pass; the next pass takes the rest. */
const RECOVERY_BATCH = 500;

export interface RecoveryResult {
  /** Old pending messages found and tried. */
  tried: number;
  sent: number;
  /** Tried and still not sent (the error is logged; the next pass tries again). */
  failed: number;
  /** Not tried because the pass ran out of time. */
  deferred: number;
  /** Age in seconds of the oldest message still pending after the pass, all tenants (0: none). */
  oldestPendingSeconds: number;
}

export interface RecoveryOptions {
  minAgeSeconds?: number;
  /** Stops taking new messages when this says there is no time left (the Lambda's deadline). */
  hasTime?: () => boolean;
  /** Where a failed message is reported (no personal data: ids and the error's name only). */
  onFailure?: (failure: { tenant: string; outboxId: string; error: string }) => void;
}

/**
 * The outbox's recovery path: sends every pending message older than a few minutes, oldest
 * first, in every tenant. A message the stream could not send (the mail service refusing for a
 * while, a function error past every retry) stays pending in the table, whatever happened to its
 * stream record, so this finds it; the claim and the sent mark make a message go out once, even
 * if the stream, a redelivery and this pass all meet it. One message failing does not stop the
 * others. Reports how old the oldest message still pending is, so an alarm can watch it.
 */
export async function recoverOutbox(deps: DispatchDeps, options: RecoveryOptions = {}): Promise<RecoveryResult> {
  const { minAgeSeconds = RECOVERY_MIN_AGE_SECONDS, hasTime = () => true, onFailure = () => {} } = options;
  const now = deps.clock.now().getTime();
  const cutoff = new Date(now - minAgeSeconds * 1000).toISOString();
  const result: RecoveryResult = { tried: 0, sent: 0, failed: 0, deferred: 0, oldestPendingSeconds: 0 };
  for (const tenant of deps.tenants.list()) {
    const old = await deps.outbox.listPending(tenant.slug, RECOVERY_BATCH, cutoff);
    for (const [i, message] of old.entries()) {
      if (!hasTime()) {
        result.deferred += old.length - i;
        break;
      }
      result.tried++;
      try {
        if ((await dispatchMessage(deps, message)) === 'sent') result.sent++;
      } catch (error) {
        result.failed++;
        onFailure({ tenant: tenant.slug, outboxId: message.id, error: (error as Error)?.name ?? 'Error' });
      }
    }
  }
  for (const tenant of deps.tenants.list()) {
    const [oldest] = await deps.outbox.listPending(tenant.slug, 1);
    if (!oldest) continue;
    const age = Math.max(0, Math.floor((deps.clock.now().getTime() - Date.parse(oldest.createdAt)) / 1000));
    result.oldestPendingSeconds = Math.max(result.oldestPendingSeconds, age);
  }
  return result;
}
