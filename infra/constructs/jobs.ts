import { type CfnElement, Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type ScheduledJobName, scheduledJobNames } from '../../shared/jobs/index.ts';
import { appFunction } from './app-function.ts';
import type { Exports } from './exports.ts';
import { failureQueue } from './failures.ts';
import { acknowledgeAppFunction, acknowledgeTableIndexes, acknowledgeUnscopedActions } from './nag.ts';
import { grantTable, TABLE_ACCESS } from './table-access.ts';

/** The time zone of every schedule: UK time, so 02:00 stays 02:00 across the clock changes. */
export const JOB_TIME_ZONE = TimeZone.EUROPE_LONDON;

/**
 * When each job runs (EventBridge Scheduler cron: minutes hours day-of-month month day-of-week
 * year). Keyed by job name, so a job added to shared/jobs without a schedule does not compile.
 * 02:00 and 08:00 exist exactly once on every UK day, the clock-change days included.
 */
export const JOB_SCHEDULES: Record<ScheduledJobName, string> = {
  'retention-sweep': 'cron(0 2 * * ? *)',
  'deadline-digest': 'cron(0 8 * * ? *)',
  'fee-sweep': 'cron(0 3 * * ? *)',
  cleanup: 'cron(0 * * * ? *)',
};

/** How often the dispatcher's outbox recovery pass runs (it takes messages pending for 5 minutes or more). */
export const OUTBOX_RECOVERY_SCHEDULE = 'cron(0/5 * * * ? *)';

/** How often the export builder's sweep runs (longer than its 5-minute lease, so a timed-out job is retaken within 20 minutes). */
export const EXPORT_SWEEP_SCHEDULE = 'cron(0/15 * * * ? *)';

export interface JobsProps {
  table: ITable;
  /** Environment shared by the functions, the exports' included. */
  environment: Record<string, string>;
  exports: Exports;
  /** The outbox dispatcher and its failure queue: the recovery schedule invokes it. */
  mail: { dispatcher: LambdaFunction; failures: Queue };
}

/**
 * The scheduled jobs (shared/jobs): one Lambda that runs a job by name, and one EventBridge
 * Scheduler schedule per job that invokes it with `{ "job": "<name>" }`. Scheduler retries a
 * failed delivery and then parks it on the failure queue; Lambda retries a run that fails
 * (every job is safe to run twice) and then parks it there too.
 */
export class Jobs extends Construct {
  readonly handler: LambdaFunction;
  readonly failures: Queue;
  readonly group: ScheduleGroup;
  readonly schedules: Record<ScheduledJobName, Schedule>;
  /** Invokes the export builder's sweep. */
  readonly exportSweep: Schedule;
  /** Invokes the dispatcher's outbox recovery pass. */
  readonly outboxRecovery: Schedule;
  /** The CloudWatch namespace of the centre's own metrics. */
  readonly namespace: string;
  /** The age of the oldest unsent email, as each recovery pass finds it. */
  readonly oldestPendingOutbox: Metric;
  /** Open requests past their legal deadline, all tenants, as the daily digest counts them. */
  readonly overdueRequests: Metric;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    this.failures = failureQueue(this);

