import { Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IAlarmAction, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The outbox alarm fires when the oldest unsent email is older than this. */
export const OUTBOX_STUCK_SECONDS = 15 * 60;

export interface AlarmsProps {
  /** Every function of the project, by a name for the alarm's id. */
  functions: Record<string, IFunction>;
  /** The queues failed events end up on, by the name of what fails onto them. */
  failureQueues: Record<string, IQueue>;
  /** What to do about a message on a failure queue, where it is not "inspect, fix, redrive". */
  failureAdvice?: Record<string, string>;
  httpApi: HttpApi;
  /** Open requests past their legal deadline (the daily digest's count), if there is such a metric. */
  overdueRequests?: IMetric;
  /** The age of the oldest unsent email, written by each outbox recovery pass. */
  oldestPendingOutbox?: IMetric;
  /** Where notifications go; without it the alarms only show in the console. */
  email?: string;
}

/**
 * The alarms an operator needs: a failure queue that is not empty (an email not sent, an export
 * not built, a job run lost), any function error or throttle, any 5xx from the HTTP API, and
 * requests past their legal deadline. Each fires on one period of its metric and notifies the
 * alarm topic, when there is one.
 */
export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];
  /** The topic alarm actions notify; only when an email is given. */
  readonly topic?: Topic;
  private readonly action?: IAlarmAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    if (props.email) {
      this.topic = new Topic(this, 'Topic', { displayName: 'Privacy centre alarms', enforceSSL: true });
      const subscription = new EmailSubscription(props.email);
      this.topic.addSubscription(subscription);
      // cdk-nag acknowledgement for this construct.
      Validations.of(this.topic.node.findChild(props.email)).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription: SNS retries delivery itself, and a notification that still fails leaves the alarm in ALARM in CloudWatch, where it stays visible; a dead-letter queue would be one more thing to watch.',
      });
      this.action = new SnsAction(this.topic);
    }

    for (const [name, queue] of Object.entries(props.failureQueues)) {
      this.add(`${name}FailuresNotEmpty`, {
        description: `${name}: failed events are waiting on its failure queue (${props.failureAdvice?.[name] ?? 'inspect them, fix, redrive'})`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      });
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, {
        description: `${name}: the function threw or timed out`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      });
      this.add(`${name}Throttles`, {
        description: `${name}: invocations were throttled (concurrency limit reached)`,
        metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      });
    }
    this.add('Api5xx', {
      description: 'HTTP API: responses with a 5xx status',
      metric: props.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    });
    if (props.oldestPendingOutbox) {
      // A pass runs every 5 minutes and takes what is 5 minutes old: anything still pending after
      // 15 minutes has failed at least once in recovery too. No report for 15 minutes means the
      // passes stopped, which is as bad.
      this.add('OutboxStuck', {
        description: `emails have been waiting more than ${OUTBOX_STUCK_SECONDS / 60} minutes to be sent, or the outbox recovery pass stopped reporting (see the dispatcher's log: "outbox recovery")`,
        metric: props.oldestPendingOutbox,
        threshold: OUTBOX_STUCK_SECONDS,
        treatMissingData: TreatMissingData.BREACHING,
      });
    }
    if (props.overdueRequests) {
      // Counted once a day: the alarm keeps its state between counts (missing data is ignored), so
      // it stays in ALARM until a digest finds nothing overdue.
      this.add('RequestsOverdue', {
        description: 'requests are past their legal deadline (see the queue; the daily digest lists them)',
        metric: props.overdueRequests,
        treatMissingData: TreatMissingData.IGNORE,
      });
    }
  }

  private add(
    id: string,
    props: { description: string; metric: IMetric; threshold?: number; treatMissingData?: TreatMissingData },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: `Privacy centre: ${props.description}`,
      metric: props.metric,
      threshold: props.threshold ?? 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: props.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    if (this.action) {
      alarm.addAlarmAction(this.action);
      alarm.addOkAction(this.action);
    }
    this.alarms.push(alarm);
  }
}
