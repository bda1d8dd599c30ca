import type { DispatchDeps } from '../../shared/mail/dispatch.ts';
import { type RecoveryResult, recoverOutbox } from '../../shared/mail/recovery.ts';
import { metricLine } from '../metrics.ts';

/** What the recovery schedule sends the dispatcher (EventBridge Scheduler's fixed input). */
export interface RecoveryEvent {
  recover: 'outbox';
}

export const isRecoveryEvent = (event: unknown): event is RecoveryEvent =>
  typeof event === 'object' && event !== null && (event as { recover?: unknown }).recover === 'outbox';

/** Leaves this much of the invocation for the message in hand and the metric line. */
const RESERVE_MS = 8_000;

/**
 * The scheduled recovery pass of the outbox (shared/mail/recovery.ts), run by the dispatcher so
 * that sending stays with the one function allowed to send. It stops taking messages before the
 * function's timeout, and writes the age of the oldest message still pending as a metric
 * (OutboxOldestPendingSeconds), which an alarm watches.
 */
export function recoveryHandler(
  deps: DispatchDeps,
  namespace: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
) {
  return async (_event: RecoveryEvent, context?: { getRemainingTimeInMillis?: () => number }): Promise<RecoveryResult> => {
    const hasTime = () => (context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY) > RESERVE_MS;
    const result = await recoverOutbox(deps, {
      hasTime,
      onFailure: (failure) => console.error(JSON.stringify({ level: 'error', msg: 'outbox recovery: send failed', ...failure })),
    });
    console.log(JSON.stringify({ level: 'info', msg: 'outbox recovery done', ...result }));
    write(
      metricLine(
        namespace,
        {
          OutboxOldestPendingSeconds: { value: result.oldestPendingSeconds, unit: 'Seconds' },
          OutboxRecovered: { value: result.sent, unit: 'Count' },
          OutboxRecoveryFailed: { value: result.failed, unit: 'Count' },
        },
        { job: 'outbox-recovery' },
      ),
    );
    return result;
  };
}
