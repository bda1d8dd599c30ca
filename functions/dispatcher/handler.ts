import { linkAuditTrail } from '../../shared/audit/chain.ts';
import { type DispatchDeps, dispatchMessage } from '../../shared/mail/dispatch.ts';
import { toOutboxMessage } from '../adapters/dynamo/outbox-store.ts';
import { type BatchResponse, changedItems, type StreamEvent } from '../adapters/dynamo/stream.ts';

export type { BatchResponse, StreamEvent };

/**
 * Sends the outbox messages a stream batch carries, and links new audit events into the chain. Failures are reported per record (partial
 * batch response) so that only they are retried; a resend of a sent message is a no-op.
 */
export function streamHandler(deps: DispatchDeps) {
  return async (event: StreamEvent): Promise<BatchResponse> => {
    const batchItemFailures: BatchResponse['batchItemFailures'] = [];
    const audited = new Map<string, string>();
    for (const { item, inserted, recordId } of changedItems(event)) {
      if (item.type === 'audit' && inserted) {
        audited.set(item.tenant, recordId);
        continue;
      }
      if (item.type !== 'outbox' || item.status !== 'pending') continue;
      try {
        await dispatchMessage(deps, toOutboxMessage(item), { whenHeld: 'retry' });
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'dispatch failed', outboxId: item.id, name: (error as Error).name }));
        batchItemFailures.push({ itemIdentifier: recordId });
      }
    }
    // New audit events: link them into their tenant's hash chain (idempotent; a failure retries
    // from the last audit record of that tenant in the batch).
    for (const [tenant, sequence] of audited) {
      try {
        await linkAuditTrail(deps.trail, tenant);
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'audit linking failed', tenant, name: (error as Error).name }));
        batchItemFailures.push({ itemIdentifier: sequence });
      }
    }
    return { batchItemFailures };
  };
}
