import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvent, mayWeSend, stopAllMarketing, suppressionHashes } from '../../shared/marketing/preferences.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { MarketingResponse, MyDataResponse } from '../../shared/portal-api.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';

let centre: TestCentre;
beforeAll(async () => {
  centre = await startTestCentre();
});
afterAll(() => centre.stop());

type Http = Awaited<ReturnType<typeof signedIn>>;
const prefs = async (http: Http, tenant: string): Promise<MarketingResponse> =>
  (await http.get(`/api/t/${tenant}/me/marketing`)).json();
const cell = (m: MarketingResponse, channel: string, topic: string) =>
  m.cells.find((c) => c.channel === channel && c.topic === topic);
const config = (slug: string) => centre.deps.tenants.get(slug) as TenantConfig;
const subjectId = async (http: Http, tenant: string) =>
  ((await (await http.get(`/api/t/${tenant}/me`)).json()) as MyDataResponse).subject.id;
const consentItems = async () => (await centre.scanAll()).filter((i) => i.type === 'consent');

describe('marketing preferences', () => {
  it('defaults to off under consent, and under legitimate interests to the soft opt-in only for a customer’s similar products', async () => {
    const underConsent = await prefs(await signedIn(centre, 'inflection-point', 'tom.fletcher@example.com'), 'inflection-point');
    expect(underConsent.lawfulBasis).toBe('consent');
    expect(underConsent.cells.every((c) => !c.granted && c.since === null)).toBe(true);
    const customer = await prefs(await signedIn(centre, 'the-one-point', 'daniel.okafor@example.co.uk'), 'the-one-point');
    expect(customer.lawfulBasis).toBe('legitimate-interests');
    expect(customer.intro).toMatch(/^As an existing customer/);
    expect(customer.cells.filter((c) => c.granted).map((c) => `${c.channel} ${c.topic}`)).toEqual(['email offers']);
    // A client's staff member: nothing by default, and no "As an existing customer".
    const endUser = await prefs(await signedIn(centre, 'the-one-point', 'emma.clarke@example.com'), 'the-one-point');
    expect(endUser.cells.every((c) => !c.granted)).toBe(true);
    expect(endUser.intro).not.toMatch(/customer/);
  });

  it('records each change as a consent event with wording, policy version, basis and source', async () => {
    const http = await signedIn(centre, 'inflection-point', 'tom.fletcher@example.com');
    const before = (await consentItems()).length;
    const res = await http.put('/api/t/inflection-point/me/marketing', {
      changes: [
        { channel: 'email', topic: 'newsletters', granted: true },
        { channel: 'sms', topic: 'offers', granted: true },
        { channel: 'phone', topic: 'research', granted: false }, // already off by default: still an explicit choice
      ],
    });
    expect(res.status).toBe(200);
    const state: MarketingResponse = await res.json();
    expect(cell(state, 'email', 'newsletters')?.granted).toBe(true);
    expect(cell(state, 'sms', 'offers')?.granted).toBe(true);
    expect((await consentItems()).length - before).toBe(3);
    const tom = await subjectId(http, 'inflection-point');
    const tomsEvents = (await consentItems()).filter((e) => e.subjectId === tom);
    expect(tomsEvents).toContainEqual(
      expect.objectContaining({
        channel: 'email',
        topic: 'newsletters',
        granted: true,
        wording: config('inflection-point').marketing.wording,
        policyVersion: config('inflection-point').policyVersion,
        lawfulBasis: 'consent',
        source: 'portal',
      }),
    );
    expect(state.history[0]?.text).toMatch(/You turned (on|off) .+ on this page\./);
  });

  it('shows the consent ledger itself as the data held under "marketing preferences"', async () => {
    const http = await signedIn(centre, 'inflection-point', 'tom.fletcher@example.com');
    const me: MyDataResponse = await (await http.get('/api/t/inflection-point/me')).json();
    const held = me.categories.find((c) => c.id === 'marketing-preferences')?.records ?? [];
    const ledger = (await consentItems()).filter((e) => e.subjectId === me.subject.id);
    expect(held).toHaveLength(ledger.length);
    expect(held.map((r) => r.data.method)).toContain('You turned on Newsletters by email, on this page.');
  });

  it('shows each change with the wording of its time, from the ledger, also after the wording changed', async () => {
    const http = await signedIn(centre, 'it-mk', 'rachel.hughes@example.co.uk');
    const tenant = config('it-mk');
    const id = await subjectId(http, 'it-mk');
    // A choice made a year ago, under wording the policy no longer uses.
    const then = new Date(Date.now() - 365 * 86400_000).toISOString();
    const older = { ...tenant, marketing: { ...tenant.marketing, wording: 'Older words: tick to hear about IT-MK events.' } };
    await centre.deps.consents.append(
      'it-mk',
      id,
      [consentEvent(older, then, { channel: 'email', topic: tenant.marketing.topics[0]?.id as string, granted: true }, 'portal')],
      { audit: [] },
    );
    const topic = tenant.marketing.topics[0]?.id as string;
    const state: MarketingResponse = await (
      await http.put('/api/t/it-mk/me/marketing', { changes: [{ channel: 'email', topic, granted: false }] })
    ).json();
    const old = state.history.find((h) => h.at === then);
    expect(old?.wording).toBe('Older words: tick to hear about IT-MK events.');
    expect(state.history[0]?.wording).toBe(tenant.marketing.wording);
    // The same wording on each record of the "contact preferences" category.
    const me: MyDataResponse = await (await http.get('/api/t/it-mk/me')).json();
    const held = me.categories.find((c) => c.id === 'marketing-preferences');
    expect(held?.fields.map((f) => f.id)).toContain('wording');
    expect(held?.records.map((r) => r.data.wording)).toEqual(
      expect.arrayContaining(['Older words: tick to hear about IT-MK events.', tenant.marketing.wording]),
    );
  });

  it('writes nothing when nothing changes, and refuses what the tenant does not offer', async () => {
    const http = await signedIn(centre, 'inflection-point', 'tom.fletcher@example.com');
    const before = (await consentItems()).length;
    await http.put('/api/t/inflection-point/me/marketing', {
      changes: [{ channel: 'email', topic: 'newsletters', granted: true }],
    });
    expect((await consentItems()).length).toBe(before);
    const post = await http.put('/api/t/inflection-point/me/marketing', {
      changes: [{ channel: 'post', topic: 'newsletters', granted: true }],
    });
    expect(post.status).toBe(400);
    const topic = await http.put('/api/t/inflection-point/me/marketing', {
      changes: [{ channel: 'email', topic: 'cat-pictures', granted: true }],
    });
    expect(topic.status).toBe(400);
    expect((await consentItems()).length).toBe(before);
  });

  it('keeps the ledger append-only: earlier events are never changed or removed', async () => {
    const http = await signedIn(centre, 'northgate-it', 'callum.reid@example.com');
    const snapshot = await consentItems();
    for (const granted of [true, false, true]) {
      await http.put('/api/t/northgate-it/me/marketing', { changes: [{ channel: 'email', topic: 'offers', granted }] });
    }
    await http.post('/api/t/northgate-it/me/marketing/stop-all');
    const after = await consentItems();
    for (const item of snapshot) expect(after).toContainEqual(item);
    expect(after.length).toBe(snapshot.length + 4);
  });

  it('stops all marketing absolutely: every cell off, the address suppressed as a keyed hash, mayWeSend says no', async () => {
    const http = await signedIn(centre, 'the-one-point', 'daniel.okafor@example.co.uk');
    const id = await subjectId(http, 'the-one-point');
    expect(
      await mayWeSend(centre.deps, { tenant: config('the-one-point'), subjectId: id, channel: 'email', topic: 'offers' }),
    ).toEqual({ allowed: true });
    const res = await http.post('/api/t/the-one-point/me/marketing/stop-all');
    expect(res.status).toBe(200);
    const state: MarketingResponse = await res.json();
    expect(state.stoppedAllAt).not.toBeNull();
    expect(state.cells.every((c) => !c.granted)).toBe(true);
    expect(state.history[0]?.text).toMatch(/stopped all marketing/);
    const suppression = (await centre.scanAll()).filter((i) => i.type === 'suppression');
    expect(suppression.length).toBeGreaterThan(0);
    expect(JSON.stringify(suppression)).not.toMatch(/daniel|okafor|@/i);
    for (const topic of config('the-one-point').marketing.topics) {
      expect(
        await mayWeSend(centre.deps, { tenant: config('the-one-point'), subjectId: id, channel: 'email', topic: topic.id }),
      ).toEqual({
        allowed: false,
        reason: 'suppressed',
      });
    }
  });

  it('lifts the suppression only when the subject opts in again themselves', async () => {
    const http = await signedIn(centre, 'the-one-point', 'daniel.okafor@example.co.uk');
    const id = await subjectId(http, 'the-one-point');
    await http.put('/api/t/the-one-point/me/marketing', { changes: [{ channel: 'email', topic: 'events', granted: true }] });
    const tenant = config('the-one-point');
    expect(await mayWeSend(centre.deps, { tenant, subjectId: id, channel: 'email', topic: 'events' })).toEqual({ allowed: true });
    expect(await mayWeSend(centre.deps, { tenant, subjectId: id, channel: 'email', topic: 'offers' })).toEqual({
      allowed: false,
      reason: 'no-consent',
    });
    const state = await prefs(http, 'the-one-point');
    expect(state.stoppedAllAt).toBeNull();
  });

  it('seeds the demo history: alex at instant-on-it stopped all marketing and is suppressed', async () => {
    const http = await signedIn(centre, 'instant-on-it', 'alex.morgan@example.com');
    const state = await prefs(http, 'instant-on-it');
    expect(state.stoppedAllAt).not.toBeNull();
    expect(state.history.map((h) => h.source)).toEqual(['portal', 'import']);
    const id = await subjectId(http, 'instant-on-it');
    expect(
      await mayWeSend(centre.deps, { tenant: config('instant-on-it'), subjectId: id, channel: 'email', topic: 'offers' }),
    ).toEqual({
      allowed: false,
      reason: 'suppressed',
    });
  });

  it('answers mayWeSend for channels and topics the tenant does not offer', async () => {
    const http = await signedIn(centre, 'northgate-it', 'alex.morgan@example.com');
    const id = await subjectId(http, 'northgate-it');
    const tenant = config('northgate-it');
    expect(await mayWeSend(centre.deps, { tenant, subjectId: id, channel: 'sms', topic: 'offers' })).toEqual({
      allowed: false,
      reason: 'not-offered',
    });
    expect(await mayWeSend(centre.deps, { tenant, subjectId: 'someone-else', channel: 'email', topic: 'offers' })).toEqual({
      allowed: false,
      reason: 'unknown-subject',
    });
  });
});

