import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { verifyAuditTrail } from '../../shared/audit/chain.ts';
import { HOLD_PERSON_WORDING } from '../../shared/data-tools/hold-wording.ts';
import { eraseSubject } from '../../shared/fulfilment/erase.ts';
import { mayWeSend } from '../../shared/marketing/preferences.ts';
import { emailsTo, listEmails, waitForEmail } from '../support/mail.ts';
import { fileAfresh } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/** When staff act on a request, the product does the work: erasure, restriction, objection. */
const slug = 'it-mk';
const { s, admin, requestPath: path, actNow: act } = useStaffCentre(slug);

async function fileAs(email: string, request: Record<string, unknown>) {
  const http = await signedIn(s.centre, slug, email);
  return { http, ...(await fileAfresh(http, slug, request)) };
}
const marketing = (subjectId: string, channel = 'email', topic = 'security-bulletins') =>
  mayWeSend(s.centre.deps, { tenant: s.tenant, subjectId, channel, topic });

describe('erasure', () => {
  it('erases everything but what the law keeps, says exactly what was kept and why, and leaves no readable trace', async () => {
    const email = 'rachel.hughes@example.co.uk';
    const r = await fileAs(email, { kind: 'erasure', scope: 'everything', note: 'Rachel Hughes, please delete me' });
    // Her personal details as held, to look for afterwards.
    const identity = (await s.centre.deps.subjects.listRecords(slug, r.subjectId)).find((x) => x.category === 'identity');
    const traces = [email, 'Rachel', 'Hughes', '01632 960017', '01632960017'];
    expect(identity?.data.phone).toBe('01632 960017');
    // A profile change, so that the audit trail holds old → new personal data.
    const me = await (await r.http.get(`/api/t/${slug}/me`)).json();
    await r.http.patch(`/api/t/${slug}/me/records/${identity?.id}`, { version: me.version, changes: { town: 'Olney' } });
    // An earlier access request of hers, with its export prepared (a ZIP with her data in it).
    const access = await fileAs(email, { kind: 'access', scope: 'everything' });
    expect((await s.handler.post(`${path(access)}/exports`)).status).toBe(202);
    await expect
      .poll(async () => (await (await s.handler.get(`${path(access)}/exports`)).json()).exports[0]?.status, { timeout: 15_000 })
      .toBe('ready');
    const files = () => readdirSync(s.centre.exportsDir, { recursive: true }).filter((f) => String(f).endsWith('.zip'));
    expect(files().length).toBeGreaterThan(0);

    // What staff wrote about her: the identity check (as the field's hint invites) and a note.
    const staffNote = 'Called 07700 900652 (on file); confirmed postcode MK9 2AH';
    await act(r, { type: 'verify-identity', method: 'call-back', note: staffNote });
    await act(r, { type: 'note', text: 'Her daughter rang from 07700 900652 about MK9 2AH' });
    // (The same number and postcode are Alex Morgan's in the demo data: his records are not hers.)
    const staffTraces = ['07700 900652', 'MK9 2AH'];
    const packBefore = await (await s.handler.get(`${path(r)}/evidence`)).text();
    expect(packBefore).toContain(staffNote);

    // Her open access request must be decided first: erasure is refused, nothing done.
    const undecided = await act(r, { type: 'carry-out-erasure' }, 409);
    expect(undecided.message).toMatch(/^Decide this person’s other open requests first: /);
    expect(undecided.message).toContain(`${access.reference} (Access (Art. 15))`);
    expect(await s.centre.deps.subjects.findIdByEmail(slug, email)).toBe(r.subjectId);
    // Staff see them on the request (her access request, and an older one in the demo data), and decide each.
    const shown: RequestDetail = await (await s.handler.get(path(r))).json();
    const open = shown.subject.otherRequests.filter((o) => o.open);
    expect(open.map((o) => o.id)).toContain(access.id);
    const done: RequestDetail = await act(r, {
      type: 'carry-out-erasure',
      others: open.map((o) => ({ requestId: o.id, decision: 'superseded', reason: 'She asked for erasure instead, by phone' })),
    });
    expect(done.request.status).toBe('completed');
    expect(done.subject.erased).toBe(true);
    const closed = await s.centre.deps.requests.get(slug, r.subjectId, access.id);
    expect(closed).toMatchObject({ status: 'completed', outcome: 'superseded' });
    // Staff see it as closed by the erasure, not as "Completed".
    const superseded = 'Closed: superseded by an erasure';
    expect(done.subject.otherRequests.find((o) => o.id === access.id)?.statusText).toBe(superseded);
    // Nothing can be built or sent for her afterwards, and nothing says it was.
    const exports = await (await s.handler.get(`${path(access)}/exports`)).json();
    expect(exports).toMatchObject({ canStart: false });
    expect((await s.handler.post(`${path(access)}/exports`)).status).toBe(409);
    // A later step on her closed request emails no one: it is refused, nothing queued.
    await act(access, { type: 'extend', months: 1, reason: 'More time' }, 409);
    await s.centre.settle();
    expect((await listEmails(s.centre.sesEndpoint)).filter((m) => m.destination.to.some((to) => !to.trim()))).toEqual([]);
    const outcome = done.request.history.at(-1)?.message ?? '';
    expect(outcome).toContain('We have erased: Your name and contact details (1 record); Questions and emails (1 record).');
    expect(outcome).toContain(
      'We have kept Payments (2 records) because: We must keep records of payments for HM Revenue & Customs',
    );
    expect(outcome).toMatch(/We have kept Membership.* \(1 record\) because: Your membership contract is kept for 7 years/);
    expect(outcome).toContain('do-not-contact list');
    const closedLine = outcome.split('\n').find((l) => l.startsWith('We have also closed your other request')) ?? '';
    expect(closedLine).toContain(`${access.reference} (Access (Art. 15))`);
    expect(closedLine).toMatch(/: this erasure supersedes (it|them)\.$/);

    // The letter reaches her before her address is gone from the outbox record.
    // (Her superseded access request's closing email quotes the erasure too: this is the erasure's.)
    const erasureLetter = async () =>
      (await emailsTo(s.centre.sesEndpoint, email, 'We have kept Payments')).find(
        (m) => m.subject === `Your request ${r.reference} is complete`,
      );
    await expect.poll(erasureLetter, { timeout: 10_000 }).toBeDefined();
    // Her account is gone (the dispatcher looks her up when it sends): no button to a page she cannot reach.
    const sent = (await erasureLetter())!;
    expect(sent.body.text).toContain('you can no longer sign in to see it on your request page');
    expect(sent.body.html).not.toContain('See my request');
    await s.centre.settle();

    // Her session ended; her address no longer signs in.
    expect((await r.http.get(`/api/t/${slug}/me`)).status).toBe(401);
    expect(await s.centre.deps.subjects.findIdByEmail(slug, email)).toBeUndefined();

    // Completeness: nothing in the table holds her email, name or phone, except what was reported as kept.
    // Her prepared export is gone, file and all.
    expect(files()).toEqual([]);
    expect((await s.centre.scanAll()).filter((i) => i.type === 'export')).toEqual([]);
    const kept = new Set(['account', 'payments']);
    const offenders = (await s.centre.scanAll()).filter((item) => {
      const text = JSON.stringify(item);
      if (!traces.some((t) => text.includes(t))) return false;
      return !(item.type === 'record' && item.subjectId === r.subjectId && kept.has(String(item.category)));
    });
    expect(offenders).toEqual([]);
    const staffWritten = (await s.centre.scanAll()).filter(
      (item) =>
        staffTraces.some((t) => JSON.stringify(item).includes(t)) && !(item.type === 'record' && item.subjectId !== r.subjectId),
    );
    expect(staffWritten).toEqual([]);
    // The kept records are there; the rest is gone; the audit trail still verifies, without her personal data.
    const left = await s.centre.deps.subjects.listRecords(slug, r.subjectId);
    expect(left.map((x) => x.category).sort()).toEqual(['account', 'payments', 'payments']);
    const events = await s.centre.deps.trail.listForSubject(slug, r.subjectId);
    expect(events.some((e) => e.action === 'profile.field_changed')).toBe(true);
    expect(events.every((e) => e.personal === undefined)).toBe(true);
    expect((await verifyAuditTrail(s.centre.deps.trail, slug)).ok).toBe(true);
    // What she wrote in her request is gone; the request (our record of handling it) stays.
    const request = await s.centre.deps.requests.get(slug, r.subjectId, r.id);
    expect(request?.details.note).toBe('[removed on erasure]');
    // Nor is what staff wrote about her, in the request or its evidence pack.
    const pack = await (await s.handler.get(`${path(r)}/evidence`)).text();
    for (const t of [...traces, ...staffTraces]) expect(pack).not.toContain(t);
    expect(request?.identity?.note).toBe('[removed on erasure]');
    // She is on the do-not-contact list (a keyed hash), and nothing is sent to her.
    expect((await marketing(r.subjectId)).allowed).toBe(false);

    // Running it again is safe: nothing left to erase, nothing changed.
    const before = JSON.stringify(await s.centre.scanAll());
    const again = await eraseSubject(s.centre.deps, {
      tenant: s.tenant,
      subjectId: r.subjectId,
      categories: '*',
      actor: { type: 'system' },
    });
    expect(again.performed).toBe(false);
    await s.centre.settle();
    expect(JSON.stringify(await s.centre.scanAll())).toBe(before);
    // And the request cannot be erased twice through the API either.
    await act(r, { type: 'carry-out-erasure' }, 409);
    // An old CRM file cannot bring her back.
    const reimport = await s.handler.post(admin('/imports'), {
      format: 'csv',
      category: 'identity',
      system: 'old-crm',
      dryRun: true,
      content: `email,sourceKey,recordedOn,firstName,lastName\n${email},CRM-1,2026-01-05,Rachel,Hughes\n`,
    });
    expect(reimport.status, await reimport.clone().text()).toBe(200);
    const body = await reimport.json();
    expect(body.errors).toContainEqual({
      line: 2,
      field: 'email',
      message: 'This person’s data was erased at their request: they cannot be imported again.',
    });
  });

  it('erases only the categories asked for, and keeps records under a legal hold with the reason', async () => {
    const r = await fileAs('david.wilson@example.co.uk', {
      kind: 'erasure',
      scope: 'some',
      categories: ['job-applications', 'identity'],
    });
    const records = await s.centre.deps.subjects.listRecords(slug, r.subjectId);
    const application = records.find((x) => x.category === 'job-applications');
    if (!application) return expect.fail('demo data changed');
    await s.centre.deps.subjects.setHold({
      tenant: slug,
      subjectId: r.subjectId,
      record: application,
      hold: { reason: 'Needed for an employment tribunal claim', by: 'sam.taylor@staff.example', at: new Date().toISOString() },
      effects: { audit: [] },
    });
    const done: RequestDetail = await act(r, { type: 'carry-out-erasure' });
    // The person is told the safe wording, never the internal reason (a tipping-off risk).
    const letter = done.request.history.at(-1)?.message ?? '';
    expect(letter).toContain(`because: ${HOLD_PERSON_WORDING}`);
    expect(letter).not.toContain('tribunal');
    const left = await s.centre.deps.subjects.listRecords(slug, r.subjectId);
    expect(left.map((x) => x.category)).toEqual(['job-applications']);
    // A partial erasure leaves the person (and their sign-in) in place, and the letter says so.
    expect(done.subject.erased).toBe(false);
    expect((await r.http.get(`/api/t/${slug}/me`)).status).toBe(200);
    const completed = async () =>
      (await emailsTo(s.centre.sesEndpoint, 'david.wilson@example.co.uk', r.reference)).find(
        (m) => m.subject === `Your request ${r.reference} is complete`,
      );
    await expect.poll(completed, { timeout: 10_000 }).toBeDefined();
    const sent = (await completed())!;
    expect(sent.body.text).not.toContain('no longer sign in');
    expect(sent.body.html).toContain('See my request');
  });
});

