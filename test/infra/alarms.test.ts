import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebDist, synth } from './synth.ts';

/** The functions the project deploys, by the words their descriptions contain. */
const FUNCTIONS = [
  'subject portal',
  'staff admin API',
  'staff casework API',
  'staff tools API',
  'outbox dispatcher',
  'export builder',
  'scheduled jobs',
  'mail feedback',
  'connected-systems worker',
];
/** The failure queues: the dispatcher's, the mail feedback's, the export builder's, the jobs' and the systems worker's. */
const QUEUES = 5;
/** API 4xx rate and 429s, three stream consumers' iterator age, table throttles and system errors, SES bounce and complaint rates. */
const NEW_SIGNALS = 9;
/** The alarm topic (the mail feedback topic is another). */
const ALARM_TOPIC = { DisplayName: 'Privacy centre alarms' };

let template: Template;
let quiet: Template;
let quietStack: Stack;
let loudStack: Stack;

beforeAll(() => {
  ensureWebDist();
  ({ template, stack: loudStack } = synth({ alarmEmail: 'ops@msp.example' }, { bundle: false }));
  ({ template: quiet, stack: quietStack } = synth({}, { bundle: false }));
}, 120_000);

/** The logical id of the one resource of a type matching the properties. */
function idOf(t: Template, type: string, props: Record<string, unknown>): string {
  const ids = Object.keys(t.findResources(type, { Properties: props }));
  expect(ids, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return ids[0]!;
}

/** Alarms that fire on any value above 0 of a metric with these dimensions. */
function alarmsOn(t: Template, metricName: string, dimensions: unknown[]): unknown[] {
  return Object.values(
    t.findResources('AWS::CloudWatch::Alarm', {
      Properties: {
        MetricName: metricName,
        Dimensions: dimensions,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      },
    }),
  );
}

describe('the alarms', () => {
  it('fire when a failure queue holds a message: the dispatcher’s, the mail feedback’s, the export builder’s and the jobs’', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(QUEUES);
    for (const queue of queues) {
      const alarms = alarmsOn(template, 'ApproximateNumberOfMessagesVisible', [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } },
      ]);
      expect(alarms, queue).toHaveLength(1);
      expect(alarms[0]).toMatchObject({ Properties: { Namespace: 'AWS/SQS', Statistic: 'Maximum', Period: 300 } });
    }
  });

  it('fire on any error and any throttle of each function', () => {
    for (const words of FUNCTIONS) {
      const fn = idOf(template, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp(words) });
      for (const metric of ['Errors', 'Throttles']) {
        const alarms = alarmsOn(template, metric, [{ Name: 'FunctionName', Value: { Ref: fn } }]);
        expect(alarms, `${words} ${metric}`).toHaveLength(1);
        expect(alarms[0]).toMatchObject({ Properties: { Namespace: 'AWS/Lambda', Statistic: 'Sum' } });
      }
    }
  });

  it('fire on any 5xx from the HTTP API', () => {
    const api = idOf(template, 'AWS::ApiGatewayV2::Api', {});
    const alarms = alarmsOn(template, '5xx', [{ Name: 'ApiId', Value: { Ref: api } }]);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ Properties: { Namespace: 'AWS/ApiGateway' } });
  });

  it('fire when the daily digest counts a request past its legal deadline, and keep that state until a count of 0', () => {
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'OverdueRequests' } }),
    ) as any[];
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toMatchObject({
      Namespace: 'PrivacyCentre/PrivacyCentre-dev',
      Statistic: 'Maximum',
      Period: 86400,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'ignore',
    });
    // The jobs function writes the metric (functions/jobs/handler.ts) into that namespace.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('scheduled jobs'),
      Environment: { Variables: Match.objectLike({ METRICS_NAMESPACE: 'PrivacyCentre/PrivacyCentre-dev' }) },
    });
  });

  it('fire when an email has waited more than 15 minutes, or the outbox recovery pass stops reporting', () => {
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'OutboxOldestPendingSeconds' } }),
    ) as any[];
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toMatchObject({
      Namespace: 'PrivacyCentre/PrivacyCentre-dev',
      Statistic: 'Maximum',
      Period: 900,
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'breaching',
    });
    // The dispatcher writes the metric (functions/dispatcher/recovery.ts) into that namespace.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('outbox dispatcher'),
      Environment: { Variables: Match.objectLike({ METRICS_NAMESPACE: 'PrivacyCentre/PrivacyCentre-dev' }) },
    });
  });

  it('notify the alarmEmail address through an SNS topic, on alarm and on recovery', () => {
    const topic = idOf(template, 'AWS::SNS::Topic', ALARM_TOPIC);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@msp.example',
      TopicArn: { Ref: topic },
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(QUEUES + FUNCTIONS.length * 2 + 3 + NEW_SIGNALS);
    for (const alarm of alarms as any[]) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
    }
  });

  it('watch SES reputation at the levels where SES reviews an account: 5% bounces, 0.1% complaints', () => {
    for (const [metric, threshold] of [
      ['Reputation.BounceRate', 0.05],
      ['Reputation.ComplaintRate', 0.001],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('watch how far behind the dispatcher and the export builder read the stream (5 minutes)', () => {
    for (const words of ['outbox dispatcher', 'export builder']) {
      const fn = idOf(template, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp(words) });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        Statistic: 'Maximum',
        Threshold: 300_000,
      });
    }
  });

  it('watch the table: any throttled request, any DynamoDB system error', () => {
    const table = idOf(template, 'AWS::DynamoDB::Table', {});
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const onTable = (metricName: string) =>
      alarms.filter((a) =>
        (a.Properties.Metrics ?? []).some(
          (m: any) =>
            m.MetricStat?.Metric.MetricName === metricName &&
            JSON.stringify(m.MetricStat.Metric.Dimensions).includes(JSON.stringify({ Ref: table })),
        ),
      );
    for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents', 'SystemErrors']) {
      const found = onTable(metric);
      expect(found, metric).toHaveLength(1);
      expect(found[0].Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('watch the API’s share of 4xx answers and its 429s, counted from the access log', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const rate = alarms.filter((a) => (a.Properties.Metrics ?? []).some((m: any) => m.Expression?.includes('errors / calls')));
    expect(rate).toHaveLength(1);
    expect(rate[0].Properties.Threshold).toBe(0.25);
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')) as any[];
    expect(filters).toHaveLength(1);
    expect(filters[0].Properties).toMatchObject({
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [{ MetricName: 'Api429', MetricNamespace: 'PrivacyCentre/PrivacyCentre-dev', MetricValue: '1' }],
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as any;
    expect(filters[0].Properties.LogGroupName).toEqual({
      Ref: stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Api429', Threshold: 50, Statistic: 'Sum' });
  });

  it('are all on one dashboard, with the API, functions, stream, outbox, table, SES and failure queues', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0].Properties.DashboardName).toBe('PrivacyCentre-dev');
    const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
    for (const alarm of Object.keys(template.findResources('AWS::CloudWatch::Alarm'))) expect(body, alarm).toContain(alarm);
    for (const metric of ['IteratorAge', 'OutboxOldestPendingSeconds', 'Reputation.BounceRate', 'ReadThrottleEvents', 'Api429']) {
      expect(body).toContain(metric);
    }
  });

  it('without alarmEmail, say loudly at synth that the alarms notify nobody', () => {
    Annotations.fromStack(quietStack).hasWarning('*', Match.stringLikeRegexp('No alarmEmail: the alarms notify nobody'));
    Annotations.fromStack(loudStack).hasNoWarning('*', Match.stringLikeRegexp('No alarmEmail'));
  });

  it('without alarmEmail, exist with no topic and no actions', () => {
    expect(quiet.findResources('AWS::SNS::Topic', { Properties: ALARM_TOPIC })).toEqual({});
    const alarms = Object.values(quiet.findResources('AWS::CloudWatch::Alarm')) as any[];
    expect(alarms).toHaveLength(QUEUES + FUNCTIONS.length * 2 + 3 + NEW_SIGNALS);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toBeUndefined();
  });
});