describe('review fixes', () => {
  it('refuses a choice made on a page that showed an older wording, saving nothing, and records the wording that was shown', async () => {
    const http = await signedIn(centre, 'inflection-point', 'tom.fletcher@example.com');
    const tom = await subjectId(http, 'inflection-point');
    const before = await consentItems();
    const changes = [{ channel: 'phone', topic: 'offers', granted: true }];
    const stale = await http.put('/api/t/inflection-point/me/marketing', {
      changes,
      wording: 'We may send you news. (An older wording.)',
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).message).toMatch(/wording changed after this page was opened, so nothing was saved/);
    expect(await consentItems()).toEqual(before);
    expect(cell(await prefs(http, 'inflection-point'), 'phone', 'offers')?.granted).toBe(false);
    // The page's own wording: saved, and recorded as what was shown.
    const { wording } = config('inflection-point').marketing;
    expect((await http.put('/api/t/inflection-point/me/marketing', { changes, wording })).status).toBe(200);
    const fresh = (await consentItems()).filter((e) => e.subjectId === tom && !before.some((b) => b.id === e.id));
    expect(fresh).toEqual([expect.objectContaining({ channel: 'phone', topic: 'offers', granted: true, wording })]);
  });

  it('refuses the same channel and topic twice in one change, writing nothing', async () => {
    const http = await signedIn(centre, 'inflection-point', 'tom.fletcher@example.com');
    const before = (await consentItems()).length;
    const change = { channel: 'email', topic: 'research', granted: true };
    const res = await http.put('/api/t/inflection-point/me/marketing', { changes: [change, change] });
    expect(res.status).toBe(400);
    expect((await consentItems()).length).toBe(before);
  });

  it('keeps a phone number suppressed even when the email address is no longer on the list', async () => {
    const tenant = config('inflection-point');
    const id = (await centre.deps.subjects.findIdByEmail('inflection-point', 'priya.shah@example.co.uk')) as string;
    await stopAllMarketing(centre.deps, { tenant, subjectId: id, source: 'staff', actorId: 'dpo' });
    const subject = await centre.deps.subjects.get('inflection-point', id);
    const [emailHash] = suppressionHashes(centre.deps.settings.hashKeys, 'inflection-point', subject?.email ?? '');
    await centre.deps.suppressions.remove('inflection-point', [emailHash as string], { audit: [] });
    await centre.deps.consents.append(
      'inflection-point',
      id,
      [consentEvent(tenant, new Date().toISOString(), { channel: 'phone', topic: 'offers', granted: true }, 'import')],
      { audit: [] },
    );
    expect(await mayWeSend(centre.deps, { tenant, subjectId: id, channel: 'phone', topic: 'offers' })).toEqual({
      allowed: false,
      reason: 'suppressed',
    });
  });

  it('finishes an objection to direct marketing on retry when stopping marketing failed the first time', async () => {
    const tenant = 'the-one-point';
    const http = await signedIn(centre, tenant, 'sophie.turner@example.co.uk');
    const consents = centre.deps.consents;
    const append = consents.append;
    let failures = 1;
    consents.append = async (...args) => {
      if (failures-- > 0) throw new Error('injected: the ledger write failed');
      return append.apply(consents, args);
    };
    const body = { idempotencyKey: randomUUID(), request: { kind: 'objection', processing: 'direct-marketing' } };
    try {
      expect((await http.post(`/api/t/${tenant}/me/requests`, body)).status).toBe(500);
      const retry = await http.post(`/api/t/${tenant}/me/requests`, body);
      expect(retry.status).toBe(200);
      expect((await retry.json()).status).toBe('completed');
    } finally {
      consents.append = append;
    }
    const state = await prefs(http, tenant);
    expect(state.stoppedAllAt).not.toBeNull();
  });
});
