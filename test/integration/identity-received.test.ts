import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { fileFollowed, staffView, withdrawOpen } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * Staff record identity information that arrived by post, email, phone or in person (UK GDPR
 * Art. 12A): the month counts from the day it arrived, as when the person answers on their page.
 * Through the real API, DynamoDB Local and the SES stand-in.
 */
const email = 'james.patel@example.com';
const slug = 'it-mk';
const clock = testClock(new Date('2026-03-10T10:00:00Z')); // Tuesday 10 March 2026
let centre: TestCentre;

beforeAll(async () => {
  centre = await startTestCentre({ clock });
});
afterAll(() => centre.stop());

async function people() {
  return { subject: await signedIn(centre, slug, email), handler: await signedInStaff(centre, slug, 'sam.taylor@staff.example') };
}

async function fileRequest(subject: Awaited<ReturnType<typeof signedIn>>, handler: StaffClient) {
  await withdrawOpen(subject, slug, 'access');
  return fileFollowed(subject, handler, slug, { kind: 'access', scope: 'everything' });
}

const arrived = (receivedOn: string, via = 'post', note?: string) => ({
  type: 'identity-received',
  receivedOn,
  via,
  ...(note ? { note } : {}),
});

describe('identity information received another way restarts the month (Art. 12A)', () => {
  it('filed 10 March, asked, arrived by post 24 March (recorded 30 March): due 24 April, emailed, audited', async () => {
    let { subject, handler } = await people();
    const r = await fileRequest(subject, handler);
    expect((await r.detail()).request.dueOn).toBe('2026-04-10');

    // Nothing asked yet: refused, nothing changed.
    const early = await r.act(arrived('2026-03-10'));
    expect(early.status).toBe(409);
    expect((await early.json()).message).toContain('not waiting for identity information');
    expect((await r.detail()).actions).not.toContain('identity-received');

    expect(
      (await r.act({ type: 'ask-information', purpose: 'identity', message: 'Please send a copy of a utility bill.' })).status,
    ).toBe(200);
    expect((await r.detail()).actions).toContain('identity-received');

    clock.advance(20 * 86400); // Monday 30 March: the letter came on the 24th, opened today
    ({ subject, handler } = await people());
    const r2 = { ...r, ...staffView(handler, r.path) };
    const before = await r2.detail();

    for (const [day, words] of [
      ['2026-03-31', 'cannot be in the future'],
      ['2026-03-09', 'before the request was received'],
    ] as const) {
      const bad = await r2.act(arrived(day));
      expect(bad.status).toBe(400);
      const body = await bad.json();
      expect(JSON.stringify(body)).toContain(words);
      expect(JSON.stringify(body)).toContain('receivedOn');
    }
    const badWay = await r2.act({ type: 'identity-received', receivedOn: '2026-03-24', via: 'pigeon' });
    expect(badWay.status).toBe(400);
    expect((await r2.detail()).request.version).toBe(before.request.version);

    const ok = await r2.act(arrived('2026-03-24', 'post', 'Bill in the post tray, scanned to the file.'));
    expect(ok.status).toBe(200);
    const after: RequestDetail = await ok.json();
    expect(after.request.status).toBe('received'); // asked before work started: still to be started;
    expect(after.request.dueOn).toBe('2026-04-24');
    expect(after.request.firstDeadline).toBe('2026-04-24');
    expect(after.request.clockNote).toContain('from 24 March 2026, the day the identity information asked for arrived');
    expect(after.actions).not.toContain('identity-received');
    expect(JSON.stringify(after)).toContain('Bill in the post tray, scanned to the file.');

    const mail = await waitForEmail(centre.sesEndpoint, email, [r.reference, 'Due 24 April 2026', centre.base]);
    expect(mail.subject).toBe(`Thank you: we have what we needed for ${r.reference}`);
    expect(mail.body.text).not.toContain('post tray');

    const view = await (await subject.get(`/api/t/${slug}/me/requests/${r.id}`)).json();
    expect(view.dueOn).toBe('2026-04-24');
    expect(JSON.stringify(view)).toContain('arrived by post on 24 March 2026');
    expect(JSON.stringify(view)).not.toContain('post tray');

    const audits = (await centre.scanAll()).filter(
      (i) => i.type === 'audit' && i.action === 'request.information-provided' && JSON.stringify(i).includes(r.id),
    );
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).toContain('"via":"post"');
    expect(JSON.stringify(audits[0])).toContain('"arrivedOn":"2026-03-24"');

    // Done once: the request no longer waits, so a second record is refused and nothing changes.
    const again = await r2.act(arrived('2026-03-25'));
    expect(again.status).toBe(409);
    expect((await r2.detail()).request.dueOn).toBe('2026-04-24');
  });

  it('refuses a day before the ask, and a request waiting for a clarification', async () => {
    const { subject, handler } = await people(); // Monday 30 March
    const r = await fileRequest(subject, handler);
    expect((await r.act({ type: 'ask-information', purpose: 'clarification', message: 'Which account?' })).status).toBe(200);
    const clarify = await r.act(arrived('2026-03-30', 'email'));
    expect(clarify.status).toBe(409);
    expect((await clarify.json()).message).toContain('not waiting for identity information');
    expect((await r.act({ type: 'withdraw' })).status).toBe(400); // not a staff action: the schema refuses it
  });

  it('a month ending on a bank holiday moves to the next working day', async () => {
    clock.advance(5 * 86400); // Saturday 4 April 2026
    const { subject, handler } = await people();
    const r = await fileRequest(subject, handler);
    expect((await r.act({ type: 'ask-information', purpose: 'identity', message: 'Please bring photo ID.' })).status).toBe(200);
    const before = (await r.detail()).request.version;
    const beforeAsk = await r.act(arrived('2026-04-03', 'in-person'));
    expect(beforeAsk.status).toBe(400);
    expect(JSON.stringify(await beforeAsk.json())).toContain('before the request was received');
    expect((await r.detail()).request.version).toBe(before);
    const ok = await r.act(arrived('2026-04-04', 'in-person'));
    expect(ok.status).toBe(200);
    // 4 May 2026 is the Early May bank holiday in England: due Tuesday 5 May.
    expect(((await ok.json()) as RequestDetail).request.dueOn).toBe('2026-05-05');
    const mail = await waitForEmail(centre.sesEndpoint, email, [r.reference, 'Due 5 May 2026', centre.base]);
    expect(mail.subject).toBe(`Thank you: we have what we needed for ${r.reference}`);
  });
});

/** After signing in again the handler's client is new: the same request, through it. */
