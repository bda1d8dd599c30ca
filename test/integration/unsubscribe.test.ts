import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayWeSend, stopAllMarketing } from '../../shared/marketing/preferences.ts';
import { sendSampleMarketing } from '../../shared/marketing/send-sample.ts';
import { sealUnsubscribeToken } from '../../shared/marketing/unsubscribe-token.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { MarketingResponse } from '../../shared/portal-api.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { listEmails, type StoredEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';

const slug = 'inflection-point';
let centre: TestCentre;
let tenant: TenantConfig;
let sent: StoredEmail[];

beforeAll(async () => {
  centre = await startTestCentre();
  tenant = centre.deps.tenants.get(slug) as TenantConfig;
  await sendSampleMarketing(centre.deps, { tenant, topic: 'newsletters' });
  await centre.drainOutbox();
  sent = (await listEmails(centre.sesEndpoint)).filter((e) =>
    (e.body.text ?? '').includes(`${centre.base}/api/t/${slug}/unsubscribe/`),
  );
});
afterAll(() => centre.stop());

const header = (email: StoredEmail | undefined, name: string) => email?.headers?.find((h) => h.name === name)?.value;
const unsubscribeUrl = (email: StoredEmail | undefined) => header(email, 'List-Unsubscribe')?.slice(1, -1) ?? '';
const path = (url: string) => url.slice(centre.base.length);
const oneClick = (url: string, body = 'List-Unsubscribe=One-Click') =>
  centre.app.request(path(url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

describe('sample marketing and one-click unsubscribe (RFC 8058)', () => {
  it('sends only to subjects who may receive it now, with the List-Unsubscribe headers', async () => {
    const ids = await centre.deps.subjects.listIds(slug);
    const allowed = [];
    for (const subjectId of ids) {
      if ((await mayWeSend(centre.deps, { tenant, subjectId, channel: 'email', topic: 'newsletters' })).allowed)
        allowed.push(subjectId);
    }
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.length).toBeLessThan(ids.length);
    expect(sent).toHaveLength(allowed.length);
    for (const email of sent) {
      expect(header(email, 'List-Unsubscribe')).toMatch(
        new RegExp(`^<${centre.base}/api/t/${slug}/unsubscribe/[A-Za-z0-9_-]+>$`),
      );
      expect(header(email, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }
  });

  it('shows a page with a button on GET, and changes nothing', async () => {
    const url = unsubscribeUrl(sent[0]);
    const before = await centre.settledCount();
    const res = await centre.app.request(path(url));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Unsubscribe from Newsletters');
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
    expect((await centre.scanAll()).length).toBe(before);
  });

  it('unsubscribes on POST List-Unsubscribe=One-Click without cookies, 200 and no redirect', async () => {
    const alex = sent.find((e) => e.destination.to.includes('alex.morgan@example.com'));
    expect(alex).toBeDefined();
    const res = await oneClick(unsubscribeUrl(alex));
    expect(res.status).toBe(200);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('You are unsubscribed');
    const http = await signedIn(centre, slug, 'alex.morgan@example.com');
    const state: MarketingResponse = await (await http.get(`/api/t/${slug}/me/marketing`)).json();
    expect(state.cells.find((c) => c.channel === 'email' && c.topic === 'newsletters')?.granted).toBe(false);
    expect(state.history[0]).toMatchObject({ granted: false, source: 'unsubscribe-link' });
    expect(state.history[0]?.text).toMatch(/unsubscribe link/);
    // once more: still fine, nothing new
    const again = await oneClick(unsubscribeUrl(alex));
    expect(again.status).toBe(200);
  });

  it('says a used link has done its work, offers no button again, and changes nothing', async () => {
    const alex = sent.find((e) => e.destination.to.includes('alex.morgan@example.com'));
    const before = await centre.settledCount();
    const res = await centre.app.request(path(unsubscribeUrl(alex)));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('You are already unsubscribed from Newsletters');
    expect(html).not.toMatch(/<form|<button/);
    expect((await centre.scanAll()).length).toBe(before);
    // Someone else's link, not used yet, still offers the button.
    const other = sent.find((e) => !e.destination.to.includes('alex.morgan@example.com'));
    expect(await (await centre.app.request(path(unsubscribeUrl(other)))).text()).toMatch(
      /<button type="submit">Unsubscribe<\/button>/,
    );
  });

  it('refuses a tampered or made-up token and changes nothing', async () => {
    const url = unsubscribeUrl(sent[1]);
    const token = url.split('/').pop() ?? '';
    const tampered = `${url.slice(0, -token.length)}${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    // Settle the background work (sending, linking the audit chain) so that only the requests count.
    const settled = async () => {
      await centre.settle();
      return JSON.stringify(await centre.scanAll());
    };
    const before = await settled();
    for (const bad of [tampered, `${centre.base}/api/t/${slug}/unsubscribe/not-a-token`]) {
      const res = await oneClick(bad);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Nothing was changed');
      expect((await centre.app.request(path(bad))).status).toBe(400);
    }
    expect(await settled()).toBe(before);
  });

  it("refuses another tenant's token on this tenant's address", async () => {
    const token = sealUnsubscribeToken(['local-development-key-never-use-in-production'], {
      tenant: 'it-mk',
      subjectId: 'x',
      topic: 'newsletters',
    });
    const res = await oneClick(`${centre.base}/api/t/${slug}/unsubscribe/${token}`);
    expect(res.status).toBe(400);
  });

  it('changes nothing for a POST that does not ask to unsubscribe', async () => {
    const res = await oneClick(unsubscribeUrl(sent[1]), 'something=else');
    expect(res.status).toBe(400);
  });

  it('re-checks at send time: a queued marketing email is not sent to someone who has stopped all marketing', async () => {
    const priya = (await centre.deps.subjects.findIdByEmail(slug, 'priya.shah@example.co.uk')) as string;
    expect((await mayWeSend(centre.deps, { tenant, subjectId: priya, channel: 'email', topic: 'offers' })).allowed).toBe(true);
    await stopAllMarketing(centre.deps, { tenant, subjectId: priya, source: 'portal' });
    // queued as if by a send that started before the objection
    await centre.deps.audit.commit(slug, {
      audit: [],
      mail: [{ template: 'marketing', to: 'priya.shah@example.co.uk', subjectId: priya, topic: 'offers' }],
    });
    await centre.drainOutbox();
    const offers = (await listEmails(centre.sesEndpoint)).filter(
      (e) =>
        e.destination.to.includes('priya.shah@example.co.uk') &&
        e.subject.toLowerCase().includes('offers') &&
        (e.body.text ?? '').includes(centre.base),
    );
    expect(offers).toHaveLength(0);
    const outbox = (await centre.scanAll()).filter((i) => i.type === 'outbox' && i.messageId === 'not-sent:suppressed');
    expect(outbox).toHaveLength(1);
  });

  it('works through the one form on the page too (form POST from the same origin)', async () => {
    const client = httpClient(centre.app, centre.base);
    const url = unsubscribeUrl(sent.find((e) => !e.destination.to.includes('alex.morgan@example.com')));
    const res = await client.post(path(url), 'List-Unsubscribe=One-Click', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
  });
});
