import { describe, expect, it } from 'vitest';
import { decideFeedback } from './feedback.ts';

const tenants = new Set(['it-mk', 'northgate-it']);
const isTenant = (slug: string) => tenants.has(slug);

/** The mail object of an SES event record, as SES publishes it through a configuration set. */
const mail = (tags: Record<string, string[]> | undefined = { tenant: ['it-mk'], outbox: ['o-1'], template: ['marketing'] }) => ({
  timestamp: '2026-11-22T08:40:02.012Z',
  source: 'Privacy Centre <privacy@centre.example.org>',
  sourceArn: 'arn:aws:ses:eu-west-2:123456789012:identity/centre.example.org',
  sendingAccountId: '123456789012',
  messageId: 'EXAMPLE7c191be45-e9aedb9a-000000',
  destination: ['recipient@example.com'],
  headersTruncated: false,
  ...(tags ? { tags: { 'ses:configuration-set': ['privacy-centre'], ...tags } } : {}),
});

const bounce = (bounceType: string, addresses = ['Recipient@Example.com'], tags?: Record<string, string[]>) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: addresses.map((emailAddress) => ({
      emailAddress,
      action: 'failed',
      status: '5.1.1',
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    })),
    timestamp: '2026-11-22T08:41:02.669Z',
    feedbackId: '01000157c44f053b-61b59c11-000000',
    reportingMTA: 'dsn; mta.example.com',
  },
  mail: mail(tags),
});

const complaint = (addresses = ['recipient@example.com']) => ({
  eventType: 'Complaint',
  complaint: {
    complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })),
    timestamp: '2026-11-22T08:45:00.000Z',
    feedbackId: '01000157c44f053b-61b59c11-000001',
    userAgent: 'Mozilla/5.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-11-22T08:44:00.000Z',
  },
  mail: mail(),
});

describe('decideFeedback', () => {
  it('suppresses every recipient of a permanent bounce for the tenant the message was tagged with', () => {
    const decision = decideFeedback(bounce('Permanent', ['Recipient@Example.com', 'other@example.com']), isTenant);
    expect(decision).toEqual({
      action: 'suppress',
      tenant: 'it-mk',
      reason: 'hard bounce',
      addresses: ['recipient@example.com', 'other@example.com'],
      detail: { source: 'ses', bounceSubType: 'General', messageId: 'EXAMPLE7c191be45-e9aedb9a-000000' },
    });
  });

  it('suppresses the complainant of a complaint', () => {
    const decision = decideFeedback(complaint(), isTenant);
    expect(decision).toMatchObject({
      action: 'suppress',
      tenant: 'it-mk',
      reason: 'complaint',
      addresses: ['recipient@example.com'],
    });
    if (decision.action === 'suppress') expect(decision.detail.feedbackType).toBe('abuse');
  });

  it('keeps no address in the facts meant for the audit event', () => {
    const decision = decideFeedback(bounce('Permanent'), isTenant);
    expect(JSON.stringify(decision.action === 'suppress' && decision.detail)).not.toMatch(/@/);
  });

  it('does nothing on a transient or undetermined bounce', () => {
    expect(decideFeedback(bounce('Transient'), isTenant)).toEqual({ action: 'ignore', why: 'Transient bounce' });
    expect(decideFeedback(bounce('Undetermined'), isTenant)).toEqual({ action: 'ignore', why: 'Undetermined bounce' });
  });

  it('ignores event types other than bounces and complaints', () => {
    expect(decideFeedback({ eventType: 'Delivery', mail: mail(), delivery: {} }, isTenant)).toMatchObject({ action: 'ignore' });
  });

  it('skips an event whose tenant tag is missing or names no tenant we serve', () => {
    expect(decideFeedback(bounce('Permanent', undefined, {}), isTenant)).toEqual({ action: 'skip', why: 'no-tenant' });
    expect(decideFeedback(bounce('Permanent', undefined, { tenant: ['elsewhere'] }), isTenant)).toEqual({
      action: 'skip',
      why: 'unknown-tenant',
      tenant: 'elsewhere',
    });
  });

  it('skips what is not an SES event record', () => {
    expect(decideFeedback('not json', isTenant)).toEqual({ action: 'skip', why: 'malformed' });
    expect(decideFeedback({ eventType: 'Bounce', mail: mail() }, isTenant)).toEqual({ action: 'skip', why: 'malformed' });
    expect(decideFeedback({ notificationType: 'Bounce', mail: mail() }, isTenant)).toEqual({ action: 'skip', why: 'malformed' });
  });
});
