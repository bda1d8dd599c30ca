import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { POLICY_PARTITION } from '../shared/table.ts';
import { Alarms } from './constructs/alarms.ts';
import { Api } from './constructs/api.ts';
import { tenantSlugs } from './constructs/app-function.ts';
import { Dashboard } from './constructs/dashboard.ts';
import { Data } from './constructs/data.ts';
import { Exports } from './constructs/exports.ts';
import { Jobs } from './constructs/jobs.ts';
import { Mail } from './constructs/mail.ts';
import { enableTracing } from './constructs/nag.ts';
import { Secrets } from './constructs/secrets.ts';
import { Site } from './constructs/site.ts';
import { ConnectedSystems } from './constructs/systems.ts';
import type { AppContext } from './context.ts';
import type { EdgeStack } from './edge-stack.ts';

export type PrivacyCentreStackProps = StackProps & {
  context: AppContext;
  /** The WAF web ACL (us-east-1) CloudFront applies, if any. */
  webAclArn?: string;
};

/**
 * One environment of the privacy centre: table, portal, staff admin and staff tools APIs, outbox dispatcher,
 * exports (bucket and builder), scheduled jobs, pages.
 */
export class PrivacyCentreStack extends Stack {
  readonly data: Data;
  readonly api: Api;
  readonly mail: Mail;
  readonly exports: Exports;
  readonly systems: ConnectedSystems;
  readonly jobs: Jobs;
  readonly site: Site;
  readonly alarms: Alarms;
  readonly dashboard: Dashboard;
  readonly accessLogs: Bucket;
  /** The us-east-1 stack holding the WAF web ACL, when there is one. */
  edge?: EdgeStack;

