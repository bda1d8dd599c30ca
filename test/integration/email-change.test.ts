import { describe, expect, it } from 'vitest';
import type { MyDataResponse } from '../../shared/portal-api.ts';
import { testClock, useTestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { requestToken, signedIn } from '../support/sign-in.ts';

const tenant = 'it-mk';
const clock = testClock();
const s = useTestCentre({ clock });

type Http = Awaited<ReturnType<typeof signedIn>>;
const me = async (http: Http): Promise<MyDataResponse> => (await http.get(`/api/t/${tenant}/me`)).json();
const confirmToken = async (to: string, n = 1) => {
  const mail = await waitForEmail(s.centre.sesEndpoint, to, `${s.centre.base}/t/${tenant}/confirm-email#`, n);
  return (mail.body.text ?? '').match(/confirm-email#([A-Za-z0-9_-]{43})/)?.[1] ?? '';
};
const confirm = (token: string) => httpClient(s.centre.app, s.centre.base).post(`/api/t/${tenant}/auth/confirm-email`, { token });

describe('changing the email address', () => {
  it('confirms the new address by a link before changing anything, then tells the old one', async () => {
    const http = await signedIn(s.centre, tenant, 'rachel.hughes@example.co.uk');
    const elsewhere = await signedIn(s.centre, tenant, 'rachel.hughes@example.co.uk');
    const res = await http.post(`/api/t/${tenant}/me/email`, { email: 'Rachel.New@Example.com' });
    expect(res.status).toBe(202);
    const token = await confirmToken('rachel.new@example.com');
    expect((await me(http)).subject.email).toBe('rachel.hughes@example.co.uk'); // nothing yet

    // Confirmed in the same browser: that session stays, every other one ends.
    const done = await http.post(`/api/t/${tenant}/auth/confirm-email`, { token });
    expect(done.status).toBe(200);
    const after = await me(http);
    expect(after.subject.email).toBe('rachel.new@example.com');
    expect(after.categories.find((c) => c.id === 'identity')?.records[0]?.data.email).toBe('rachel.new@example.com');
    expect((await elsewhere.get(`/api/t/${tenant}/me`)).status).toBe(401);
    const notice = await waitForEmail(s.centre.sesEndpoint, 'rachel.hughes@example.co.uk', 'was changed');
    expect(notice.body.text).not.toContain('rachel.new@example.com'); // masked

    const items = await s.centre.scanAll();
    const audit = items.find((i) => i.type === 'audit' && i.action === 'profile.email_changed');
    expect(audit).toMatchObject({
      detail: { field: 'email' },
      personal: { old: 'rachel.hughes@example.co.uk', new: 'rachel.new@example.com' },
    });
    expect(items.find((i) => i.type === 'audit' && i.action === 'session.revoked_all')).toMatchObject({
      actor: { type: 'system' },
      detail: { reason: 'email changed', keptConfirmingSession: true },
    });
  });

  it('signs in with the new address afterwards, and not with the old one', async () => {
    clock.advance(16 * 60);
    await signedIn(s.centre, tenant, 'rachel.new@example.com');
    const before = (await emailsTo(s.centre.sesEndpoint, 'rachel.hughes@example.co.uk', `${s.centre.base}/t/${tenant}/verify#`))
      .length;
    await httpClient(s.centre.app, s.centre.base).post(`/api/t/${tenant}/auth/link`, { email: 'rachel.hughes@example.co.uk' });
    await s.centre.drainOutbox();
    expect(
      (await emailsTo(s.centre.sesEndpoint, 'rachel.hughes@example.co.uk', `${s.centre.base}/t/${tenant}/verify#`)).length,
    ).toBe(before);
  });

  it('uses a confirmation link once, and never as a sign-in link', async () => {
    const http = await signedIn(s.centre, tenant, 'james.patel@example.com');
    await http.post(`/api/t/${tenant}/me/email`, { email: 'james.p@example.com' });
    const token = await confirmToken('james.p@example.com');
    const asSignIn = await httpClient(s.centre.app, s.centre.base).post(`/api/t/${tenant}/auth/verify`, { token });
    expect(asSignIn.status).toBe(400);
    expect((await confirm(token)).status).toBe(200);
    expect((await confirm(token)).status).toBe(400);
  });

  it('expires the link after 15 minutes', async () => {
    const http = await signedIn(s.centre, tenant, 'david.wilson@example.co.uk');
    await http.post(`/api/t/${tenant}/me/email`, { email: 'd.wilson@example.com' });
    const token = await confirmToken('d.wilson@example.com');
    clock.advance(15 * 60 + 1);
    expect((await confirm(token)).status).toBe(400);
    expect((await me(http)).subject.email).toBe('david.wilson@example.co.uk');
  });

  it('refuses an address another subject of the tenant uses, at confirmation, changing nothing', async () => {
    clock.advance(16 * 60);
    const http = await signedIn(s.centre, tenant, 'david.wilson@example.co.uk');
    const res = await http.post(`/api/t/${tenant}/me/email`, { email: 'alex.morgan@example.com' });
    expect(res.status).toBe(202); // the request itself reveals nothing
    const token = await confirmToken('alex.morgan@example.com');
    const clash = await confirm(token);
    expect(clash.status).toBe(409);
    expect((await me(http)).subject.email).toBe('david.wilson@example.co.uk');
  });

  it('refuses a malformed address and the current one', async () => {
    const http = await signedIn(s.centre, tenant, 'alex.morgan@example.com');
    expect((await http.post(`/api/t/${tenant}/me/email`, { email: 'nope' })).status).toBe(400);
    const same = await http.post(`/api/t/${tenant}/me/email`, { email: 'ALEX.MORGAN@example.com' });
    expect(same.status).toBe(400);
    expect((await same.json()).message).toMatch(/already your email/);
  });

  // Last: it changes david's address, which the tests above use.
  it('confirmed from another device, ends every session and every sign-in link still out to the old address', async () => {
    const http = await signedIn(s.centre, tenant, 'david.wilson@example.co.uk');
    expect((await http.post(`/api/t/${tenant}/me/email`, { email: 'david.new@example.com' })).status).toBe(202);
    const token = await confirmToken('david.new@example.com');
    // A sign-in link to the old address, asked for before the change (say, by whoever holds that mailbox).
    const oldLink = await requestToken(s.centre, tenant, 'david.wilson@example.co.uk');

    const done = await confirm(token); // no session: the link may open on another device
    expect(done.status).toBe(200);
    expect((await http.get(`/api/t/${tenant}/me`)).status).toBe(401);
    const late = await httpClient(s.centre.app, s.centre.base).post(`/api/t/${tenant}/auth/verify`, { token: oldLink });
    expect(late.status).toBe(400);
    const fresh = await signedIn(s.centre, tenant, 'david.new@example.com');
    expect((await me(fresh)).subject.email).toBe('david.new@example.com');

    // A sign-in link to the old address still waiting in the outbox (a backlog, a retry, a redrive)
    // is never sent: the address is not the subject's any more.
    const id = (await s.centre.deps.subjects.findIdByEmail(tenant, 'david.new@example.com')) as string;
    const before = (await emailsTo(s.centre.sesEndpoint, 'david.wilson@example.co.uk', `${s.centre.base}/t/${tenant}/verify#`))
      .length;
    await s.centre.deps.audit.commit(tenant, {
      audit: [],
      mail: [{ template: 'sign-in-link', to: 'david.wilson@example.co.uk', subjectId: id }],
    });
    await s.centre.settle();
    const skipped = (await s.centre.scanAll()).filter(
      (i) =>
        i.type === 'outbox' &&
        (i.message as { subjectId?: string }).subjectId === id &&
        i.messageId === 'not the subject’s address any more',
    );
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ status: 'sent', message: { template: 'sign-in-link' } });
    expect(
      (await emailsTo(s.centre.sesEndpoint, 'david.wilson@example.co.uk', `${s.centre.base}/t/${tenant}/verify#`)).length,
    ).toBe(before);
  });
});