describe('restriction', () => {
  it('stops marketing while it stands, and is lifted only after the subject has been told', async () => {
    const r = await fileAs('alex.morgan@example.com', { kind: 'restriction', scope: 'everything', reason: 'accuracy' });
    // Alex applied for a job at IT-MK: no soft opt-in, so they switch security bulletins on themselves.
    const optIn = { changes: [{ channel: 'email', topic: 'security-bulletins', granted: true }] };
    expect((await r.http.put(`/api/t/${slug}/me/marketing`, optIn)).status).toBe(200);
    expect(await marketing(r.subjectId)).toEqual({ allowed: true });
    const applied: RequestDetail = await act(r, { type: 'apply-restriction' });
    expect(applied.request.status).toBe('completed');
    expect(applied.subject.restriction).toMatchObject({ categories: '*' });
    expect(applied.actions).toContain('notify-restriction-lift');
    expect(applied.actions).not.toContain('lift-restriction');
    expect(await marketing(r.subjectId)).toEqual({ allowed: false, reason: 'restricted' });

    const early = await s.handler.post(`${path(r)}/actions`, {
      expectedVersion: applied.request.version,
      action: { type: 'lift-restriction' },
    });
    expect(early.status).toBe(409);
    expect((await early.json()).message).toMatch(/Tell the requester first/);

    const told: RequestDetail = await act(r, {
      type: 'notify-restriction-lift',
      reason: 'We have checked your details and corrected your address.',
    });
    expect(told.subject.restriction?.liftNoticeAt).toBeTruthy();
    expect(told.actions).toContain('lift-restriction');
    const notice = await waitForEmail(
      s.centre.sesEndpoint,
      'alex.morgan@example.com',
      'We have checked your details and corrected your address.',
    );
    expect(notice.subject).toBe(`We are going to lift the restriction on your data (${r.reference})`);

    const lifted: RequestDetail = await act(r, { type: 'lift-restriction' });
    expect(lifted.subject.restriction).toBeNull();
    expect(await marketing(r.subjectId)).toEqual({ allowed: true });
  });
});

