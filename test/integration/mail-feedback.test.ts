import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackHandler, type SnsEvent } from '../../functions/mail-feedback/handler.ts';
import { mayWeSend, setPreferences } from '../../shared/marketing/preferences.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';

let centre: TestCentre;
let handle: ReturnType<typeof feedbackHandler>;
beforeAll(async () => {
  centre = await startTestCentre();
  handle = feedbackHandler(centre.deps);
});
afterAll(() => centre.stop());

/** An SES event record as SES publishes it to SNS through the configuration set, and SNS hands it to Lambda. */
function snsEvent(sesEvent: unknown, raw?: string): SnsEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-2:123456789012:PrivacyCentre-dev-MailFeedback:0b8f4b7e',
        Sns: {
          Type: 'Notification',
          MessageId: crypto.randomUUID(),
          TopicArn: 'arn:aws:sns:eu-west-2:123456789012:PrivacyCentre-dev-MailFeedback',
          Subject: null,
          Message: raw ?? JSON.stringify(sesEvent),
          Timestamp: new Date().toISOString(),
          MessageAttributes: {},
        },
      },
    ],
  } as unknown as SnsEvent;
}

const mail = (tenant: string | undefined, to: string) => ({
  timestamp: new Date().toISOString(),
  source: 'Privacy Centre <privacy@localhost.test>',
  sourceArn: 'arn:aws:ses:eu-west-2:123456789012:identity/localhost.test',
  sendingAccountId: '123456789012',
  messageId: `0102018f-${crypto.randomUUID()}-000000`,
  destination: [to],
  headersTruncated: false,
  tags: {
    'ses:configuration-set': ['privacy-centre-dev'],
    'ses:from-domain': ['localhost.test'],
    ...(tenant ? { tenant: [tenant] } : {}),
    outbox: ['01JD0000000000000000000000'],
    template: ['marketing'],
  },
});

const bounce = (tenant: string | undefined, to: string, bounceType: 'Permanent' | 'Transient' | 'Undetermined') => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: new Date().toISOString(),
    feedbackId: `0102018f-${crypto.randomUUID()}`,
    reportingMTA: 'dsn; a1-2.smtp-out.eu-west-2.amazonses.com',
  },
  mail: mail(tenant, to),
});

const complaint = (tenant: string, to: string) => ({
  eventType: 'Complaint',
  complaint: {
    feedbackId: `0102018f-${crypto.randomUUID()}`,
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: to }],
    timestamp: new Date().toISOString(),
    userAgent: 'Yahoo!-Mail-Feedback/2.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: new Date().toISOString(),
  },
  mail: mail(tenant, to),
});

const config = (slug: string) => centre.deps.tenants.get(slug) as TenantConfig;

async function verdict(tenant: string, email: string, topic: string) {
  const subjectId = await centre.deps.subjects.findIdByEmail(tenant, email);
  expect(subjectId, `${email} in ${tenant}`).toBeDefined();
  return mayWeSend(centre.deps, { tenant: config(tenant), subjectId: subjectId!, channel: 'email', topic });
}

const items = async () => centre.scanAll();
const suppressionAudits = async () => (await items()).filter((i) => i.type === 'audit' && i.action === 'marketing.suppressed');
const countSuppressions = async () => (await items()).filter((i) => i.type === 'suppression').length;

