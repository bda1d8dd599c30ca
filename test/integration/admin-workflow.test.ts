import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueueResponse, RequestDetail } from '../../shared/admin-api.ts';
import { addDays, dueDate, ukDate } from '../../shared/deadlines.ts';
import { testClock } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { fileAfresh } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';
import { type RequestRef, useStaffCentre } from '../support/staff-centre.ts';

/** The clock rules and the subject's view, driven through the staff actions. */
const slug = 'it-mk';
const email = 'james.patel@example.com';
// A Monday in term time, far from bank holidays: due dates stay easy to reason about.
const clock = testClock(new Date('2026-03-02T10:00:00Z'));
const { s, admin, requestPath: path, actNow: act } = useStaffCentre(slug, { start: { clock } });
let subject: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  subject = await signedIn(s.centre, slug, email);
});

/** Moves time on by whole days; sessions do not last that long, so both sign in again. */
async function advanceDays(days: number) {
  clock.advance(days * 86400);
  subject = await signedIn(s.centre, slug, email);
  s.handler = await signedInStaff(s.centre, slug, 'sam.taylor@staff.example');
}

const file = (request: Record<string, unknown> = { kind: 'access', scope: 'everything' }) => fileAfresh(subject, slug, request);
const detail = async (r: RequestRef): Promise<RequestDetail> => (await s.handler.get(path(r))).json();
const subjectView = async (id: string) => (await subject.get(`/api/t/${slug}/me/requests/${id}`)).json();

