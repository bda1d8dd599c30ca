import { CfnOutput, Duration, Fn, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnRecordSet, MxRecord, PublicHostedZone, TxtRecord } from 'aws-cdk-lib/aws-route53';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { appFunction } from './app-function.ts';
import { failureQueue } from './failures.ts';
import { MailFeedback } from './mail-feedback.ts';
import { acknowledgeAppFunction, acknowledgeTableIndexes, acknowledgeUnscopedActions } from './nag.ts';
import { grantTable, TABLE_ACCESS } from './table-access.ts';

export interface MailProps {
  table: ITable;
  environment: Record<string, string>;
  /** The SES identity (domain or address) the dispatcher may send as. */
  sesIdentity: string;
  /** Caps parallel sends so a burst cannot exhaust the SES sending rate (0 or none: no reservation). */
  reservedConcurrency?: number;
  /** Where DMARC aggregate reports go (`rua=mailto:`), if anywhere. */
  dmarcReports?: string;
  /**
   * The identity already exists in SES in this region (made by hand, or by another stack): the
   * stack then sends as it without creating it (creating it again would fail the deploy).
   */
  existingIdentity?: boolean;
  /** The Route 53 public hosted zone of the SES domain: the DNS records are then written for you. */
  hostedZone?: { id: string; name: string };
}

/**
 * The DMARC policy published for the sending domain. SES mail passes DMARC by aligned DKIM
 * (Easy DKIM signs as the domain) and aligned SPF (the MAIL FROM domain is under it). A domain of
 * its own below the zone (mail.example.org) sends nothing else, so it can ask receivers to
 * quarantine what fails: sign-in links are worth spoofing. The zone's apex usually carries the
 * organisation's other mail too (its office suite, its helpdesk), which may not align yet, so
 * there the policy only monitors (p=none); tighten it to quarantine once reports show that all
 * its mail passes.
 */
export function dmarcPolicy(domain: string, zoneName?: string, reports?: string): string {
  const dedicated = zoneName !== undefined && domain !== zoneName;
  const policy = dedicated ? 'v=DMARC1; p=quarantine; pct=100; fo=1' : 'v=DMARC1; p=none; fo=1';
  return reports ? `${policy}; rua=mailto:${reports}` : policy;
}

/**
 * Email: the SES identity (Easy DKIM, a custom MAIL FROM domain, DMARC), the configuration set
 * every email goes through, whose bounces and complaints feed the suppression list (MailFeedback),
 * and the outbox dispatcher: the table's stream delivers each new outbox item, the dispatcher
 * sends it through SES and marks it sent; and each new audit event, which it links into the
 * tenant's hash chain. Failed records are retried, halved, then parked on a queue.
 */
export class Mail extends Construct {
  readonly dispatcher: LambdaFunction;
  readonly failures: Queue;
  readonly identityArn: string;
  /** The identity the stack made; none when it already existed (existingIdentity). */
  readonly identity?: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly feedback: MailFeedback;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.dispatcher = appFunction(this, 'Dispatcher', {
      entry: 'functions/dispatcher/lambda.ts',
      description: 'Privacy centre: outbox dispatcher (DynamoDB stream to SES)',
      environment: props.environment,
      memorySize: 512,
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrency || undefined,
    });
    // It writes sign-in tokens' state and marks messages sent.
    grantTable(this.dispatcher, props.table, TABLE_ACCESS.dispatcher);

