import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SECRETS_PREFIX } from '../../infra/constructs/systems.ts';
import { ensureWebDist, synth } from './synth.ts';
import { tableRights } from './table-rights.ts';

let template: Template;
beforeAll(() => {
  ensureWebDist();
  ({ template } = synth({ account: '123456789012', region: 'eu-west-2' }, { bundle: false }));
}, 120_000);

const functionWith = (description: string) => {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, f]: [string, any]) =>
    String(f.Properties.Description ?? '').startsWith(description),
  );
  if (!found) throw new Error(`no function "${description}"`);
  return { id: found[0], properties: (found[1] as any).Properties };
};

describe('the connected-systems worker', () => {
  it('is fed by the table stream only for runs with a system waiting, with retries, bisect and an on-failure queue', () => {
    const worker = functionWith('Privacy centre: connected-systems worker');
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m: any) => m.Properties.FunctionName.Ref === worker.id,
    ) as any[];
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0].Properties;
    expect(mapping).toMatchObject({
      BatchSize: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(mapping.DestinationConfig.OnFailure.Destination).toBeDefined();
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { NewImage: { type: { S: ['system-run'] }, work: { S: ['queued'] } } },
    });
  });

  it('may read only the systems’ secrets, and only the table actions its code makes', () => {
    const worker = functionWith('Privacy centre: connected-systems worker');
    expect(tableRights(template, { properties: worker.properties })).toEqual([
      'dynamodb:DeleteItem on table',
      'dynamodb:GetItem on table',
      'dynamodb:PutItem on table',
      'dynamodb:Query on index',
      'dynamodb:Query on table',
      // A PSA declared to end relationships: the person's relationship, updated in place.
      'dynamodb:UpdateItem on table',
    ]);
    const role = worker.properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('secretsmanager:')));
    const secrets = statements.filter((s: any) => JSON.stringify(s.Resource).includes(SYSTEM_SECRETS_PREFIX));
    expect(secrets).toHaveLength(1);
    expect(secrets[0].Action).toBe('secretsmanager:GetSecretValue');
    expect(JSON.stringify(secrets[0].Resource)).toContain(`:secret:${SYSTEM_SECRETS_PREFIX}/*`);
  });

  it('is swept every 5 minutes, and its failure queue raises an alarm', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0/5 * * * ? *)',
      Target: Match.objectLike({ Input: JSON.stringify({ sweep: true }) }),
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    expect(
      alarms.some((a) => String(a.Properties.AlarmDescription).startsWith('Privacy centre: SystemsWorker: failed events')),
    ).toBe(true);
  });

  it('reconciles the marketing systems every 15 minutes, by invoking the worker (the only holder of connectors)', () => {
    const worker = functionWith('Privacy centre: connected-systems worker');
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
      (s: any) => s.Properties.Target.Input === JSON.stringify({ reconcile: true }),
    ) as any[];
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0].Properties;
    expect(schedule.ScheduleExpression).toBe('cron(0/15 * * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(schedule.Target.Arn['Fn::GetAtt'][0]).toBe(worker.id);
    expect(schedule.Target.DeadLetterConfig.Arn).toBeDefined();
    expect(schedule.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 3 });
  });

  it('checks weekly for PSA contacts marked inactive, by invoking the worker', () => {
    const worker = functionWith('Privacy centre: connected-systems worker');
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
      (s: any) => s.Properties.Target.Input === JSON.stringify({ relationships: true }),
    ) as any[];
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0].Properties;
    expect(schedule.ScheduleExpression).toBe('cron(0 4 ? * SUN *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(schedule.Target.Arn['Fn::GetAtt'][0]).toBe(worker.id);
    expect(schedule.Target.DeadLetterConfig.Arn).toBeDefined();
  });

  it('no other function may read the systems’ secrets', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as any[];
    const readers = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(SYSTEM_SECRETS_PREFIX));
    expect(readers).toHaveLength(1);
  });
});