  constructor(scope: Construct, id: string, props: PrivacyCentreStackProps) {
    super(scope, id, props);
    const { context } = props;
    this.data = new Data(this, 'Data', { backupRetentionDays: context.backupRetentionDays, adopt: context.adoptTable });
    // Server access logs of the page and exports buckets and CloudFront's standard logs. CloudFront
    // writes with ACLs, hence object-writer ownership; kept 90 days, and kept after the stack.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access log bucket itself: logging its own access into itself would loop.',
    });
    const secrets = new Secrets(this, 'Secrets');
    const environment = {
      TABLE_NAME: this.data.table.tableName,
      MAIL_FROM: context.mailFrom,
    };

    this.exports = new Exports(this, 'Exports', {
      table: this.data.table,
      environment,
      downloadDays: context.exportDownloadDays,
      accessLogs: this.accessLogs,
    });
    const withExports = { ...environment, ...this.exports.environment };

    this.api = new Api(this, 'Api', {
      table: this.data.table,
      environment,
      exportsEnvironment: this.exports.environment,
    });
    // The portal presigns the subject's download; the casework's erasure deletes files.
    this.exports.grantDownload(this.api.handler);
    this.exports.grantDeleteFiles(this.api.casework);
    this.mail = new Mail(this, 'Mail', {
      table: this.data.table,
      environment,
      sesIdentity: context.sesIdentity,
      hostedZone: context.hostedZone,
      reservedConcurrency: context.dispatcherConcurrency,
      dmarcReports: context.dmarcReports,
      existingIdentity: context.sesIdentityExists,
    });
    this.jobs = new Jobs(this, 'Jobs', {
      table: this.data.table,
      environment: withExports,
      exports: this.exports,
      mail: { dispatcher: this.mail.dispatcher, failures: this.mail.failures },
    });
    this.systems = new ConnectedSystems(this, 'Systems', {
      table: this.data.table,
      environment,
      scheduleGroup: this.jobs.group,
    });
    this.site = new Site(this, 'Site', {
      apiDomainName: this.api.domainName,
      accessLogs: this.accessLogs,
      originSecret: secrets.originHeaderValue,
      webAclArn: props.webAclArn,
      tenantSlugs: tenantSlugs(),
      domain:
        context.publicUrl && context.certificateArn
          ? { name: new URL(context.publicUrl).hostname, certificateArn: context.certificateArn, zone: context.hostedZone }
          : undefined,
    });

    // The functions know the site's URL; the distribution knows only the API (not the
    // integration), so this adds no dependency cycle.
    const publicUrl = context.publicUrl ?? this.site.url;
    for (const fn of [
      this.api.handler,
      this.api.admin,
      this.api.casework,
      this.api.staffTools,
      this.mail.dispatcher,
      this.mail.feedback.handler,
      this.exports.builder,
      this.jobs.handler,
      this.systems.worker,
    ]) {
      fn.addEnvironment('PUBLIC_URL', publicUrl);
      secrets.giveHashKey(fn, { version: context.hashKeyVersion, latest: context.hashKeyLatest });
      enableTracing(fn);
      // Published tenant policies (and with them the staff lists and roles) are written only by
      // an operator (npm run policy): no function may write that partition, whatever its grants.
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          resources: [this.data.table.tableArn],
          conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [POLICY_PARTITION] } },
        }),
      );
    }
    for (const fn of [this.api.handler, this.api.admin, this.api.casework, this.api.staffTools]) secrets.giveOriginSecret(fn);
    secrets.giveMailerSecrets(this.api.handler);
    secrets.giveTotpKey(this.api.admin);

    const functions = {
      Portal: this.api.handler,
      Admin: this.api.admin,
      Casework: this.api.casework,
      StaffTools: this.api.staffTools,
      Dispatcher: this.mail.dispatcher,
      MailFeedback: this.mail.feedback.handler,
      ExportBuilder: this.exports.builder,
      Jobs: this.jobs.handler,
      SystemsWorker: this.systems.worker,
    };
    const failureQueues = {
      Dispatcher: this.mail.failures,
      MailFeedback: this.mail.feedback.failures,
      ExportBuilder: this.exports.failures,
      Jobs: this.jobs.failures,
      SystemsWorker: this.systems.failures,
    };
    const streamConsumers = {
      Dispatcher: this.mail.dispatcher,
      ExportBuilder: this.exports.builder,
      SystemsWorker: this.systems.worker,
    };
    this.alarms = new Alarms(this, 'Alarms', {
      functions,
      failureQueues,
      failureAdvice: {
        Dispatcher:
          'a stream record, or a recovery pass, that failed: the emails themselves stay pending in the table and the recovery pass every 5 minutes resends them; read the dispatcher log for why it failed, fix that, then delete the queued records',
        SystemsWorker:
          'a run the worker could not save, or a sweep that failed: the run stays waiting in the table and the sweep every 5 minutes works it again; read the worker log (ids and states only) for why, fix that, then delete the queued records',
      },
      httpApi: this.api.httpApi,
      apiAccessLogs: this.api.accessLogs,
      table: this.data.table,
      streamConsumers,
      namespace: this.jobs.namespace,
      overdueRequests: this.jobs.overdueRequests,
      oldestPendingOutbox: this.jobs.oldestPendingOutbox,
      email: context.alarmEmail,
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      alarms: this.alarms.alarms,
      httpApi: this.api.httpApi,
      functions,
      streamConsumers,
      failureQueues,
      table: this.data.table,
      namespace: this.jobs.namespace,
    });

    new CfnOutput(this, 'SiteUrl', { description: 'The privacy centre', value: publicUrl });
    new CfnOutput(this, 'DistributionUrl', { description: 'The CloudFront distribution', value: this.site.url });
    new CfnOutput(this, 'ApiUrl', { description: 'The HTTP API (reach it through the site at /api)', value: this.api.stage.url });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'TenantSlugsStoreArn', {
      description:
        'The tenant slugs CloudFront serves pages for (a key value store): add a tenant that exists only as published here',
      value: this.site.tenants.keyValueStoreArn,
    });
    new CfnOutput(this, 'JobsFunctionName', {
      description: 'The jobs function (README: run rekey-hashes after rotating HASH_KEY)',
      value: this.jobs.handler.functionName,
    });
    new CfnOutput(this, 'ExportsBucket', {
      description: 'Access and portability exports',
      value: this.exports.bucket.bucketName,
    });
  }
}
