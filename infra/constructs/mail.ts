import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { appFunction } from './app-function.ts';
import { acknowledgeAppFunction, acknowledgeFailureQueue, acknowledgeTableIndexes, acknowledgeUnscopedActions } from './nag.ts';

export interface MailProps {
  table: ITable;
  environment: Record<string, string>;
  /** The SES identity (domain or address) the dispatcher may send as. */
  sesIdentity: string;
  /** Caps parallel sends so a burst cannot exhaust the SES sending rate. */
  reservedConcurrency?: number;
}

/**
 * The outbox dispatcher: the table's stream delivers each new outbox item, the dispatcher sends
 * it through SES and marks it sent; and each new audit event, which it links into the tenant's
 * hash chain. Failed records are retried, halved, then parked on a queue.
 */
export class Mail extends Construct {
  readonly dispatcher: NodejsFunction;
  readonly failures: Queue;
  readonly identityArn: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.dispatcher = appFunction(this, 'Dispatcher', {
      entry: 'functions/dispatcher/lambda.ts',
      description: 'Privacy centre: outbox dispatcher (DynamoDB stream to SES)',
      environment: props.environment,
      memorySize: 512,
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrency ?? 5,
    });
    // It writes sign-in tokens' state and marks messages sent.
    props.table.grantReadWriteData(this.dispatcher);

    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.dispatcher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual('outbox') } } },
          }),
          // New audit events, to link into the tenant's hash chain.
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual('audit') } } },
          }),
        ],
      }),
    );

    this.identityArn = Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: props.sesIdentity });
    this.dispatcher.addToRolePolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [this.identityArn] }),
    );

    // cdk-nag acknowledgements for this construct.
    acknowledgeAppFunction(this.dispatcher, 'stream records that still fail after the retries go to the on-failure queue');
    acknowledgeTableIndexes(this.dispatcher, props.table);
    acknowledgeUnscopedActions(
      this.dispatcher,
      'dynamodb:ListStreams (from the stream event source) and the X-Ray write actions',
    );
    acknowledgeFailureQueue(this.failures);
  }
}
