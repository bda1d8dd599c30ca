import { describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../shared/staff/totp.ts';
import { testClock, useTestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { emailsTo, listEmails } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';
import { adminClient, enrolledSecret, freshCode, rememberSecret, requestStaffToken, signedInStaff } from '../support/staff.ts';

const slug = 'it-mk';
const handler = 'sam.taylor@staff.example';
const clock = testClock();
const s = useTestCentre({ clock });

const epoch = () => Math.floor(clock.now().getTime() / 1000);
const admin = (path: string) => `/api/t/${slug}/admin${path}`;

/** Email link done, second factor still to come. */
async function halfSignedIn(email: string) {
  const http = adminClient(s.centre);
  const token = await requestStaffToken(s.centre, slug, email, http);
  const res = await http.post(admin('/auth/verify'), { token });
  expect(res.status).toBe(200);
  return { http, next: ((await res.json()) as { next: string }).next };
}

describe('staff sign-in: email link, then a second factor', () => {
  it('answers a link request the same for staff, subjects and strangers, and mails only staff', async () => {
    const http = adminClient(s.centre);
    const answers = [];
    for (const email of [handler, 'james.patel@example.com', 'nobody@example.com']) {
      const res = await http.post(admin('/auth/link'), { email }, { 'X-Test-Client': `c-${email}` });
      answers.push([res.status, await res.text()]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.[0]).toBe(202);
    await s.centre.drainOutbox();
    const staffLinks = (await listEmails(s.centre.sesEndpoint)).filter((e) =>
      (e.body.text ?? '').includes(`${s.centre.base}/t/${slug}/admin/verify#`),
    );
    expect(staffLinks.map((e) => e.destination.to[0])).toEqual([handler]);
  });

  it('enrols an authenticator app with a QR code on first sign-in and shows ten recovery codes once', async () => {
    const { http, next } = await halfSignedIn('info@it-mk.example');
    expect(next).toBe('enrol');
    // Half signed in is good for nothing else.
    const early = await http.get(admin('/requests'));
    expect(early.status).toBe(401);
    expect((await early.json()).details).toEqual({ next: 'enrol' });
    const enrolment = await (await http.get(admin('/auth/enrolment'))).json();
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.otpauthUri).toContain('issuer=IT-MK+privacy+centre');
    const wrong = await http.post(admin('/auth/enrol'), { code: totpCode(enrolment.secret, totpStep(epoch()) + 5) });
    expect(wrong.status).toBe(400);
    const res = await http.post(admin('/auth/enrol'), { code: totpCode(enrolment.secret, totpStep(epoch())) });
    expect(res.status).toBe(200);
    rememberSecret(s.centre, slug, 'info@it-mk.example', enrolment.secret);
    const body = await res.json();
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    expect(body.me).toMatchObject({
      email: 'info@it-mk.example',
      role: 'admin',
      can: { act: true, manageStaff: true, readAudit: true },
      recoveryCodesLeft: 10,
    });
    expect((await http.get(admin('/me'))).status).toBe(200);
    // The secret is sealed at rest and the recovery codes are stored only as keyed hashes.
    const items = JSON.stringify(await s.centre.scanAll());
    expect(items).not.toContain(enrolment.secret);
    for (const code of body.recoveryCodes) expect(items).not.toContain(code.replace('-', ''));
  });

  it('takes each code once, and a recovery code once', async () => {
    await signedInStaff(s.centre, slug, handler);
    const secret = enrolledSecret(s.centre, slug, handler) as string;
    clock.advance(30);
    const first = await halfSignedIn(handler);
    expect(first.next).toBe('second-factor');
    const code = await freshCode(s.centre, slug, handler, secret);
    expect((await first.http.post(admin('/auth/second-factor'), { code })).status).toBe(200);
    const second = await halfSignedIn(handler);
    const replay = await second.http.post(admin('/auth/second-factor'), { code });
    expect(replay.status).toBe(400);
    expect((await replay.json()).message).toMatch(/not right, or was used already/);

    const recovery = (await signedInStaffCodes()).at(0) as string;
    const third = await halfSignedIn('support@it-mk.example');
    expect((await third.http.post(admin('/auth/second-factor'), { recoveryCode: recovery })).status).toBe(200);
    const fourth = await halfSignedIn('support@it-mk.example');
    expect((await fourth.http.post(admin('/auth/second-factor'), { recoveryCode: recovery.toUpperCase() })).status).toBe(400);
    const me = await third.http.get(admin('/me'));
    expect((await me.json()).recoveryCodesLeft).toBe(9);
  });

  it('ends the half-made sign-in after five wrong codes', async () => {
    clock.advance(15 * 60);
    const { http } = await halfSignedIn('info@it-mk.example');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await http.post(admin('/auth/second-factor'), { code: '000000' })).status);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses[5]).toBe(429);
    const secret = enrolledSecret(s.centre, slug, 'info@it-mk.example') as string;
    const after = await http.post(admin('/auth/second-factor'), {
      code: await freshCode(s.centre, slug, 'info@it-mk.example', secret),
    });
    expect(after.status).toBe(401);
  });

  it('does not let five more wrong codes in just after a quarter-hour boundary (the window slides)', async () => {
    clock.advance(16 * 60);
    // Three seconds before a quarter hour: where a fixed 15-minute window would end.
    clock.advance(15 * 60 - (epoch() % (15 * 60)) - 3);
    const first = await halfSignedIn('info@it-mk.example');
    for (let i = 0; i < 5; i++)
      expect((await first.http.post(admin('/auth/second-factor'), { code: '000000' })).status).toBe(400);
    clock.advance(6);
    const second = await halfSignedIn('info@it-mk.example');
    const locked = await second.http.post(admin('/auth/second-factor'), { code: '000000' });
    expect(locked.status).toBe(429);
    // Until the first of the five wrong codes is a full 15 minutes old.
    expect(Number(locked.headers.get('Retry-After'))).toBe(15 * 60 - 6);
    expect((await locked.json()).message).toBe('Too many wrong codes. Wait 15 minutes, then ask for a new sign-in link.');
    clock.advance(15 * 60);
    const third = await halfSignedIn('info@it-mk.example');
    const secret = enrolledSecret(s.centre, slug, 'info@it-mk.example') as string;
    const code = await freshCode(s.centre, slug, 'info@it-mk.example', secret);
    expect((await third.http.post(admin('/auth/second-factor'), { code })).status).toBe(200);
  });

  it('ends staff sessions after 15 idle minutes and 8 hours in all', async () => {
    clock.advance(60);
    const http = await signedInStaff(s.centre, slug, handler);
    clock.advance(14 * 60);
    expect((await http.get(admin('/me'))).status).toBe(200);
    clock.advance(16 * 60);
    expect((await http.get(admin('/me'))).status).toBe(401);

    clock.advance(60);
    const busy = await signedInStaff(s.centre, slug, handler);
    for (let minutes = 0; minutes < 8 * 60 - 10; minutes += 10) {
      clock.advance(10 * 60);
      expect((await busy.get(admin('/me'))).status).toBe(200);
    }
    clock.advance(11 * 60);
    expect((await busy.get(admin('/me'))).status).toBe(401);
  });

  it('signs out on the server', async () => {
    clock.advance(60);
    const http = await signedInStaff(s.centre, slug, handler);
    const cookie = [...http.jar].find(([name]) => name.startsWith('pcstaff_'));
    expect((await http.post(admin('/auth/logout'))).status).toBe(204);
    const replayed = httpClient(s.centre.admin, s.centre.base);
    replayed.jar.set(cookie?.[0] as string, cookie?.[1] as string);
    expect((await replayed.get(admin('/me'))).status).toBe(401);
  });
});

