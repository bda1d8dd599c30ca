import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { describeConsentEvent } from './history.ts';

const config = { marketing: { topics: [{ id: 'offers', name: 'Offers' }] } } as unknown as TenantConfig;
const event = (e: Partial<ConsentEvent>) =>
  ({ id: 'e1', at: '2026-12-05T10:00:00.000Z', wording: 'w', source: 'portal', ...e }) as ConsentEvent;

describe('a consent event in plain words', () => {
  it('says what changed, how, and after "stop all" that the person may still choose to hear from us again', () => {
    expect(describeConsentEvent(config, event({ channel: 'email', topic: 'offers', granted: false }))).toBe(
      'You turned off Offers by email, on this page.',
    );
    // Not "never again": the same page offers switching marketing back on, and "Marketing was allowed again" follows if they do.
    expect(describeConsentEvent(config, event({ channel: '*', topic: '*', granted: false }))).toBe(
      'You stopped all marketing on this page. We will not contact you for marketing unless you choose to hear from us again.',
    );
    expect(describeConsentEvent(config, event({ channel: '*', topic: '*', granted: true, source: 'staff' }))).toBe(
      'Marketing was allowed again by our staff on your behalf.',
    );
  });
});
