import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { TenantConfigInput } from '../policy/schema.ts';
import { defaultGranted, marketingIntro, softOptInAs } from './defaults.ts';

/** A legitimate-interests tenant offering every channel; "offers" are its similar products, "news" are not. */
const li = (marketing: Partial<NonNullable<TenantConfigInput['marketing']>> = {}) =>
  testTenant({
    marketing: {
      channels: ['email', 'sms', 'phone', 'post'],
      topics: [
        { id: 'news', name: 'News', description: 'What is new.' },
        { id: 'offers', name: 'Offers', description: 'Deals.', similarProducts: true },
      ],
      lawfulBasis: 'legitimate-interests',
      wording: 'Choose.',
      ...marketing,
    },
  });

describe('the marketing default (PECR reg. 21 and 22)', () => {
  it.each([
    // kind, channel, topic, default
    ['customer', 'email', 'offers', true],
    ['customer', 'sms', 'offers', true],
    ['customer', 'email', 'news', false], // not the organisation's own similar products
    ['customer', 'phone', 'offers', false], // no TPS screening recorded
    ['customer', 'post', 'offers', false], // the soft opt-in is for electronic mail only
    ['prospect', 'email', 'offers', false], // enquirers only where the tenant says so
    ['end-user', 'email', 'offers', false],
    ['applicant', 'email', 'offers', false],
    ['other', 'email', 'offers', false],
    [undefined, 'email', 'offers', false], // nobody said who they are
  ] as const)('%s by %s about %s: %s', (kind, channel, topic, expected) => {
    expect(defaultGranted(li(), kind, channel, topic)).toBe(expected);
  });

  it('reaches enquirers in negotiation for a sale only where the tenant declares it', () => {
    expect(defaultGranted(li({ softOptInProspects: true }), 'prospect', 'email', 'offers')).toBe(true);
    expect(softOptInAs(li({ softOptInProspects: true }), 'prospect')).toBe('prospect');
    expect(defaultGranted(li({ softOptInProspects: true }), 'applicant', 'email', 'offers')).toBe(false);
  });

  it('calls a customer by phone by default only where the tenant records its TPS screening', () => {
    const screened = li({ tpsScreening: 'Every number against the TPS and CTPS within 28 days of a call.' });
    expect(defaultGranted(screened, 'customer', 'phone', 'offers')).toBe(true);
    expect(defaultGranted(screened, 'applicant', 'phone', 'offers')).toBe(false);
    expect(defaultGranted(screened, 'customer', 'post', 'offers')).toBe(false);
  });

  it('is off for everyone under consent', () => {
    const consent = li({ lawfulBasis: 'consent' });
    for (const kind of ['customer', 'prospect', 'applicant'] as const) {
      expect(defaultGranted(consent, kind, 'email', 'offers')).toBe(false);
      expect(softOptInAs(consent, kind)).toBeNull();
    }
  });
});

describe('marketingIntro', () => {
  it('says "As an existing customer" only to a customer, and names only the channels the default covers', () => {
    expect(marketingIntro(li(), 'customer')).toMatch(
      /^As an existing customer, we may contact you by email or text message about/,
    );
    expect(marketingIntro(li({ softOptInProspects: true }), 'prospect')).toMatch(/^Because you asked us about our services/);
    for (const kind of ['applicant', 'end-user', 'other', undefined] as const) {
      expect(marketingIntro(li(), kind)).toMatch(/^We only send you what you have switched on below/);
    }
    expect(marketingIntro(li({ lawfulBasis: 'consent' }), 'customer')).toMatch(/^We only send you/);
  });
});
