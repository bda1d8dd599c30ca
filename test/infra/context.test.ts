import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../infra/context.ts';

const contextOf = (context: Record<string, string>) => readContext(new App({ context }).node);

describe('the app context', () => {
  it('defaults to stage dev in eu-west-2, the example sender and its domain as the SES identity', () => {
    expect(contextOf({})).toEqual({
      stage: 'dev',
      mailFrom: 'Privacy Centre <privacy@example.com>',
      sesIdentity: 'example.com',
      publicUrl: undefined,
      env: { region: 'eu-west-2' },
      storeOutsideUk: [],
      production: false,
      sesIdentityExists: false,
      dispatcherConcurrency: 5,
      waf: true,
      backupRetentionDays: 35,
      exportDownloadDays: 7,
      hashKeyVersion: 1,
      hashKeyLatest: 1,
    });
  });

  it('takes the HASH_KEY versions of a rotation: a key added (latest), then made current', () => {
    expect(contextOf({ hashKeyLatest: '2' })).toMatchObject({ hashKeyVersion: 1, hashKeyLatest: 2 });
    expect(contextOf({ hashKeyVersion: '2' })).toMatchObject({ hashKeyVersion: 2, hashKeyLatest: 2 });
    for (const bad of ['0', 'two', '1.5']) expect(() => contextOf({ hashKeyVersion: bad })).toThrow(/Context "hashKeyVersion"/);
    expect(() => contextOf({ hashKeyVersion: '3', hashKeyLatest: '2' })).toThrow(/Context "hashKeyLatest"/);
  });

  it('makes a production stage name its sender and its alarm address', () => {
    for (const stage of ['prod', 'production', 'live']) {
      expect(() => contextOf({ stage, alarmEmail: 'ops@msp.example' })).toThrow(/production stage: give its sender/);
      expect(() => contextOf({ stage, mailFrom: 'privacy@mail.msp.example' })).toThrow(/production stage: give -c alarmEmail/);
      expect(contextOf({ stage, mailFrom: 'privacy@mail.msp.example', alarmEmail: 'ops@msp.example' }).production).toBe(true);
    }
    expect(() => contextOf({ stage: 'acme', production: 'true' })).toThrow(/production stage/);
    expect(contextOf({ stage: 'prod', production: 'false' }).production).toBe(false);
  });

  it('takes a DMARC report address, a dispatcher concurrency (0: none) and tenants to store outside the UK', () => {
    const c = contextOf({ dmarcReports: 'dmarc@msp.example', dispatcherConcurrency: '0', storeOutsideUk: ' the-one-point, x ' });
    expect(c).toMatchObject({
      dmarcReports: 'dmarc@msp.example',
      dispatcherConcurrency: 0,
      storeOutsideUk: ['the-one-point', 'x'],
    });
  });

  it('takes an explicit SES identity, a public URL, an environment and an alarm email', () => {
    expect(
      contextOf({
        stage: 'prod',
        mailFrom: 'privacy@mail.example.org',
        sesIdentity: 'privacy@mail.example.org',
        publicUrl: 'https://privacy.example.org/',
        account: '123456789012',
        region: 'eu-west-2',
        exportDownloadDays: '14',
        alarmEmail: 'ops@msp.example',
      }),
    ).toEqual({
      stage: 'prod',
      mailFrom: 'privacy@mail.example.org',
      sesIdentity: 'privacy@mail.example.org',
      publicUrl: 'https://privacy.example.org',
      env: { account: '123456789012', region: 'eu-west-2' },
      storeOutsideUk: [],
      production: true,
      sesIdentityExists: false,
      dispatcherConcurrency: 5,
      waf: true,
      backupRetentionDays: 35,
      exportDownloadDays: 14,
      hashKeyVersion: 1,
      hashKeyLatest: 1,
      alarmEmail: 'ops@msp.example',
    });
  });

  it('takes the export download period as a number too (cdk.json)', () => {
    expect(readContext(new App({ context: { exportDownloadDays: 30 } }).node).exportDownloadDays).toBe(30);
  });

  it('takes a hosted zone for a domain identity that is the zone or under it', () => {
    expect(
      contextOf({
        mailFrom: 'privacy@mail.example.org',
        hostedZoneId: '/hostedzone/Z0123456789ABC',
        hostedZoneName: 'Example.org.',
      }).hostedZone,
    ).toEqual({ id: 'Z0123456789ABC', name: 'example.org' });
    expect(
      contextOf({ sesIdentity: 'example.org', hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.org' }).hostedZone,
    ).toEqual({
      id: 'Z0123456789ABC',
      name: 'example.org',
    });
  });

  it.each([
    [{ hostedZoneId: 'Z0123456789ABC' }, /"hostedZoneId" and "hostedZoneName" go together/],
    [{ hostedZoneName: 'example.com' }, /"hostedZoneId" and "hostedZoneName" go together/],
    [{ hostedZoneId: 'not a zone', hostedZoneName: 'example.com' }, /"hostedZoneId".*Route 53 hosted zone id/],
    [{ hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example' }, /"hostedZoneName".*domain name/],
    [{ hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.org' }, /"hostedZoneName".*SES identity's domain or a parent/],
    [
      { sesIdentity: 'privacy@example.com', hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.com' },
      /the identity a domain/,
    ],
    [{ mailFrom: 'Privacy Centre' }, /no valid email address/],
    [{ publicUrl: 'http://privacy.example.org' }, /must be an https origin/],
    [{ publicUrl: 'https://privacy.example.org/centre' }, /must be an https origin/],
    [{ stage: 'prod env' }, /letters, digits and dashes/],
    [{ account: '1234' }, /12-digit AWS account id/],
    [{ region: 'London' }, /must be an AWS region/],
    [{ production: 'yes' }, /must be true or false/],
    [{ dispatcherConcurrency: '-1' }, /whole number from 0/],
    [{ dmarcReports: 'reports' }, /"dmarcReports".*must be an email address/],
    [{ backupRetentionDays: 'a month' }, /"backupRetentionDays".*whole number of days/],
    [{ tableName: 'privacy-restored' }, /"tableName" and "tableStreamArn" go together/],
    [
      { tableName: 'privacy-restored', tableStreamArn: 'arn:aws:dynamodb:eu-west-2:123456789012:table/other/stream/x' },
      /must be the stream ARN of table privacy-restored/,
    ],
    [{ exportDownloadDays: '0' }, /whole number of days from 1 to 90/],
    [{ exportDownloadDays: '91' }, /whole number of days from 1 to 90/],
    [{ exportDownloadDays: '7.5' }, /whole number of days from 1 to 90/],
    [{ exportDownloadDays: 'a week' }, /whole number of days from 1 to 90/],
    [{ alarmEmail: 'ops at msp' }, /"alarmEmail".*must be an email address/],
  ])('refuses %j', (context, message) => {
    expect(() => contextOf(context)).toThrow(message);
  });

  it('takes a certificate for the public URL’s host, only from us-east-1 and only with a public URL', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    expect(contextOf({ publicUrl: 'https://privacy.example.org', certificateArn }).certificateArn).toBe(certificateArn);
    expect(() =>
      contextOf({ publicUrl: 'https://privacy.example.org', certificateArn: certificateArn.replace('us-east-1', 'eu-west-2') }),
    ).toThrow(/must be an ACM certificate ARN in us-east-1/);
    expect(() => contextOf({ certificateArn })).toThrow(/"certificateArn" needs "publicUrl"/);
  });
});
