import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { Exports } from './constructs/exports.ts';
import { HashKey } from './constructs/hash-key.ts';
import { Jobs } from './constructs/jobs.ts';
import { Mail } from './constructs/mail.ts';
import { Site } from './constructs/site.ts';
import type { AppContext } from './context.ts';

export type PrivacyCentreStackProps = StackProps & { context: AppContext };

/**
 * One environment of the privacy centre: table, portal and staff admin APIs, outbox dispatcher,
 * exports (bucket and builder), scheduled jobs, pages.
 */
export class PrivacyCentreStack extends Stack {
  readonly data: Data;
  readonly api: Api;
  readonly mail: Mail;
  readonly exports: Exports;
  readonly jobs: Jobs;
  readonly site: Site;

  constructor(scope: Construct, id: string, props: PrivacyCentreStackProps) {
    super(scope, id, props);
    const { context } = props;
    this.data = new Data(this, 'Data');
    const hashKey = new HashKey(this, 'HashKey');
    const environment = {
      TABLE_NAME: this.data.table.tableName,
      MAIL_FROM: context.mailFrom,
      HASH_KEY: hashKey.environmentValue,
    };

    this.exports = new Exports(this, 'Exports', {
      table: this.data.table,
      environment,
      downloadDays: context.exportDownloadDays,
    });
    const withExports = { ...environment, ...this.exports.environment };

    this.api = new Api(this, 'Api', { table: this.data.table, environment: withExports });
    // The portal presigns the subject's download; the admin API's erasure deletes files.
    this.exports.grantDownload(this.api.handler);
    this.exports.grantDeleteFiles(this.api.admin);
    this.mail = new Mail(this, 'Mail', { table: this.data.table, environment, sesIdentity: context.sesIdentity });
    this.jobs = new Jobs(this, 'Jobs', { table: this.data.table, environment: withExports, exports: this.exports });
    this.site = new Site(this, 'Site', { apiDomainName: this.api.domainName });

    // The functions know the site's URL; the distribution knows only the API (not the
    // integration), so this adds no dependency cycle.
    const publicUrl = context.publicUrl ?? this.site.url;
    for (const fn of [this.api.handler, this.api.admin, this.mail.dispatcher, this.exports.builder, this.jobs.handler]) {
      fn.addEnvironment('PUBLIC_URL', publicUrl);
    }

    new CfnOutput(this, 'SiteUrl', { description: 'The privacy centre', value: publicUrl });
    new CfnOutput(this, 'DistributionUrl', { description: 'The CloudFront distribution', value: this.site.url });
    new CfnOutput(this, 'ApiUrl', { description: 'The HTTP API (reach it through the site at /api)', value: this.api.stage.url });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'ExportsBucket', {
      description: 'Access and portability exports',
      value: this.exports.bucket.bucketName,
    });
  }
}
