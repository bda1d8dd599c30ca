import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The outbox alarm fires when the oldest unsent email is older than this. */
export const OUTBOX_STUCK_SECONDS = 15 * 60;

/**
 * SES reviews an account at a 5% bounce rate and 0.1% complaint rate, and may pause its sending
 * at 10% and 0.5%: a pause would stop every sign-in link. The alarms fire at the review levels.
 */
export const SES_BOUNCE_RATE = 0.05;
export const SES_COMPLAINT_RATE = 0.001;

/** A stream consumer this far behind (ms) means emails and exports are late. */
export const ITERATOR_AGE_MS = 5 * 60 * 1000;

/** Share of API answers that are 4xx, over 5 minutes with at least 50 calls, that is worth a look. */
export const API_4XX_RATE = 0.25;
/** 429s (the stage's throttle, or the functions' rate limits) in 5 minutes that are worth a look. */
export const API_429_COUNT = 50;

/** The operations the functions make on the table (its system errors are watched per operation). */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.BATCH_WRITE_ITEM,
];

export interface AlarmsProps {
  /** Every function of the project, by a name for the alarm's id. */
  functions: Record<string, IFunction>;
  /** The queues failed events end up on, by the name of what fails onto them. */
  failureQueues: Record<string, IQueue>;
  /** What to do about a message on a failure queue, where it is not "inspect, fix, redrive". */
  failureAdvice?: Record<string, string>;
  httpApi: HttpApi;
  /** The API's access log group: 429 answers are counted from it. */
  apiAccessLogs: ILogGroup;
  /** The table: throttled requests and DynamoDB's own errors. */
  table: ITable;
  /** The functions the table's stream feeds, by name: how far behind they read. */
  streamConsumers: Record<string, IFunction>;
  /** The namespace of the centre's own metrics (the 429 count goes there). */
  namespace: string;
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
    if (!props.email) {
      Annotations.of(this).addWarningV2(
        'privacy-centre:no-alarm-email',
        'No alarmEmail: the alarms notify nobody and show only in the CloudWatch console. Give -c alarmEmail=<ops address> (required on a production stage).',
      );
    }
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
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' } as const;
    this.add('Api4xxRate', {
      description: `HTTP API: more than ${API_4XX_RATE * 100}% of at least 50 calls in 5 minutes answered 4xx (a client hammering the centre, or a broken page)`,
      metric: new MathExpression({
        expression: 'IF(calls >= 50, errors / calls, 0)',
        usingMetrics: {
          errors: props.httpApi.metricClientError(fiveMinutes),
          calls: props.httpApi.metricCount(fiveMinutes),
        },
        label: 'share of 4xx answers',
        period: Duration.minutes(5),
      }),
      threshold: API_4XX_RATE,
    });
    // HTTP API metrics have no 429 of their own: count them from the access log.
    const tooMany = new MetricFilter(this, 'Api429Filter', {
      logGroup: props.apiAccessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: props.namespace,
      metricName: 'Api429',
      metricValue: '1',
    });
    this.add('Api429', {
      description: `HTTP API: more than ${API_429_COUNT} calls in 5 minutes refused as too many (the stage throttle or the rate limits: one client, or everyone)`,
      metric: tooMany.metric(fiveMinutes),
      threshold: API_429_COUNT,
    });
    for (const [name, fn] of Object.entries(props.streamConsumers)) {
      this.add(`${name}IteratorAge`, {
        description: `${name}: reads the table's stream more than ${ITERATOR_AGE_MS / 60_000} minutes behind (records are kept 24 hours)`,
        metric: fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: ITERATOR_AGE_MS,
      });
    }
    this.add('TableThrottles', {
      description: 'DynamoDB: requests to the table (or its indexes) were throttled',
      metric: new MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: props.table.metric('ReadThrottleEvents', fiveMinutes),
          writes: props.table.metric('WriteThrottleEvents', fiveMinutes),
        },
        label: 'throttle events',
        period: Duration.minutes(5),
      }),
    });
    this.add('TableSystemErrors', {
      description: 'DynamoDB: the service failed requests (HTTP 500s on its side)',
      metric: props.table.metricSystemErrorsForOperations({ ...fiveMinutes, operations: TABLE_OPERATIONS }),
    });
    for (const [name, metricName, threshold] of [
      ['SesBounceRate', 'Reputation.BounceRate', SES_BOUNCE_RATE],
      ['SesComplaintRate', 'Reputation.ComplaintRate', SES_COMPLAINT_RATE],
    ] as const) {
      this.add(name, {
        description: `SES: the account's ${metricName === 'Reputation.BounceRate' ? 'bounce' : 'complaint'} rate is over ${threshold * 100}%, where SES reviews the account and may pause its sending (sign-in links included)`,
        metric: new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) }),
        threshold,
      });
    }
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
        description:
          'requests or complaint acknowledgements are past their legal deadline (see the queue; the daily digest lists them)',
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
