import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { appFunction } from './app-function.ts';
import { failureQueue } from './failures.ts';
import { acknowledgeAppFunction, acknowledgeUnscopedActions } from './nag.ts';
import { grantTable, TABLE_ACCESS } from './table-access.ts';

export interface MailFeedbackProps {
  table: ITable;
  environment: Record<string, string>;
  /** The configuration set whose events SES publishes to the topic (its name; the key policy names it). */
  configurationSetName: string;
}

/**
 * Where SES's bounce and complaint events go: an encrypted SNS topic, and the function that
 * puts hard-bounced and complaining addresses on the tenant's suppression list
 * (functions/mail-feedback). The events carry recipients' addresses, hence a key of our own
 * (SES cannot use the AWS-managed SNS key). A delivery SNS cannot make, and an event that still
 * fails after Lambda's retries, both end on the failure queue.
 */
export class MailFeedback extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly handler: LambdaFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: MailFeedbackProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: 'Privacy centre: encrypts SES bounce and complaint events on their SNS topic',
      enableKeyRotation: true,
      // It protects messages in flight only; nothing is left to decrypt once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // SES publishes to the encrypted topic: it needs the key, for this configuration set only.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: props.configurationSetName,
            }),
          },
        },
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Privacy centre: SES bounces and complaints',
      masterKey: this.key,
      enforceSSL: true,
    });

    this.failures = failureQueue(this);
    this.handler = appFunction(this, 'Handler', {
      entry: 'functions/mail-feedback/lambda.ts',
      description: 'Privacy centre: mail feedback (SES bounces and complaints to the suppression list)',
      environment: props.environment,
      memorySize: 512,
      timeout: Duration.seconds(30),
    });
    // SNS invokes the function asynchronously: a run that throws is retried by Lambda, then parked.
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.failures),
    });
    this.topic.addSubscription(new LambdaSubscription(this.handler, { deadLetterQueue: this.failures }));
    // It reads the suppression list and the subject's email lookup, and writes suppressions with
    // their audit events. No SES, no exports.
    grantTable(this.handler, props.table, TABLE_ACCESS.mailFeedback);

    // cdk-nag acknowledgements for this construct.
    acknowledgeAppFunction(
      this.handler,
      'SNS invokes it asynchronously; an event that still fails after the retries goes to the failure queue (an on-failure destination, which also carries the error), and one SNS cannot deliver goes there too (the subscription’s dead-letter queue)',
    );
    acknowledgeUnscopedActions(this.handler, 'The X-Ray write actions');
  }
}
