import { Duration } from 'aws-cdk-lib';
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
