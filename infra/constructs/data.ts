import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  type ITable,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { tableDefinition } from '../../shared/table.ts';

const key = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The table's CloudFormation logical id, from when it was `Data/Table` in the stack. It must never
 * change: a new id makes CloudFormation create a new, empty table (the old one, retained, drops
 * out of the stack), and `cdk import` after a restore maps this id to the restored table.
 */
export const TABLE_LOGICAL_ID = 'DataTableFDBAD0F2';

export interface DataProps {
  /** Days AWS Backup keeps each daily backup (0: no AWS Backup, point-in-time recovery only). */
  backupRetentionDays: number;
  /**
   * A table the stack uses instead of its own (a restored one: see README, "Restore"). Its stream
   * must be on (new and old images).
   */
  adopt?: { tableName: string; streamArn: string };
}

/**
 * The single table, built from the shared definition the local bootstrap also uses. Its stream
 * feeds the outbox dispatcher, the audit linker and the export builder. Kept on stack deletion:
 * it holds the subjects' records. Point-in-time recovery (35 days), and daily AWS Backup
 * recovery points in a vault of the centre's own, kept as long as the operator says.
 */
export class Data extends Construct {
  readonly table: ITable;
  readonly vault?: BackupVault;
  readonly plan?: BackupPlan;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    if (props.adopt) {
      this.table = Table.fromTableAttributes(this, 'Table', {
        tableName: props.adopt.tableName,
        tableStreamArn: props.adopt.streamArn,
        globalIndexes: tableDefinition.indexes.map((index) => index.name),
      });
    } else {
      const table = new Table(this, 'Table', {
        partitionKey: key(tableDefinition.partitionKey),
        sortKey: key(tableDefinition.sortKey),
        timeToLiveAttribute: tableDefinition.ttlAttribute,
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        encryption: TableEncryption.AWS_MANAGED,
        stream: StreamViewType.NEW_AND_OLD_IMAGES,
      });
      for (const index of tableDefinition.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          sortKey: key(index.sortKey),
        });
      }
      (table.node.defaultChild as CfnTable).overrideLogicalId(TABLE_LOGICAL_ID);
      this.table = table;
    }

    if (props.backupRetentionDays > 0) {
      // Recovery points outlive the stack (and the table) on purpose: a vault that still holds
      // any cannot be deleted, so it is retained; delete them by hand when you mean to.
      this.vault = new BackupVault(this, 'Vault', {
        backupVaultName: `${Stack.of(this).stackName}-table`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.plan = new BackupPlan(this, 'Plan', {
        backupPlanName: `${Stack.of(this).stackName}-table`,
        backupVault: this.vault,
        backupPlanRules: [
          new BackupPlanRule({
            ruleName: 'daily',
            // 03:00 UTC: after the 02:00 UK retention sweep, so a backup never brings back what it deleted for long.
            scheduleExpression: Schedule.cron({ minute: '0', hour: '3' }),
            startWindow: Duration.hours(1),
            completionWindow: Duration.hours(4),
            deleteAfter: Duration.days(props.backupRetentionDays),
          }),
        ],
      });
      this.plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(this.table)] });
      const role = this.plan.node.findChild('Table').node.findChild('Role');
      for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
          reason:
            'The AWS-managed service role policy AWS Backup documents for a backup selection: it lets AWS Backup back up and restore the selected table, and nothing else of ours.',
        });
      }
    }
  }
}
