import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type DispatchDeps, dispatchMessage } from '../../shared/mail/dispatch.ts';
import { toOutboxMessage } from '../adapters/dynamo/outbox-store.ts';

/** The slice of a DynamoDB Streams event the dispatcher reads. */
export interface StreamEvent {
  Records: { eventID?: string; eventName?: string; dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string } }[];
}

export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Sends the outbox messages a stream batch carries. Failures are reported per record (partial
 * batch response) so that only they are retried; a resend of a sent message is a no-op.
 */
export function streamHandler(deps: DispatchDeps) {
  return async (event: StreamEvent): Promise<BatchResponse> => {
    const batchItemFailures: BatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (!image || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) continue;
      const item = unmarshall(image as Record<string, AttributeValue>);
      if (item.type !== 'outbox' || item.status !== 'pending') continue;
      try {
        await dispatchMessage(deps, toOutboxMessage(item));
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'dispatch failed', outboxId: item.id, name: (error as Error).name }));
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' });
      }
    }
    return { batchItemFailures };
  };
}