/** The recovery codes of a fresh enrolment of the viewer. */
async function signedInStaffCodes(): Promise<string[]> {
  const http = await signedInStaff(s.centre, slug, 'support@it-mk.example');
  await http.post(admin('/auth/logout'));
  return http.recoveryCodes;
}

describe('sessions never cross audiences or tenants', () => {
  it('a subject session does not work on the staff API, nor a staff session on the subject API', async () => {
    clock.advance(60);
    const subject = await signedIn(s.centre, slug, 'james.patel@example.com');
    const subjectCookie = subject.jar.get(`pc_${slug}`) as string;
    const staff = await signedInStaff(s.centre, slug, handler);
    const staffCookie = staff.jar.get(`pcstaff_${slug}`) as string;

    const forged = httpClient(s.centre.admin, s.centre.base);
    forged.jar.set(`pcstaff_${slug}`, subjectCookie);
    expect((await forged.get(admin('/me'))).status).toBe(401);
    expect((await forged.get(admin('/requests'))).status).toBe(401);

    const portal = httpClient(s.centre.app, s.centre.base);
    portal.jar.set(`pc_${slug}`, staffCookie);
    expect((await portal.get(`/api/t/${slug}/me`)).status).toBe(401);
  });

  it('a staff session of one tenant does not work on another, even for staff of both', async () => {
    clock.advance(60);
    const staff = await signedInStaff(s.centre, slug, handler);
    const other = httpClient(s.centre.admin, s.centre.base);
    other.jar.set('pcstaff_inflection-point', staff.jar.get(`pcstaff_${slug}`) as string);
    expect((await other.get('/api/t/inflection-point/admin/me')).status).toBe(401);
    expect((await other.get('/api/t/inflection-point/admin/requests')).status).toBe(401);
  });

  it('refuses people who are not staff here, and staff removed on the staff screen at once', async () => {
    clock.advance(60);
    const before = (await emailsTo(s.centre.sesEndpoint, 'helpdesk@inflection-point.example', s.centre.base)).length;
    await adminClient(s.centre).post(admin('/auth/link'), { email: 'helpdesk@inflection-point.example' });
    await s.centre.drainOutbox();
    expect((await emailsTo(s.centre.sesEndpoint, 'helpdesk@inflection-point.example', s.centre.base)).length).toBe(before);

    const viewer = await signedInStaff(s.centre, slug, 'support@it-mk.example');
    const boss = await signedInStaff(s.centre, slug, 'info@it-mk.example');
    expect((await boss.delete(admin('/staff/support%40it-mk.example'))).status).toBe(200);
    expect((await viewer.get(admin('/me'))).status).toBe(401);
  });
});

describe('a lost phone', () => {
  it('an admin resets someone’s second factor: their sessions end and they enrol afresh', async () => {
    clock.advance(60);
    const lost = await signedInStaff(s.centre, slug, handler);
    const boss = await signedInStaff(s.centre, slug, 'info@it-mk.example');
    const forbidden = await lost.post(admin(`/staff/${encodeURIComponent('info@it-mk.example')}/reset-second-factor`));
    expect(forbidden.status).toBe(403);
    const res = await boss.post(admin(`/staff/${encodeURIComponent(handler)}/reset-second-factor`));
    expect(res.status).toBe(200);
    expect((await res.json()).staff).toContainEqual(expect.objectContaining({ email: handler, enrolled: false }));
    expect((await lost.get(admin('/me'))).status).toBe(401);
    clock.advance(2);
    const { next } = await halfSignedIn(handler);
    expect(next).toBe('enrol');
    const audit = (await s.centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.second_factor_reset');
    expect(audit).toEqual([
      expect.objectContaining({ actor: { type: 'staff', id: 'info@it-mk.example' }, detail: { member: handler } }),
    ]);
  });
});