    this.failures = failureQueue(this);
    this.dispatcher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual('outbox') } } },
          }),
          // New audit events, to link into the tenant's hash chain.
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual('audit') } } },
          }),
        ],
      }),
    );

    // Every email goes through the configuration set: TLS to the receiving server or not at all,
    // reputation metrics, SES's own account suppression list, and bounces and complaints published
    // to the feedback topic.
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.feedback = new MailFeedback(this, 'Feedback', {
      table: props.table,
      environment: props.environment,
      configurationSetName: this.configurationSet.configurationSetName,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(this.feedback.topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.dispatcher.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);

    if (props.existingIdentity) {
      new CfnOutput(this, 'SesExistingIdentity', {
        description: 'SES identity: used as it is',
        value: `${props.sesIdentity} already exists in SES here: the stack sends as it and changes nothing of it (its DKIM, MAIL FROM and DMARC records are yours to keep right).`,
      });
    } else {
      this.identity = this.emailIdentity(props);
    }

    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.sesIdentity });
    // SendEmail with a configuration set is authorised on the identity and on the set.
    const configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.dispatcher.addToRolePolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [this.identityArn, configurationSetArn] }),
    );

    // cdk-nag acknowledgements for this construct.
    acknowledgeAppFunction(this.dispatcher, 'stream records that still fail after the retries go to the on-failure queue');
    acknowledgeTableIndexes(this.dispatcher, props.table);
    acknowledgeUnscopedActions(
      this.dispatcher,
      'dynamodb:ListStreams (from the stream event source) and the X-Ray write actions',
    );
  }

  /**
   * The SES identity. A domain signs with Easy DKIM and bounces through its own MAIL FROM domain
   * (bounce.<domain>; SES falls back to amazonses.com until its MX record exists). With a hosted
   * zone the stack writes the DKIM, MAIL FROM and DMARC records; without one, outputs say what
   * to publish. An address identity is verified by the link SES emails to it.
   */
  private emailIdentity(props: MailProps): EmailIdentity {
    const name = props.sesIdentity;
    if (name.includes('@')) {
      new CfnOutput(this, 'SesVerification', {
        description: 'SES identity: verify the address',
        value: `SES emails a verification link to ${name}: open it before the centre can send. For DKIM and a custom MAIL FROM, use a domain identity (context sesIdentity).`,
      });
      return new EmailIdentity(this, 'Identity', { identity: Identity.email(name), configurationSet: this.configurationSet });
    }
    const mailFromDomain = `bounce.${name}`;
    const zone = props.hostedZone
      ? PublicHostedZone.fromHostedZoneAttributes(this, 'Zone', {
          hostedZoneId: props.hostedZone.id,
          zoneName: props.hostedZone.name,
        })
      : undefined;
    // Identity.domain, not Identity.publicHostedZone: that one verifies the zone's own name, and the
    // sending domain may be below it (mail.example.org in example.org). The records are written here.
    const identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(name),
      configurationSet: this.configurationSet,
      dkimSigning: true,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain,
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    const dmarc = dmarcPolicy(name, props.hostedZone?.name, props.dmarcReports);
    const region = Stack.of(this).region;
    if (zone) {
      // The token names are already fully qualified (a CnameRecord would add the zone's name again).
      identity.dkimRecords.forEach((record, i) => {
        new CfnRecordSet(this, `DkimRecord${i + 1}`, {
          hostedZoneId: zone.hostedZoneId,
          name: record.name,
          type: 'CNAME',
          resourceRecords: [record.value],
          ttl: '1800',
        });
      });
      new MxRecord(this, 'MailFromMx', {
        zone,
        recordName: mailFromDomain,
        values: [{ priority: 10, hostName: `feedback-smtp.${region}.amazonses.com` }],
      });
      new TxtRecord(this, 'MailFromSpf', { zone, recordName: mailFromDomain, values: ['v=spf1 include:amazonses.com ~all'] });
      new TxtRecord(this, 'Dmarc', { zone, recordName: `_dmarc.${name}`, values: [dmarc] });
      return identity;
    }
    for (const n of [1, 2, 3] as const) {
      new CfnOutput(this, `DkimRecord${n}`, {
        description: `SES Easy DKIM: publish this CNAME record (${n} of 3) in the DNS of ${name}`,
        value: Fn.join(' ', [identity[`dkimDnsTokenName${n}`], 'CNAME', identity[`dkimDnsTokenValue${n}`]]),
      });
    }
    new CfnOutput(this, 'MailFromRecords', {
      description: `SES custom MAIL FROM: publish these records for ${mailFromDomain}, so bounces return to SES from your own domain and SPF aligns`,
      value: Fn.join('', [
        `${mailFromDomain} MX 10 feedback-smtp.`,
        region,
        `.amazonses.com ; ${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      ]),
    });
    new CfnOutput(this, 'DmarcRecord', {
      description: `DMARC: publish this TXT record unless ${name} already has one (then check that it allows this mail)`,
      value: `_dmarc.${name} TXT "${dmarc}" ; p=none only monitors: ${props.dmarcReports ? 'read the reports' : 'add rua=mailto:<a mailbox> (context dmarcReports) to receive reports'}, and move to p=quarantine once they show that all mail from ${name} passes`,
    });
    return identity;
  }
}
