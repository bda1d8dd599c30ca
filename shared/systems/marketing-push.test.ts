import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { SystemDeclaration } from './declaration.ts';
import { mailchimpWithList, psa, recategorised } from './fixtures.ts';
import { MARKETING_RUN_PREFIX, marketingPush, scopeOfEvents } from './marketing-push.ts';
import { marketingSystems, planMarketingPush } from './marketing-systems.ts';

// The unit-test tenant's topic "news" in place of the fixture's "newsletters".
const mailchimp: SystemDeclaration = { ...mailchimpWithList, lists: [{ id: 'news', name: 'Newsletter', topic: 'news' }] };
const { lists: _, ...withoutLists } = mailchimp;
const noSuppress: SystemDeclaration = { ...withoutLists, id: 'mc-read-only', may: ['find', 'read'] };
const tenant = testTenant({ systems: [recategorised(psa, { 'support-tickets': 'tickets' }), mailchimp, noSuppress] });
const now = '2026-03-10T12:00:00.000Z';

describe('telling the marketing systems of an opt-out', () => {
  it('reaches only systems the centre may unsubscribe people in by itself', () => {
    expect(marketingSystems(tenant).map((s) => s.id)).toEqual(['mailchimp']);
    expect(marketingSystems({ ...tenant, systems: undefined })).toEqual([]);
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

  it('asks for a new run of its own (never conflicting with one in progress), its steps left to the worker', () => {
    const push = marketingPush({ tenant, subjectId: 's1', scope: { everywhere: true }, now, by: 's1' });
    expect(push?.expectedVersion).toBe(0);
    expect(push?.run).toMatchObject({
      tenant: 'acme',
      subjectId: 's1',
      operation: 'suppress',
      plan: 'marketing',
      suppress: { everywhere: true },
      version: 1,
      results: [],
    });
    expect(push?.run.requestId.startsWith(MARKETING_RUN_PREFIX)).toBe(true);
    const again = marketingPush({ tenant, subjectId: 's1', scope: { everywhere: true }, now, by: 's1' });
    expect(again?.run.requestId).not.toBe(push?.run.requestId);
  });

  it('asks nothing when there is nothing to tell, or no declared system could be told', () => {
    const ask = (over: Partial<Parameters<typeof marketingPush>[0]>) =>
      marketingPush({ tenant, subjectId: 's1', scope: { everywhere: true }, now, by: 's1', ...over });
    expect(ask({ scope: undefined })).toBeUndefined();
    expect(ask({ tenant: { ...tenant, systems: [] } })).toBeUndefined();
    // Systems, but none the centre may unsubscribe people in: nothing to tell.
    expect(ask({ tenant: { ...tenant, systems: [recategorised(psa, { 'support-tickets': 'tickets' })] } })).toBeUndefined();
    // A topic no list carries.
    expect(ask({ scope: { everywhere: false, topics: ['offers'] } })).toBeUndefined();
    expect(ask({ scope: { everywhere: false, topics: ['news'] } })).toBeDefined();
  });

  it('the worker plans one pending step per marketing system the scope reaches, none when no list carries its topics', () => {
    const asked = (scope: Parameters<typeof marketingPush>[0]['scope']) =>
      marketingPush({ tenant, subjectId: 's1', scope, now, by: 's1' })?.run;
    const everywhere = planMarketingPush(tenant, asked({ everywhere: true })!);
    expect(everywhere.plan).toBeUndefined();
    expect(everywhere.results).toEqual([
      {
        step: { systemId: 'mailchimp', systemName: 'Mailchimp', operation: 'suppress', identity: 'email', automatic: true },
        outcome: { state: 'pending' },
      },
    ]);
    expect(planMarketingPush(tenant, asked({ everywhere: false, topics: ['news'] })!).results).toHaveLength(1);
    // Planned from the checked declarations: a scope no list carries reaches nothing.
    const offers = { ...asked({ everywhere: true })!, suppress: { everywhere: false, topics: ['offers'] } };
    expect(planMarketingPush(tenant, offers).results).toEqual([]);
  });
});
