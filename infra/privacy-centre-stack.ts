import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { HashKey } from './constructs/hash-key.ts';
import { Mail } from './constructs/mail.ts';
import { Site } from './constructs/site.ts';
import type { AppContext } from './context.ts';

export type PrivacyCentreStackProps = StackProps & { context: AppContext };

/** One environment of the privacy centre: table, portal and staff admin APIs, outbox dispatcher, pages. */
export class PrivacyCentreStack extends Stack {
  readonly data: Data;
  readonly api: Api;
  readonly mail: Mail;
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

    this.api = new Api(this, 'Api', { table: this.data.table, environment });
    this.mail = new Mail(this, 'Mail', { table: this.data.table, environment, sesIdentity: context.sesIdentity });
    this.site = new Site(this, 'Site', { apiDomainName: this.api.domainName });

    // The functions know the site's URL; the distribution knows only the API (not the
    // integration), so this adds no dependency cycle.
    const publicUrl = context.publicUrl ?? this.site.url;
    for (const fn of [this.api.handler, this.api.admin, this.mail.dispatcher]) fn.addEnvironment('PUBLIC_URL', publicUrl);

    new CfnOutput(this, 'SiteUrl', { description: 'The privacy centre', value: publicUrl });
    new CfnOutput(this, 'DistributionUrl', { description: 'The CloudFront distribution', value: this.site.url });
    new CfnOutput(this, 'ApiUrl', { description: 'The HTTP API (reach it through the site at /api)', value: this.api.stage.url });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
  }
}
