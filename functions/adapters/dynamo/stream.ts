import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** The slice of a DynamoDB Streams event the stream handlers read. */
export interface StreamEvent {
  Records: { eventID?: string; eventName?: string; dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string } }[];
}

/** A partial batch response: only the records named are retried. */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** One item a stream batch inserted or modified, decoded, with the id to report it by if handling it fails. */
export interface ChangedItem {
  item: Record<string, any>;
  inserted: boolean;
  recordId: string;
}

/** The items a stream batch inserted or modified, as plain objects (removals are skipped). */
export function* changedItems(event: StreamEvent): Generator<ChangedItem> {
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) continue;
    yield {
      item: unmarshall(image as Record<string, AttributeValue>),
      inserted: record.eventName === 'INSERT',
      recordId: record.dynamodb?.SequenceNumber ?? record.eventID ?? '',
    };
  }
}
