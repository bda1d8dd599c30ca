import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledgeFailureQueue } from './nag.ts';

/**
 * A construct's failure queue (`Failures`): what still fails after the retries is parked here for
 * 14 days, encrypted, TLS only; nothing consumes it, its depth raises an alarm (alarms.ts).
 */
export function failureQueue(scope: Construct): Queue {
  const queue = new Queue(scope, 'Failures', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeFailureQueue(queue);
  return queue;
}

/**
 * Feeds `fn` the table's queued work from the stream, one record a batch (a job can take minutes,
 * and a batch shares one timeout; records of different keys go side by side, each key's in order):
 * new or changed items of `type` whose `field` is `queued`. A failing record is retried three
 * times, then parked on `failures`.
 */
export function queuedFromStream(fn: IFunction, table: ITable, failures: Queue, queued: { type: string; field: string }) {
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.LATEST,
      batchSize: 1,
      parallelizationFactor: 5,
      bisectBatchOnError: true,
      retryAttempts: 3,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: {
            NewImage: { type: { S: FilterRule.isEqual(queued.type) }, [queued.field]: { S: FilterRule.isEqual('queued') } },
          },
        }),
      ],
    }),
  );
}