    const namespace = `PrivacyCentre/${Stack.of(this).stackName}`;
    this.namespace = namespace;
    this.handler = appFunction(this, 'Handler', {
      entry: 'functions/jobs/lambda.ts',
      description: 'Privacy centre: scheduled jobs (retention sweep, deadline digest, cleanup)',
      environment: { ...props.environment, METRICS_NAMESPACE: namespace },
      memorySize: 512,
      timeout: Duration.minutes(15),
    });
    // Written by the digest as an embedded-metric log line (functions/jobs/handler.ts): once a day.
    this.overdueRequests = new Metric({
      namespace,
      metricName: 'OverdueRequests',
      statistic: 'Maximum',
      period: Duration.days(1),
    });
    // Scheduler invokes the function asynchronously: a run that throws is retried by Lambda.
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.failures),
    });
    // Sweeps, digests (outbox items: the dispatcher sends them) and cleanup are all table work;
    // cleanup also deletes expired export files. No SES, no reading exports.
    grantTable(this.handler, props.table, TABLE_ACCESS.jobs);
    props.exports.grantDeleteFiles(this.handler);

    // It holds only the schedules: it goes with the stack, so that its fixed name is free again
    // for a redeploy after `cdk destroy` (a retained group made that redeploy fail).
    this.group = new ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    const stack = Stack.of(this);
    const role = new Role(this, 'SchedulerRole', {
      description: 'Lets EventBridge Scheduler invoke the privacy centre jobs',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.group.scheduleGroupArn } },
      }),
    });

    // On-demand jobs (rekey-hashes) have no schedule: the operator invokes them.
    const schedules: Partial<Record<ScheduledJobName, Schedule>> = {};
    for (const job of scheduledJobNames) {
      schedules[job] = new Schedule(this, `Schedule-${job}`, {
        description: `Privacy centre job ${job}`,
        scheduleGroup: this.group,
        schedule: ScheduleExpression.expression(JOB_SCHEDULES[job], JOB_TIME_ZONE),
        target: new LambdaInvoke(this.handler, {
          role,
          input: ScheduleTargetInput.fromObject({ job }),
          deadLetterQueue: this.failures,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
    }
    this.schedules = schedules as Record<ScheduledJobName, Schedule>;

    // The export builder normally runs from the table stream. A build that timed out or crashed
    // holds its lease until it runs out, and the stream will not bring that job again: so every
    // 15 minutes the builder is invoked with `{}`, which sweeps queued jobs and retakes jobs whose
    // lease ran out (functions/exports/handler.ts). Nothing queued: a few milliseconds.
    this.exportSweep = new Schedule(this, 'Schedule-export-sweep', {
      description: 'Privacy centre: retake export jobs whose builder timed out',
      scheduleGroup: this.group,
      schedule: ScheduleExpression.expression(EXPORT_SWEEP_SCHEDULE, JOB_TIME_ZONE),
      target: new LambdaInvoke(props.exports.builder, {
        role,
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue: this.failures,
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
      }),
    });
    props.exports.builder.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(props.exports.failures),
    });

    // The outbox's recovery path. The stream gives up on a record after its retries (and keeps
    // records only 24 hours), and its failure queue then holds only the record's position, not
    // the message; the message itself stays pending in the table. Every 5 minutes the
    // dispatcher (the one function that may send) is invoked with `{ "recover": "outbox" }` and
    // sends every message pending for 5 minutes or more (functions/dispatcher/recovery.ts), and
    // writes the age of the oldest one still pending (OutboxOldestPendingSeconds).
    const { dispatcher } = props.mail;
    dispatcher.addEnvironment('METRICS_NAMESPACE', namespace);
    this.outboxRecovery = new Schedule(this, 'Schedule-outbox-recovery', {
      description: 'Privacy centre: send emails the outbox stream gave up on',
      scheduleGroup: this.group,
      schedule: ScheduleExpression.expression(OUTBOX_RECOVERY_SCHEDULE, JOB_TIME_ZONE),
      target: new LambdaInvoke(dispatcher, {
        role,
        input: ScheduleTargetInput.fromObject({ recover: 'outbox' }),
        deadLetterQueue: props.mail.failures,
        retryAttempts: 3,
        maxEventAge: Duration.minutes(10),
      }),
    });
    // A pass that fails is not retried by Lambda: the next one, 5 minutes later, does the same work.
    dispatcher.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: Duration.minutes(10),
      onFailure: new SqsDestination(props.mail.failures),
    });
    this.oldestPendingOutbox = new Metric({
      namespace,
      metricName: 'OutboxOldestPendingSeconds',
      statistic: 'Maximum',
      period: Duration.minutes(15),
    });

    // cdk-nag acknowledgements for this construct.
    acknowledgeAppFunction(
      this.handler,
      'it is invoked asynchronously and a run that still fails after the retries goes to the failure queue (an on-failure destination, which also carries the error)',
    );
    acknowledgeTableIndexes(this.handler, props.table);
    acknowledgeUnscopedActions(this.handler, 'The X-Ray write actions');
    for (const fn of [this.handler, props.exports.builder, dispatcher]) {
      Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason:
          'LambdaInvoke grants lambda:InvokeFunction on the function it invokes and its versions and aliases (<arn>:*); that is that one function only.',
      });
    }
  }
}