describe('objection', () => {
  it('records an upheld objection per purpose, and the marketing check honours it', async () => {
    const r = await fileAs('alex.morgan@example.com', {
      kind: 'objection',
      processing: 'marketing-preferences',
      reason: 'I do not want my details used for your mailings',
    });
    expect((await marketing(r.subjectId)).allowed).toBe(true);
    const done: RequestDetail = await act(r, {
      type: 'uphold-objection',
      message: 'We have stopped using your details for marketing.',
    });
    expect(done.subject.objections).toEqual(['marketing-preferences']);
    expect(done.request.status).toBe('completed');
    expect(await marketing(r.subjectId)).toEqual({ allowed: false, reason: 'objected' });
    expect(await marketing(r.subjectId, 'phone', 'security-bulletins')).toEqual({ allowed: false, reason: 'objected' });
  });

  it('a viewer cannot do any of this work', async () => {
    const viewer = await signedInStaff(s.centre, slug, 'support@it-mk.example');
    const r = await fileAs('james.patel@example.com', { kind: 'erasure', scope: 'everything' });
    const res = await viewer.post(`${path(r)}/actions`, { expectedVersion: 1, action: { type: 'carry-out-erasure' } });
    expect(res.status).toBe(403);
    expect(await s.centre.deps.subjects.findIdByEmail(slug, 'james.patel@example.com')).toBe(r.subjectId);
  });
});
