import { rmSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmarcPolicy } from '../../infra/constructs/mail.ts';
import { assetDir, ensureWebDist, linkRuntimeModules, runBundledHandler, type Synth, synth } from './synth.ts';

const MAIL_FROM = 'Privacy Centre <privacy@mail.example.org>';
const ZONE = { hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.org' };

let plain: Template;
let zoned: Synth;
let address: Template;

const synthTemplate = (context: Record<string, string>): Template => {
  const { template, outdir } = synth(context, { bundle: false });
  rmSync(outdir, { recursive: true, force: true });
  return template;
};

beforeAll(() => {
  ensureWebDist();
  plain = synthTemplate({ mailFrom: MAIL_FROM });
  zoned = synth({ mailFrom: MAIL_FROM, ...ZONE }, { bundle: false });
  rmSync(zoned.outdir, { recursive: true, force: true });
  address = synthTemplate({ mailFrom: MAIL_FROM, sesIdentity: 'privacy@mail.example.org' });
}, 180_000);

/** The one resource of a type matching the properties: its logical id and properties. */
function only(t: Template, type: string, props: Record<string, unknown> = {}): { id: string; properties: any } {
  const found = Object.entries(t.findResources(type, { Properties: props }));
  expect(found, `${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, properties: (resource as any).Properties };
}

const fn = (t: Template, words: string) => only(t, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp(words) });
const statementsOf = (t: Template, role: string): any[] =>
  Object.values(t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } })).flatMap(
    (p: any) => p.Properties.PolicyDocument.Statement,
  );
const actionsOf = (s: any): string[] => [s.Action].flat();
const records = (t: Template) => Object.values(t.findResources('AWS::Route53::RecordSet')).map((r: any) => r.Properties);

describe('the SES identity', () => {
  it('is the From domain, signed with Easy DKIM (2048-bit), with its own MAIL FROM domain and the configuration set', () => {
    const identity = only(plain, 'AWS::SES::EmailIdentity').properties;
    const set = only(plain, 'AWS::SES::ConfigurationSet').id;
    expect(identity).toEqual({
      EmailIdentity: 'mail.example.org',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'bounce.mail.example.org', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: set } },
    });
  });

  it('without a hosted zone, writes no DNS records and says in outputs what to publish', () => {
    expect(records(plain)).toEqual([]);
    const identity = only(plain, 'AWS::SES::EmailIdentity').id;
    const outputs = plain.toJSON().Outputs;
    const dkim = Object.keys(outputs).filter((k) => k.startsWith('MailDkimRecord'));
    expect(dkim).toHaveLength(3);
    dkim.forEach((key, i) => {
      expect(outputs[key].Value).toEqual({
        'Fn::Join': [
          ' ',
          [
            { 'Fn::GetAtt': [identity, `DkimDNSTokenName${i + 1}`] },
            'CNAME',
            { 'Fn::GetAtt': [identity, `DkimDNSTokenValue${i + 1}`] },
          ],
        ],
      });
    });
    const mailFrom = JSON.stringify(outputs[Object.keys(outputs).find((k) => k.startsWith('MailMailFromRecords'))!].Value);
    expect(mailFrom).toContain('bounce.mail.example.org MX 10 feedback-smtp.');
    expect(mailFrom).toContain('v=spf1 include:amazonses.com ~all');
    const dmarc = outputs[Object.keys(outputs).find((k) => k.startsWith('MailDmarcRecord'))!].Value;
    expect(dmarc).toMatch(/^_dmarc\.mail\.example\.org TXT "v=DMARC1; p=none; fo=1"/);
    expect(dmarc).toMatch(/p=quarantine once/);
  });

  it('with a hosted zone, writes the DKIM CNAMEs, the MAIL FROM MX and SPF records and a DMARC record, and outputs none of them', () => {
    const t = zoned.template;
    const identity = only(t, 'AWS::SES::EmailIdentity');
    expect(identity.properties.EmailIdentity).toBe('mail.example.org');
    const all = records(t);
    expect(all.every((r) => r.HostedZoneId === 'Z0123456789ABC')).toBe(true);
    const cnames = all.filter((r) => r.Type === 'CNAME');
    expect(cnames.map((r) => r.Name['Fn::GetAtt'])).toEqual([1, 2, 3].map((n) => [identity.id, `DkimDNSTokenName${n}`]));
    expect(cnames.map((r) => r.ResourceRecords[0]['Fn::GetAtt'])).toEqual(
      [1, 2, 3].map((n) => [identity.id, `DkimDNSTokenValue${n}`]),
    );
    const mx = all.filter((r) => r.Type === 'MX');
    expect(mx).toHaveLength(1);
    expect(mx[0].Name).toBe('bounce.mail.example.org.');
    expect(mx[0].ResourceRecords).toEqual(['10 feedback-smtp.eu-west-2.amazonses.com']);
    const txt = all.filter((r) => r.Type === 'TXT').map((r) => [r.Name, r.ResourceRecords]);
    expect(txt).toEqual([
      ['bounce.mail.example.org.', ['"v=spf1 include:amazonses.com ~all"']],
      ['_dmarc.mail.example.org.', ['"v=DMARC1; p=quarantine; pct=100; fo=1"']],
    ]);
    expect(Object.keys(t.toJSON().Outputs).filter((k) => /Dkim|MailFrom|Dmarc/.test(k))).toEqual([]);
  });

  it('asks receivers to quarantine failing mail only from a sending domain of its own, and only monitors at a zone apex', () => {
    expect(dmarcPolicy('mail.example.org', 'example.org')).toMatch(/p=quarantine/);
    expect(dmarcPolicy('example.org', 'example.org')).toMatch(/p=none/);
    expect(dmarcPolicy('mail.example.org')).toMatch(/p=none/);
    expect(dmarcPolicy('mail.example.org')).not.toMatch(/rua=/);
    expect(dmarcPolicy('mail.example.org', 'example.org', 'dmarc@msp.example')).toBe(
      'v=DMARC1; p=quarantine; pct=100; fo=1; rua=mailto:dmarc@msp.example',
    );
  });

  it('is an address identity when sesIdentity is an address: no DKIM, no MAIL FROM, a verification output', () => {
    expect(only(address, 'AWS::SES::EmailIdentity').properties).toEqual({
      EmailIdentity: 'privacy@mail.example.org',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: only(address, 'AWS::SES::ConfigurationSet').id } },
    });
    const outputs = address.toJSON().Outputs;
    expect(Object.keys(outputs).filter((k) => /Dkim|MailFrom|Dmarc/.test(k))).toEqual([]);
    expect(outputs[Object.keys(outputs).find((k) => k.startsWith('MailSesVerification'))!].Value).toMatch(
      /verification link to privacy@mail\.example\.org/,
    );
    const dispatcher = fn(address, 'outbox dispatcher');
    const ses = statementsOf(address, dispatcher.properties.Role['Fn::GetAtt'][0]).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('ses:')),
    );
    expect(JSON.stringify(ses)).toContain(':identity/privacy@mail.example.org');
  });

  it('sends as an identity that already exists (sesIdentityExists) without creating it again, which would fail the deploy', () => {
    const existing = synth({ mailFrom: 'privacy@mail.example.org', sesIdentityExists: 'true' }, { bundle: false }).template;
    expect(existing.findResources('AWS::SES::EmailIdentity')).toEqual({});
    expect(existing.findResources('AWS::Route53::RecordSet')).toEqual({});
    const outputs = existing.toJSON().Outputs;
    expect(Object.keys(outputs).filter((k) => /Dkim|MailFrom|Dmarc/.test(k))).toEqual([]);
    expect(outputs[Object.keys(outputs).find((k) => k.startsWith('MailSesExistingIdentity'))!].Value).toMatch(
      /mail\.example\.org already exists in SES/,
    );
    const dispatcher = fn(existing, 'outbox dispatcher');
    const ses = statementsOf(existing, dispatcher.properties.Role['Fn::GetAtt'][0]).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('ses:')),
    );
    expect(JSON.stringify(ses)).toMatch(/:identity\/mail\.example\.org"/);
    // Still through the centre's own configuration set, so bounces and complaints reach the suppression list.
    expect(dispatcher.properties.Environment.Variables.SES_CONFIGURATION_SET).toEqual({
      Ref: only(existing, 'AWS::SES::ConfigurationSet').id,
    });
  }, 60_000);
});

describe('the configuration set', () => {
  it('requires TLS, keeps reputation metrics and suppresses bounces and complaints account-wide', () => {
    expect(only(plain, 'AWS::SES::ConfigurationSet').properties).toEqual({
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('publishes bounces and complaints, and nothing else, to an encrypted, TLS-only topic', () => {
    const set = only(plain, 'AWS::SES::ConfigurationSet').id;
    const topic = only(plain, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('bounces and complaints') });
    const key = only(plain, 'AWS::KMS::Key');
    expect(only(plain, 'AWS::SES::ConfigurationSetEventDestination').properties).toEqual({
      ConfigurationSetName: { Ref: set },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: topic.id } },
      },
    });
    expect(topic.properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [key.id, 'Arn'] });
    expect(key.properties.EnableKeyRotation).toBe(true);
    const policy = only(plain, 'AWS::SNS::TopicPolicy', { Topics: [{ Ref: topic.id }] }).properties.PolicyDocument.Statement;
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Only SES, for this account's configuration set, may publish, and use the key to do so.
    const sesOnly = expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'ses.amazonaws.com' },
      Condition: {
        StringEquals: expect.objectContaining({
          'AWS:SourceArn': expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([':configuration-set/'])] }),
        }),
      },
    });
    expect(policy.filter((s: any) => actionsOf(s).includes('sns:Publish') && s.Effect === 'Allow')).toEqual([sesOnly]);
    const keyForSes = key.properties.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service === 'ses.amazonaws.com');
    expect(keyForSes).toHaveLength(1);
    expect(actionsOf(keyForSes[0]).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(JSON.stringify(keyForSes[0].Condition)).toContain(`"Ref":"${set}"`);
  });
});

describe('the dispatcher', () => {
  it('sends through the configuration set, and may use it and the identity only', () => {
    const dispatcher = fn(plain, 'outbox dispatcher');
    const set = only(plain, 'AWS::SES::ConfigurationSet').id;
    expect(dispatcher.properties.Environment.Variables.SES_CONFIGURATION_SET).toEqual({ Ref: set });
    const ses = statementsOf(plain, dispatcher.properties.Role['Fn::GetAtt'][0]).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('ses:')),
    );
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = JSON.stringify(ses[0].Resource);
    expect(ses[0].Resource).toHaveLength(2);
    expect(resources).toMatch(/:identity\/mail\.example\.org"/);
    expect(resources).toContain(`":configuration-set/",{"Ref":"${set}"}`);
  });
});

describe('the mail feedback function', () => {
  it('is subscribed to the topic, with undeliverable events going to its failure queue', () => {
    const handler = fn(plain, 'mail feedback');
    const topic = only(plain, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('bounces and complaints') }).id;
    const subscription = only(plain, 'AWS::SNS::Subscription', { Protocol: 'lambda' }).properties;
    expect(subscription.TopicArn).toEqual({ Ref: topic });
    expect(subscription.Endpoint).toEqual({ 'Fn::GetAtt': [handler.id, 'Arn'] });
    const queue = subscription.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(queue).toMatch(/^MailFeedbackFailures/);
    plain.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [handler.id, 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: topic },
    });
    // Lambda retries a failed run twice, then parks it on the same queue.
    expect(only(plain, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: handler.id } }).properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('runs with a role of its own: the table, the hash key and X-Ray, no SES, no KMS, no S3', () => {
    const handler = fn(plain, 'mail feedback');
    const role = handler.properties.Role['Fn::GetAtt'][0];
    expect(role).toMatch(/^MailFeedbackHandler/);
    const actions = statementsOf(plain, role).flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'secretsmanager:GetSecretValue']));
    expect(actions.filter((a) => !/^(dynamodb|secretsmanager|xray|sqs):/.test(a))).toEqual([]);
    // sqs: only what the on-failure destination needs to send.
    expect(actions.filter((a) => a.startsWith('sqs:')).sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    const env = handler.properties.Environment.Variables;
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
      HASH_KEY_SECRET_ARN: expect.anything(),
    });
    expect(env.PUBLIC_URL).toBeDefined();
    expect(handler.properties.TracingConfig).toEqual({ Mode: 'Active' });
  });
});

describe('cdk-nag, with a hosted zone', () => {
  const findings = (pack: AwsSolutionsChecks | ServerlessChecks) =>
    pack
      .validateScope(zoned.stack)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

  it('finds nothing unacknowledged in either pack', () => {
    expect(findings(new AwsSolutionsChecks())).toEqual([]);
    expect(findings(new ServerlessChecks())).toEqual([]);
  });
});

describe('the mail feedback bundle', () => {
  let bundled: Synth;
  beforeAll(() => {
    bundled = synth({ mailFrom: MAIL_FROM });
    // The bundles leave the AWS SDK clients to the runtime: here they resolve from the project's node_modules.
    linkRuntimeModules(bundled.outdir);
  }, 180_000);
  afterAll(() => rmSync(bundled.outdir, { recursive: true, force: true }));

  /** Runs the bundled handler on an event in a child process, with the environment config.ts needs and no AWS. */
  function run(event: unknown): unknown {
    const handler = fn(bundled.template, 'mail feedback');
    return runBundledHandler(assetDir(bundled.outdir, handler.properties), event, { MAIL_FROM });
  }

  it('starts cold and drops, without failing, what it can never act on: a soft bounce, an unknown tenant, not JSON', () => {
    const ses = (tenant: string, bounceType: string) => ({
      eventType: 'Bounce',
      bounce: { bounceType, bouncedRecipients: [{ emailAddress: 'someone@example.com' }] },
      mail: { messageId: 'm-1', tags: { tenant: [tenant] } },
    });
    const event = {
      Records: [
        { Sns: { MessageId: '1', Message: JSON.stringify(ses('it-mk', 'Transient')) } },
        { Sns: { MessageId: '2', Message: JSON.stringify(ses('no-such-tenant', 'Permanent')) } },
        { Sns: { MessageId: '3', Message: 'not json' } },
      ],
    };
    expect(run(event)).toEqual({ suppressed: 0, already: 0, ignored: 1, skipped: 2 });
  });
});