describe('bounce and complaint feedback', () => {
  it('a hard bounce stops marketing to that address for the tenant that sent it, and only that tenant', async () => {
    // At IT-MK Alex is a job applicant: no soft opt-in, so they opted in themselves.
    const alexAtItMk = (await centre.deps.subjects.findIdByEmail('it-mk', 'alex.morgan@example.com')) as string;
    const changes = [{ channel: 'email', topic: 'security-bulletins', granted: true }];
    await setPreferences(centre.deps, { tenant: config('it-mk'), subjectId: alexAtItMk, changes, source: 'portal' });
    expect(await verdict('it-mk', 'alex.morgan@example.com', 'security-bulletins')).toEqual({ allowed: true });
    // At The One Point Alex is an enquirer, whom its policy gives the soft opt-in.
    expect(await verdict('the-one-point', 'alex.morgan@example.com', 'offers')).toEqual({ allowed: true });
    const auditsBefore = (await suppressionAudits()).length;

    const summary = await handle(snsEvent(bounce('it-mk', 'Alex.Morgan@example.com', 'Permanent')));

    expect(summary).toEqual({ suppressed: 1, already: 0, ignored: 0, skipped: 0 });
    expect(await verdict('it-mk', 'alex.morgan@example.com', 'security-bulletins')).toEqual({
      allowed: false,
      reason: 'suppressed',
    });
    expect(await verdict('the-one-point', 'alex.morgan@example.com', 'offers')).toEqual({ allowed: true });
    const audits = await suppressionAudits();
    expect(audits).toHaveLength(auditsBefore + 1);
    const event = audits.find((a) => (a.detail as Record<string, string>)?.reason === 'hard bounce');
    expect(event).toMatchObject({
      tenant: 'it-mk',
      actor: { type: 'system' },
      subjectId: await centre.deps.subjects.findIdByEmail('it-mk', 'alex.morgan@example.com'),
      detail: { reason: 'hard bounce', source: 'ses', bounceSubType: 'General' },
      personal: { email: 'alex.morgan@example.com' },
    });
    const { personal: _personal, ...rest } = event!;
    expect(JSON.stringify(rest)).not.toMatch(/alex\.morgan/i);
  });

  it('the same event delivered twice changes nothing the second time and does not fail', async () => {
    // An address that is no subject's (a former customer, say): suppressed all the same.
    const event = snsEvent(bounce('northgate-it', 'former.customer@example.net', 'Permanent'));
    expect(await handle(event)).toMatchObject({ suppressed: 1 });
    expect(await suppressionAudits()).toContainEqual(
      expect.objectContaining({ tenant: 'northgate-it', personal: { email: 'former.customer@example.net' } }),
    );
    const audits = (await suppressionAudits()).length;
    const suppressions = await countSuppressions();

    expect(await handle(event)).toEqual({ suppressed: 0, already: 1, ignored: 0, skipped: 0 });
    expect((await suppressionAudits()).length).toBe(audits);
    expect(await countSuppressions()).toBe(suppressions);
  });

  it('a complaint stops marketing to the complainant', async () => {
    expect(await verdict('instant-on-it', 'hannah.brooks@example.co.uk', 'offers')).toEqual({ allowed: true });

    await handle(snsEvent(complaint('instant-on-it', 'hannah.brooks@example.co.uk')));

    expect(await verdict('instant-on-it', 'hannah.brooks@example.co.uk', 'offers')).toEqual({
      allowed: false,
      reason: 'suppressed',
    });
    expect(await suppressionAudits()).toContainEqual(
      expect.objectContaining({
        tenant: 'instant-on-it',
        detail: expect.objectContaining({ reason: 'complaint', feedbackType: 'abuse' }),
        personal: { email: 'hannah.brooks@example.co.uk' },
      }),
    );
  });

  it('a soft (transient or undetermined) bounce changes nothing', async () => {
    const before = await countSuppressions();

    const summaries = [
      await handle(snsEvent(bounce('the-one-point', 'sophie.turner@example.co.uk', 'Transient'))),
      await handle(snsEvent(bounce('the-one-point', 'sophie.turner@example.co.uk', 'Undetermined'))),
    ];

    expect(summaries.map((s) => s.ignored)).toEqual([1, 1]);
    expect(await countSuppressions()).toBe(before);
    expect(await verdict('the-one-point', 'sophie.turner@example.co.uk', 'offers')).toEqual({ allowed: true });
  });

  it('skips, without failing, an event with no tenant tag, an unknown tenant, or a message that is not an SES event', async () => {
    const before = (await items()).length;

    const summaries = [
      await handle(snsEvent(bounce(undefined, 'daniel.okafor@example.co.uk', 'Permanent'))),
      await handle(snsEvent(bounce('no-such-tenant', 'daniel.okafor@example.co.uk', 'Permanent'))),
      await handle(snsEvent(undefined, 'not json')),
    ];

    expect(summaries.map((s) => s.skipped)).toEqual([1, 1, 1]);
    expect((await items()).length).toBe(before);
    expect(await verdict('the-one-point', 'daniel.okafor@example.co.uk', 'offers')).toEqual({ allowed: true });
  });
});
