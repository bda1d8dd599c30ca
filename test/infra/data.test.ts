import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_LOGICAL_ID } from '../../infra/constructs/data.ts';
import { ensureWebDist, synth } from './synth.ts';

let template: Template;

beforeAll(() => {
  ensureWebDist();
  template = synth({ alarmEmail: 'ops@msp.example' }, { bundle: false }).template;
}, 120_000);

const STREAM = 'arn:aws:dynamodb:eu-west-2:123456789012:table/privacy-restored/stream/2026-12-01T10:00:00.000';

describe('backups and restore', () => {
  it('keeps the table under the logical id it always had, retained and protected', () => {
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toEqual([TABLE_LOGICAL_ID]);
    expect(TABLE_LOGICAL_ID).toBe('DataTableFDBAD0F2');
    const table = template.toJSON().Resources[TABLE_LOGICAL_ID];
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(table.Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('backs the table up daily with AWS Backup into a retained vault of its own, kept 35 days by default', () => {
    const vaults = Object.values<any>(template.findResources('AWS::Backup::BackupVault'));
    expect(vaults).toHaveLength(1);
    expect(vaults[0]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { BackupVaultName: 'PrivacyCentre-dev-table' } });
    const [plan] = Object.values<any>(template.findResources('AWS::Backup::BackupPlan'));
    expect(plan.Properties.BackupPlan.BackupPlanRule).toEqual([
      expect.objectContaining({
        RuleName: 'daily',
        ScheduleExpression: 'cron(0 3 * * ? *)',
        Lifecycle: { DeleteAfterDays: 35 },
      }),
    ]);
    const selection = JSON.stringify(template.findResources('AWS::Backup::BackupSelection'));
    expect(selection).toContain(TABLE_LOGICAL_ID);
  });

  it('keeps backups as long as the operator says, or leaves AWS Backup out with 0', () => {
    const long = synth({ backupRetentionDays: '365' }, { bundle: false }).template;
    const [plan] = Object.values<any>(long.findResources('AWS::Backup::BackupPlan'));
    expect(plan.Properties.BackupPlan.BackupPlanRule[0].Lifecycle).toEqual({ DeleteAfterDays: 365 });
    const none = synth({ backupRetentionDays: '0' }, { bundle: false }).template;
    expect(none.findResources('AWS::Backup::BackupPlan')).toEqual({});
    expect(none.findResources('AWS::Backup::BackupVault')).toEqual({});
  }, 60_000);

  it('lets the schedule group go with the stack, so a redeploy after destroy can take its name again', () => {
    const [group] = Object.values<any>(template.findResources('AWS::Scheduler::ScheduleGroup'));
    expect(group.DeletionPolicy).toBe('Delete');
  });

  it('uses a restored table when told (tableName, tableStreamArn): no table of its own, everything pointed at it, nag-clean', () => {
    const { stack, template: adopted } = synth(
      { tableName: 'privacy-restored', tableStreamArn: STREAM, alarmEmail: 'ops@msp.example' },
      { bundle: false },
    );
    expect(adopted.findResources('AWS::DynamoDB::Table')).toEqual({});
    const fns = Object.values<any>(
      adopted.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('^Privacy centre: ') },
      }),
    );
    // Portal, admin, casework, staff tools, dispatcher, export builder, jobs, mail feedback, connected-systems worker.
    expect(fns).toHaveLength(9);
    for (const fn of fns) expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe('privacy-restored');
    const mappings = Object.values<any>(adopted.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings.map((m) => m.Properties.EventSourceArn)).toEqual([STREAM, STREAM, STREAM]);
    expect(JSON.stringify(adopted.findResources('AWS::Backup::BackupSelection'))).toContain('table/privacy-restored');
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      expect(pack.validateScope(stack).violations.map((v) => v.ruleName)).toEqual([]);
    }
  }, 60_000);
});
