import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard as CwDashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DashboardProps {
  alarms: Alarm[];
  httpApi: HttpApi;
  functions: Record<string, IFunction>;
  streamConsumers: Record<string, IFunction>;
  failureQueues: Record<string, IQueue>;
  table: ITable;
  namespace: string;
}

const fiveMinutes = { period: Duration.minutes(5) };

/**
 * One CloudWatch dashboard for the centre (`PrivacyCentre-<stage>`): every alarm's state, then
 * the API, the functions, the stream, the outbox, the table, SES and the failure queues.
 */
export class Dashboard extends Construct {
  readonly dashboard: CwDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const own = (metricName: string, statistic: string, period = Duration.minutes(5)) =>
      new Metric({ namespace: props.namespace, metricName, statistic, period });
    const per = (fns: Record<string, IFunction>, metric: (fn: IFunction) => Metric) =>
      Object.entries(fns).map(([name, fn]) => metric(fn).with({ label: name }));
    const graph = (title: string, left: IMetric[], right?: IMetric[]) =>
      new GraphWidget({ title, left, right, width: 12, height: 6 });

    this.dashboard = new CwDashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Privacy centre\nEvery alarm below says what it means (its description). The README\'s "Alarms" section says what to do.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 6 }));
    this.dashboard.addWidgets(
      graph(
        'API: calls and errors',
        [
          props.httpApi.metricCount({ ...fiveMinutes, statistic: 'Sum' }).with({ label: 'calls' }),
          props.httpApi.metricClientError({ ...fiveMinutes, statistic: 'Sum' }).with({ label: '4xx' }),
          own('Api429', 'Sum').with({ label: '429' }),
          props.httpApi.metricServerError({ ...fiveMinutes, statistic: 'Sum' }).with({ label: '5xx' }),
        ],
        [props.httpApi.metricLatency({ ...fiveMinutes, statistic: 'p99' }).with({ label: 'latency p99 (ms)' })],
      ),
      graph(
        'Functions: errors and throttles',
        per(props.functions, (fn) => fn.metricErrors({ ...fiveMinutes, statistic: 'Sum' })),
        per(props.functions, (fn) => fn.metricThrottles({ ...fiveMinutes, statistic: 'Sum' })),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Functions: duration p99 (ms)',
        per(props.functions, (fn) => fn.metricDuration({ ...fiveMinutes, statistic: 'p99' })),
      ),
      graph(
        'Stream: how far behind (ms) · outbox: oldest unsent email (s)',
        per(props.streamConsumers, (fn) => fn.metric('IteratorAge', { ...fiveMinutes, statistic: 'Maximum' })),
        [own('OutboxOldestPendingSeconds', 'Maximum').with({ label: 'oldest unsent email (s)' })],
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Table: capacity used · throttles and system errors',
        [
          props.table.metricConsumedReadCapacityUnits({ ...fiveMinutes, statistic: 'Sum' }).with({ label: 'read units' }),
          props.table.metricConsumedWriteCapacityUnits({ ...fiveMinutes, statistic: 'Sum' }).with({ label: 'write units' }),
        ],
        [
          props.table.metric('ReadThrottleEvents', { ...fiveMinutes, statistic: 'Sum' }).with({ label: 'read throttles' }),
          props.table.metric('WriteThrottleEvents', { ...fiveMinutes, statistic: 'Sum' }).with({ label: 'write throttles' }),
        ],
      ),
      graph(
        'SES: sends · reputation (bounce, complaint rates)',
        [new Metric({ namespace: 'AWS/SES', metricName: 'Send', statistic: 'Sum', period: Duration.hours(1) })],
        [
          new Metric({
            namespace: 'AWS/SES',
            metricName: 'Reputation.BounceRate',
            statistic: 'Maximum',
            period: Duration.hours(1),
          }),
          new Metric({
            namespace: 'AWS/SES',
            metricName: 'Reputation.ComplaintRate',
            statistic: 'Maximum',
            period: Duration.hours(1),
          }),
        ],
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Failure queues: messages waiting',
        Object.entries(props.failureQueues).map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ ...fiveMinutes, statistic: 'Maximum' }).with({ label: name }),
        ),
      ),
      graph('Requests past their legal deadline (daily)', [own('OverdueRequests', 'Maximum', Duration.days(1))]),
    );
  }
}
