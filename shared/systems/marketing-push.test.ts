import { describe, expect, it } from 'vitest';
import type { SystemDeclaration } from './declaration.ts';
import { mailchimpWithList, psa } from './fixtures.ts';
import { MARKETING_RUN_PREFIX, marketingPush, marketingSystems, scopeOfEvents } from './marketing-push.ts';

const mailchimp = mailchimpWithList;
const noSuppress: SystemDeclaration = { ...mailchimp, id: 'mc-read-only', may: ['find', 'read'] };
const tenant = { slug: 'acme', systems: [psa, mailchimp, noSuppress] };
const now = '2026-03-10T12:00:00.000Z';

describe('telling the marketing systems of an opt-out', () => {
  it('reaches only systems the centre may unsubscribe people in by itself', () => {
    expect(marketingSystems(tenant).map((s) => s.id)).toEqual(['mailchimp']);
    expect(marketingSystems({ systems: undefined })).toEqual([]);
  });

  it('scopes stop all to every list, and topics turned off by email to their lists; an opt-in or another channel asks nothing', () => {
    expect(scopeOfEvents([{ channel: '*', topic: '*', granted: false }])).toEqual({ everywhere: true });
    expect(
      scopeOfEvents([
        { channel: 'email', topic: 'newsletters', granted: false },
        { channel: 'email', topic: 'offers', granted: false },
        { channel: 'sms', topic: 'research', granted: false },
        { channel: 'email', topic: 'research', granted: true },
      ]),
    ).toEqual({ everywhere: false, topics: ['newsletters', 'offers'] });
    expect(scopeOfEvents([{ channel: 'email', topic: 'offers', granted: true }])).toBeUndefined();
    expect(scopeOfEvents([{ channel: 'sms', topic: 'offers', granted: false }])).toBeUndefined();
  });

  it('asks for a new run of its own (never conflicting with one in progress), every system pending', () => {
    const push = marketingPush({ tenant, subjectId: 's1', scope: { everywhere: true }, now, by: 's1' });
    expect(push?.expectedVersion).toBe(0);
    expect(push?.run).toMatchObject({
      tenant: 'acme',
      subjectId: 's1',
      operation: 'suppress',
      suppress: { everywhere: true },
      version: 1,
      results: [{ step: { systemId: 'mailchimp', operation: 'suppress', automatic: true }, outcome: { state: 'pending' } }],
    });
    expect(push?.run.requestId.startsWith(MARKETING_RUN_PREFIX)).toBe(true);
    const again = marketingPush({ tenant, subjectId: 's1', scope: { everywhere: true }, now, by: 's1' });
    expect(again?.run.requestId).not.toBe(push?.run.requestId);
  });

  it('asks nothing when no list carries the topics, or there is nothing to tell', () => {
    expect(
      marketingPush({ tenant, subjectId: 's1', scope: { everywhere: false, topics: ['offers'] }, now, by: 's1' }),
    ).toBeUndefined();
    expect(marketingPush({ tenant, subjectId: 's1', scope: undefined, now, by: 's1' })).toBeUndefined();
    expect(
      marketingPush({ tenant, subjectId: 's1', scope: { everywhere: false, topics: ['newsletters'] }, now, by: 's1' })?.run
        .results,
    ).toHaveLength(1);
  });
});