describe('working a request from received to completed', () => {
  it('assigns, checks identity, starts, pauses for information, and completes; the subject sees only what is theirs', async () => {
    const r = await file();
    const received = ukDate(clock.now());
    expect((await detail(r)).request.dueOn).toBe(dueDate({ received, nation: 'england-and-wales' }));

    await act(r, { type: 'assign', assignee: 'sam.taylor@staff.example' });
    await act(r, { type: 'verify-identity', method: 'email-link', note: 'Made while signed in with the address we hold' });
    await act(r, { type: 'note', text: 'Check the PSA export too' });
    const started = await act(r, { type: 'start' });
    expect(started.request.status).toBe('in-progress');
    expect(started.request.assignee).toEqual({ email: 'sam.taylor@staff.example', name: 'Sam Taylor' });
    expect(started.request.identity).toMatchObject({ method: 'email-link', by: 'Sam Taylor' });

    const asked = await act(r, { type: 'ask-information', message: 'Which client were you placed with?' });
    expect(asked.request.paused).toBe(true);
    expect((await waitForEmail(s.centre.sesEndpoint, email, 'Which client were you placed with?')).subject).toContain(
      r.reference,
    );
    await advanceDays(5);
    const answered = await subject.post(`/api/t/${slug}/me/requests/${r.id}/answer`, { message: 'Acme Ltd' });
    expect(answered.status).toBe(200);
    const after = await detail(r);
    expect(after.request.pausedDays).toBe(5);
    expect(after.request.dueOn).toBe(dueDate({ received, nation: 'england-and-wales', pausedDays: 5 }));

    const done = await act(r, {
      type: 'complete',
      message: 'Your data is attached on this page.',
      withheld: 'Notes about another person',
    });
    expect(done.request.status).toBe('completed');
    expect(done.actions).toEqual(['note']);
    await waitForEmail(s.centre.sesEndpoint, email, 'Your data is attached on this page.');

    const view = await subjectView(r.id);
    expect(view.status).toBe('completed');
    expect(view.outcome).toBe('Your data is attached on this page.');
    const seen = JSON.stringify(view);
    for (const internal of [
      'Check the PSA export too',
      'Sam Taylor',
      'sam.taylor',
      'Made while signed in',
      'assigned',
      'identity',
    ]) {
      expect(seen).not.toContain(internal);
    }
    const timeline = after.request.history.map((h) => [h.type, h.internal]);
    expect(timeline).toEqual(
      expect.arrayContaining([
        ['received', false],
        ['assigned', true],
        ['identity-verified', true],
        ['note', true],
        ['started', false],
        ['information-requested', false],
        ['information-provided', false],
      ]),
    );
  });

  it('extends only with a reason and only before the first deadline, and tells the subject why', async () => {
    const r = await file();
    const noReason = await s.handler.post(`${path(r)}/actions`, {
      expectedVersion: 1,
      action: { type: 'extend', months: 1, reason: ' ' },
    });
    expect(noReason.status).toBe(400);
    const extended = await act(r, { type: 'extend', months: 2, reason: 'Your data sits in eleven client systems' });
    expect(extended.request.status).toBe('extended');
    expect(extended.request.dueOn).toBe(
      dueDate({ received: ukDate(clock.now()), nation: 'england-and-wales', extensionMonths: 2 }),
    );
    const mail = await waitForEmail(s.centre.sesEndpoint, email, 'Your data sits in eleven client systems');
    expect(mail.subject).toBe(`More time is needed for ${r.reference}`);
    expect(extended.actions).not.toContain('extend');
    // Extended twice over, it says why "Extend the deadline" is no longer there.
    expect(extended.notOffered).toEqual([{ action: 'Extend the deadline', why: expect.stringMatching(/at most two/i) }]);

    const late = await file();
    expect((await detail(late)).notOffered).toEqual([]);
    await advanceDays(40);
    const tooLate = await detail(late);
    expect(tooLate.actions).not.toContain('extend');
    // The page says why the steps staff look for are missing, in the rules' own words.
    expect(tooLate.notOffered).toEqual([
      { action: 'Ask the requester for information', why: expect.stringMatching(/is overdue: asking the requester/) },
      { action: 'Extend the deadline', why: expect.stringMatching(/first deadline has passed/) },
    ]);
    const res = await s.handler.post(`${path(late)}/actions`, {
      expectedVersion: tooLate.request.version,
      action: { type: 'extend', months: 1, reason: 'Busy' },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toMatch(/first deadline has passed/);
  });

  it('refuses with grounds and a reason; the email states the right to complain to the organisation and the ICO', async () => {
    const r = await file({ kind: 'erasure', scope: 'everything' });
    const refused = await act(r, { type: 'refuse', grounds: 'manifestly-unfounded', reason: 'The request is made to disrupt.' });
    expect(refused.request.status).toBe('refused');
    const mail = await waitForEmail(s.centre.sesEndpoint, email, 'The request is made to disrupt.');
    const text = mail.body.text ?? '';
    expect(text).toContain('We consider the request manifestly unfounded. The request is made to disrupt.');
    expect(text).toContain('info@it-mk.co.uk');
    expect(text).toMatch(/Information Commissioner's Office/);
    expect(text).toContain('ico.org.uk/make-a-complaint');
    expect(text).toMatch(/courts/);
  });

  it('refuses a step the state does not allow, and a stale version, with nothing changed', async () => {
    const r = await file();
    await act(r, { type: 'start' });
    const again = await s.handler.post(`${path(r)}/actions`, { expectedVersion: 2, action: { type: 'start' } });
    expect(again.status).toBe(409);
    const stale = await s.handler.post(`${path(r)}/actions`, { expectedVersion: 1, action: { type: 'note', text: 'x' } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).message).toMatch(/changed meanwhile/);
    expect((await detail(r)).request.version).toBe(2);
    const unknownAssignee = await s.handler.post(`${path(r)}/actions`, {
      expectedVersion: 2,
      action: { type: 'assign', assignee: 'support@it-mk.example' },
    });
    expect(unknownAssignee.status).toBe(400);
  });
});

describe('the queue', () => {
  it('sorts by legal due date, filters, and counts overdue and due-soon at a glance', async () => {
    const start = clock.now();
    const old = await file({ kind: 'portability', scope: 'everything' });
    await advanceDays(25);
    const recent = await file({ kind: 'rectification', field: 'Job title', value: 'Lead' });
    await act(recent, { type: 'assign', assignee: 'sam.taylor@staff.example' });
    await advanceDays(10); // old: 35 days in, overdue; recent: 10 days in
    const q: QueueResponse = await (await s.handler.get(admin('/requests'))).json();
    const dues = q.requests.map((i) => i.dueOn);
    expect([...dues].sort()).toEqual(dues);
    const oldItem = q.requests.find((i) => i.id === old.id);
    expect(oldItem).toMatchObject({ overdue: true, dueSoon: false });
    expect(oldItem?.daysLeft).toBeLessThan(0);
    expect(q.counts.overdue).toBe(q.requests.filter((i) => i.overdue).length);
    expect(q.counts.open).toBe(q.requests.length);
    expect(JSON.stringify(q.requests)).not.toContain(email);

    const overdue: QueueResponse = await (await s.handler.get(admin('/requests?due=overdue'))).json();
    expect(overdue.requests.every((i) => i.overdue)).toBe(true);
    expect(overdue.requests.map((i) => i.id)).toContain(old.id);
    expect(overdue.counts).toEqual(q.counts);

    await advanceDays(15); // recent: 25 days in, due within 7 days
    const soon: QueueResponse = await (await s.handler.get(admin('/requests?due=week'))).json();
    expect(soon.requests.map((i) => i.id)).toContain(recent.id);
    expect(soon.requests.every((i) => i.dueSoon && i.daysLeft <= 7)).toBe(true);

    const mine: QueueResponse = await (await s.handler.get(admin('/requests?assignee=me'))).json();
    expect(mine.requests.map((i) => i.id)).toContain(recent.id);
    expect(mine.requests.every((i) => i.assignee?.email === 'sam.taylor@staff.example')).toBe(true);
    const unassigned: QueueResponse = await (await s.handler.get(admin('/requests?assignee=none&kind=portability'))).json();
    expect(unassigned.requests.map((i) => i.id)).toEqual([old.id]);
    const completed: QueueResponse = await (await s.handler.get(admin('/requests?status=completed'))).json();
    expect(completed.requests.every((i) => i.status === 'completed')).toBe(true);
    expect((await s.handler.get(admin('/requests?due=tomorrow'))).status).toBe(400);
    expect((await s.handler.get(admin('/requests?colour=red'))).status).toBe(400);
    expect(start < clock.now()).toBe(true);
  });
});

describe('requests received by phone or letter', () => {
  it('finds the subject, logs the request from the day it was received, and acknowledges it', async () => {
    const found = await (await s.handler.get(admin(`/subjects?email=${encodeURIComponent('JAMES.PATEL@example.com')}`))).json();
    expect(found.subjects).toEqual([expect.objectContaining({ email, name: expect.any(String) })]);
    expect((await (await s.handler.get(admin('/subjects?email=nobody%40example.com'))).json()).subjects).toEqual([]);

    const today = ukDate(clock.now());
    const receivedOn = addDays(today, -3);
    const body = {
      idempotencyKey: randomUUID(),
      subjectId: found.subjects[0].id,
      via: 'letter',
      receivedOn,
      note: 'Letter dated last week, opened today',
      request: { kind: 'access', scope: 'everything' },
    };
    const res = await s.handler.post(admin('/requests'), body);
    expect(res.status).toBe(201);
    const logged: RequestDetail = await res.json();
    expect(logged.request).toMatchObject({
      receivedOn,
      receivedVia: 'letter',
      dueOn: dueDate({ received: receivedOn, nation: 'england-and-wales' }),
    });
    expect(logged.request.history[0]).toMatchObject({ type: 'received', by: 'Sam Taylor' });
    expect(logged.request.history.some((h) => h.type === 'logged' && h.internal && h.message?.includes('Letter dated'))).toBe(
      true,
    );
    await waitForEmail(s.centre.sesEndpoint, email, [s.centre.base, logged.request.reference]);
    // A retry with the same key makes nothing new.
    const retry = await s.handler.post(admin('/requests'), body);
    expect(retry.status).toBe(200);
    expect((await retry.json()).request.id).toBe(logged.request.id);
    // The subject sees it, without the staff note.
    const view = await subjectView(logged.request.id);
    expect(view.receivedOn).toBe(receivedOn);
    expect(JSON.stringify(view)).not.toContain('Letter dated');

    const future = await s.handler.post(admin('/requests'), {
      ...body,
      idempotencyKey: randomUUID(),
      receivedOn: addDays(today, 1),
    });
    expect(future.status).toBe(400);
    expect((await future.json()).details.fields[0].field).toBe('receivedOn');
  });
});

describe('evidence and reports', () => {
  it('gives an evidence pack with the timeline, the identity check, pauses, what was searched and withheld, and delivery', async () => {
    const queue: QueueResponse = await (await s.handler.get(admin('/requests?status=completed&kind=access'))).json();
    const r = queue.requests[0] as QueueResponse['requests'][number];
    await s.centre.drainOutbox();
    const res = await s.handler.get(admin(`/subjects/${r.subjectId}/requests/${r.id}/evidence`));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="evidence-${r.reference}.html"`);
    const html = await res.text();
    for (const part of [
      `Evidence pack: ${r.reference}`,
      'Signed in by a link sent to the address we hold',
      'Made while signed in with the address we hold',
      'Which client were you placed with?',
      '(5 days)',
      'Every category of personal data',
      'Notes about another person',
      'Your data is attached on this page.',
      'handed to the mail service',
      'within the time limit',
      'checked intact',
    ]) {
      expect(html).toContain(part.replace(/'/g, '&#39;'));
    }
  });

  it('reports by kind and status with the median days to answer and the share on time, and as CSV', async () => {
    const range = 'from=2026-01-01&to=2026-12-31';
    const report = await (await s.handler.get(admin(`/reports?${range}`))).json();
    const access = report.rows.find((row: { kind: string }) => row.kind === 'access');
    expect(report.received).toBeGreaterThanOrEqual(7);
    expect(access.closed).toBe(1);
    expect(access.closedOnTime).toBe(1);
    expect(report.closed).toBe(2); // one completed, one refused
    expect(report.closedOnTimeShare).toBe(1);
    expect(report.medianDaysToClose).not.toBeNull();
    expect(report.overdueNow).toBeGreaterThanOrEqual(1);
    const csv = await s.handler.get(admin(`/reports.csv?${range}`));
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^tenant,from,to,kind,received,/);
    expect(lines).toHaveLength(1 + 7 + 1);
    expect(lines.at(-1)).toMatch(/^it-mk,2026-01-01,2026-12-31,all,/);
    expect((await s.handler.get(admin('/reports?from=2026-12-31&to=2026-01-01'))).status).toBe(400);
  });
});
