import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, type ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { appFunction } from './app-function.ts';
import { failureQueue, queuedFromStream } from './failures.ts';
import { JOB_TIME_ZONE } from './jobs.ts';
import { acknowledgeAppFunction, acknowledgeTableIndexes, acknowledgeUnscopedActions, nagEnv } from './nag.ts';
import { grantTable, TABLE_ACCESS } from './table-access.ts';

/** Where each tenant's system credentials live: `privacy-centre/systems/<tenant>/<system id>`. */
export const SYSTEM_SECRETS_PREFIX = 'privacy-centre/systems';
/** The sweep of runs a stream record did not bring: every 5 minutes. */
export const SYSTEMS_SWEEP_SCHEDULE = 'cron(0/5 * * * ? *)';
/** Marketing systems compared with the centre (opt-outs made there flow back): every 15 minutes. */
export const MARKETING_RECONCILE_SCHEDULE = 'cron(0/15 * * * ? *)';
/** PSA contacts marked inactive end relationships in the centre: weekly, Sunday 04:00 UK time. */
export const RELATIONSHIP_CHECK_SCHEDULE = 'cron(0 4 ? * SUN *)';

export interface ConnectedSystemsProps {
  table: ITable;
  environment: Record<string, string>;
  /** The jobs' schedule group, which the sweep joins. */
  scheduleGroup: ScheduleGroup;
}

/**
 * The connected-systems worker: the only function holding connector code and the only one that
 * may read the systems' credentials. The table's stream brings each run with a system waiting
 * (retries, bisect on error, an on-failure queue that raises an alarm); a schedule sweeps every
 * 5 minutes for runs left waiting (the failure queue holds only a record's position, not the run),
 * and another reconciles the marketing systems with the centre every 15 minutes.
 */
export class ConnectedSystems extends Construct {
  readonly worker: LambdaFunction;
  readonly failures: Queue;
  readonly sweep: Schedule;
  readonly reconcile: Schedule;
  readonly relationships: Schedule;

  constructor(scope: Construct, id: string, props: ConnectedSystemsProps) {
    super(scope, id);
    this.worker = appFunction(this, 'Worker', {
      entry: 'functions/systems-worker/lambda.ts',
      description: 'Privacy centre: connected-systems worker (search and erase in the MSP’s systems)',
      environment: props.environment,
      memorySize: 1024,
      // A search of 1,000 tickets across pages, each call with its own timeout and retries.
      timeout: Duration.minutes(5),
    });
    grantTable(this.worker, props.table, TABLE_ACCESS.systemsWorker);
    const stack = Stack.of(this);
    this.worker.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [`arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${SYSTEM_SECRETS_PREFIX}/*`],
      }),
    );

    this.failures = failureQueue(this);
    // A run asked for, or a failed system staff asked to try again; runs of different people go side by side.
    queuedFromStream(this.worker, props.table, this.failures, { type: 'system-run', field: 'work' });

    const role = new Role(this, 'SchedulerRole', {
      description: 'Lets EventBridge Scheduler invoke the connected-systems sweep, reconciliation and relationship check',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': props.scheduleGroup.scheduleGroupArn },
        },
      }),
    });
    this.sweep = new Schedule(this, 'Sweep', {
      description: 'Privacy centre: work connected-system runs left waiting',
      scheduleGroup: props.scheduleGroup,
      schedule: ScheduleExpression.expression(SYSTEMS_SWEEP_SCHEDULE, JOB_TIME_ZONE),
      target: new LambdaInvoke(this.worker, {
        role,
        input: ScheduleTargetInput.fromObject({ sweep: true }),
        deadLetterQueue: this.failures,
        retryAttempts: 3,
        maxEventAge: Duration.minutes(10),
      }),
    });
    this.reconcile = new Schedule(this, 'Reconcile', {
      description: 'Privacy centre: compare each marketing system with the centre and put it right',
      scheduleGroup: props.scheduleGroup,
      schedule: ScheduleExpression.expression(MARKETING_RECONCILE_SCHEDULE, JOB_TIME_ZONE),
      target: new LambdaInvoke(this.worker, {
        role,
        input: ScheduleTargetInput.fromObject({ reconcile: true }),
        deadLetterQueue: this.failures,
        retryAttempts: 3,
        maxEventAge: Duration.minutes(10),
      }),
    });
    this.relationships = new Schedule(this, 'RelationshipCheck', {
      description: 'Privacy centre: end the relationships a PSA holds only as inactive',
      scheduleGroup: props.scheduleGroup,
      schedule: ScheduleExpression.expression(RELATIONSHIP_CHECK_SCHEDULE, JOB_TIME_ZONE),
      target: new LambdaInvoke(this.worker, {
        role,
        input: ScheduleTargetInput.fromObject({ relationships: true }),
        deadLetterQueue: this.failures,
        retryAttempts: 3,
        maxEventAge: Duration.minutes(10),
      }),
    });
    // A sweep that fails is not retried by Lambda: the next one, 5 minutes later, does the same work.
    this.worker.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: Duration.minutes(10),
      onFailure: new SqsDestination(this.failures),
    });

    acknowledgeAppFunction(
      this.worker,
      'stream records that still fail after the retries, and failed sweeps, go to the failure queue',
    );
    acknowledgeTableIndexes(this.worker, props.table);
    acknowledgeUnscopedActions(this.worker, 'dynamodb:ListStreams (from the stream event source) and the X-Ray write actions');
    const env = nagEnv(this);
    Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.worker.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'LambdaInvoke grants lambda:InvokeFunction on the function it invokes and its versions and aliases (<arn>:*); that is that one function only.',
    });
    Validations.of(this.worker.role!.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${env.partition}:secretsmanager:${env.region}:${env.account}:secret:${SYSTEM_SECRETS_PREFIX}/*]`,
      reason:
        'One secret per tenant and system, added by the operator without a deploy: the grant names the systems prefix, and only GetSecretValue.',
    });
  }
}
