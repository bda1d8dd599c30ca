import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandler } from '../../functions/jobs/handler.ts';
import type { ComplaintDetailT } from '../../shared/complaints/complaint-api.ts';
import { acknowledgeByFor } from '../../shared/complaints/lifecycle.ts';
import { addDays, daysLeft, ukDate } from '../../shared/deadlines.ts';
import { eraseSubject } from '../../shared/fulfilment/erase.ts';
import type { DigestResult } from '../../shared/jobs/deadline-digest.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

/** Complaints (DPA 2018 s.164A) through the real API, DynamoDB Local and the SES stand-in. */
const slug = 'it-mk';
const person = 'rachel.hughes@example.co.uk';
const other = 'james.patel@example.com';
const handlerEmail = 'sam.taylor@staff.example';
const clock = testClock(new Date('2026-07-06T10:00:00Z'));
let centre: TestCentre;

beforeAll(async () => {
  centre = await startTestCentre({ clock });
});
afterAll(() => centre.stop());

const me = (c: Awaited<ReturnType<typeof signedIn>>) => c.get(`/api/t/${slug}/me`).then((r) => r.json());
const auditActions = async () =>
  (await centre.scanAll()).filter((i) => i.type === 'audit' && String(i.action).startsWith('complaint.')).map((i) => i.action);

describe('a person complains from the centre', () => {
  it('gets a reference and the acknowledgement straight away, a status and history, and the outcome by email', async () => {
    const subject = await signedIn(centre, slug, person);
    const filed = await subject.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
    });
    const request = await filed.json();

    const res = await subject.post(`/api/t/${slug}/me/complaints`, {
      about: 'request-handling',
      what: 'Nobody answered my access request for weeks.',
      requestId: request.id,
    });
    const complaint = await res.json();
    expect(res.status, JSON.stringify(complaint)).toBe(201);
    expect(complaint).toMatchObject({
      reference: expect.stringMatching(/^ITMK-C-2026-\d{6}$/),
      status: 'acknowledged',
      requestReference: request.reference,
      acknowledgedOn: '2026-07-06',
    });
    const ack = await waitForEmail(centre.sesEndpoint, person, [complaint.reference, 'We will look into it']);
    expect(ack.subject).toBe(`We have your complaint ${complaint.reference}`);
    expect(ack.body.text).not.toContain('Nobody answered');

    const list = await (await subject.get(`/api/t/${slug}/me/complaints`)).json();
    expect(list.complaints.map((c: { id: string }) => c.id)).toEqual([complaint.id]);

    // Staff see it in the queue, make enquiries, ask for more, and close it with an outcome.
    const handler = await signedInStaff(centre, slug, handlerEmail);
    const { subject: s } = await me(subject);
    const path = `/api/t/${slug}/admin/subjects/${s.id}/complaints/${complaint.id}`;
    const act = async (action: Record<string, unknown>, status = 200): Promise<ComplaintDetailT> => {
      const { complaint: c } = (await (await handler.get(path)).json()) as ComplaintDetailT;
      const r = await handler.post(`${path}/actions`, { expectedVersion: c.version, action });
      const body = await r.json();
      expect(r.status, JSON.stringify(body)).toBe(status);
      return body;
    };
    expect((await act({ type: 'acknowledge' }, 409)) as unknown).toMatchObject({ error: expect.anything() });
    const assigned = await act({ type: 'assign', assignee: handlerEmail });
    // Staff read its status about the person, not in the words the centre says to them.
    expect(assigned.complaint.statusText).toBe('Acknowledged, open until an outcome is given');
    await act({ type: 'record-enquiry', text: 'Checked the queue: the request was not assigned for 3 weeks.' });
    const asked = await act({ type: 'ask-information', message: 'When did you first write to us?' });
    expect(asked.complaint.status).toBe('awaiting-information');
    await waitForEmail(centre.sesEndpoint, person, [complaint.reference, 'When did you first write to us?']);
    const answered = await subject.post(`/api/t/${slug}/me/complaints/${complaint.id}/answer`, { message: 'On 1 June.' });
    expect(answered.status).toBe(200);
    const closed = await act({
      type: 'close',
      outcome: 'You are right: we were slow. We have changed how requests are assigned.',
    });
    expect(closed.complaint).toMatchObject({ status: 'closed', open: false });
    expect(closed.actions).toEqual(['note']);
    const outcome = await waitForEmail(centre.sesEndpoint, person, [
      complaint.reference,
      'We have changed how requests are assigned.',
    ]);
    expect(outcome.subject).toBe(`The outcome of your complaint ${complaint.reference}`);
    expect(outcome.body.text).toContain('ico.org.uk/make-a-complaint');

    // The person sees the status and history, never staff names or enquiries.
    const view = await (await subject.get(`/api/t/${slug}/me/complaints/${complaint.id}`)).json();
    expect(view).toMatchObject({
      status: 'closed',
      outcome: 'You are right: we were slow. We have changed how requests are assigned.',
    });
    expect(view.history.map((h: { type: string }) => h.type)).toEqual([
      'received',
      'acknowledged',
      'information-requested',
      'information-provided',
      'closed',
    ]);
    const seen = JSON.stringify(view);
    for (const internal of ['Sam Taylor', 'sam.taylor', 'not assigned for 3 weeks', 'enquiry'])
      expect(seen).not.toContain(internal);

    await centre.settle();
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'complaint.received',
        'complaint.viewed',
        'complaint.assigned',
        'complaint.enquiry',
        'complaint.information-requested',
        'complaint.information-provided',
        'complaint.closed',
      ]),
    );

    // The evidence pack: the 30 days, every step with the enquiries, the emails delivered.
    const pack = await handler.get(`${path}/evidence`);
    expect(pack.status).toBe(200);
    const html = await pack.text();
    for (const shown of [
      complaint.reference,
      'within the 30 days',
      'Checked the queue: the request was not assigned for 3 weeks.',
      'We have changed how requests are assigned.',
      'Email &#34;closed&#34; delivered',
    ]) {
      expect(html).toContain(shown);
    }

    // The report: received, acknowledged on time, median days to outcome, by what it was about.
    const report = await (await handler.get(`/api/t/${slug}/admin/reports/complaints?from=2026-07-01&to=2026-07-31`)).json();
    expect(report).toMatchObject({ received: 1, acknowledged: 1, acknowledgedOnTime: 1, closed: 1, medianDaysToOutcome: 0 });
    expect(report.rows.find((r: { about: string }) => r.about === 'request-handling')).toMatchObject({ received: 1, closed: 1 });
    expect(report.rows.find((r: { about: string }) => r.about === 'data-use')).toMatchObject({ received: 0 });
  });

  it('is never shown to another person or another centre’s staff, and links only the person’s own requests', async () => {
    const owner = await signedIn(centre, slug, person);
    const res = await owner.post(`/api/t/${slug}/me/complaints`, { about: 'data-use', what: 'You sent me marketing.' });
    const complaint = await res.json();
    const { subject: s } = await me(owner);

    const stranger = await signedIn(centre, slug, other);
    expect((await stranger.get(`/api/t/${slug}/me/complaints/${complaint.id}`)).status).toBe(404);
    expect((await (await stranger.get(`/api/t/${slug}/me/complaints`)).json()).complaints).toEqual([]);
    expect((await stranger.post(`/api/t/${slug}/me/complaints/${complaint.id}/answer`, { message: 'x' })).status).toBe(404);
    const theirs = await (
      await owner.post(`/api/t/${slug}/me/requests`, {
        idempotencyKey: randomUUID(),
        request: { kind: 'access', scope: 'everything' },
      })
    ).json();
    const linked = await stranger.post(`/api/t/${slug}/me/complaints`, {
      about: 'request-handling',
      what: 'x',
      requestId: theirs.id,
    });
    expect(linked.status).toBe(400);

    // Sam is staff of northgate-it too: from there, it-mk's complaint does not exist.
    const elsewhere = await signedInStaff(centre, 'northgate-it', handlerEmail);
    expect((await elsewhere.get(`/api/t/northgate-it/admin/subjects/${s.id}/complaints/${complaint.id}`)).status).toBe(404);
    const queue = await (await elsewhere.get('/api/t/northgate-it/admin/complaints')).json();
    expect(queue.complaints.map((c: { id: string }) => c.id)).not.toContain(complaint.id);
    // A viewer reads but cannot act.
    const viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
    const detail = (await (
      await viewer.get(`/api/t/${slug}/admin/subjects/${s.id}/complaints/${complaint.id}`)
    ).json()) as ComplaintDetailT;
    expect(detail.actions).toEqual([]);
    const refused = await viewer.post(`/api/t/${slug}/admin/subjects/${s.id}/complaints/${complaint.id}/actions`, {
      expectedVersion: detail.complaint.version,
      action: { type: 'note', text: 'x' },
    });
    expect(refused.status).toBe(403);
  });
});

describe('staff log a complaint received by phone', () => {
  it('counts the 30 days from the day after it arrived (ICO): received 40 days ago, it is overdue, in the queue and the digest', async () => {
    const handler = await signedInStaff(centre, slug, handlerEmail);
    const subjectId = (await centre.deps.subjects.findIdByEmail(slug, other)) as string;
    const today = ukDate(clock.now());
    const receivedOn = addDays(today, -40);
    const acknowledgeBy = acknowledgeByFor(receivedOn, centre.deps.tenants.get(slug)!.nation);
    const late = -daysLeft(acknowledgeBy, today);
    expect(late).toBeGreaterThan(0);
    const res = await handler.post(`/api/t/${slug}/admin/complaints`, {
      subjectId,
      via: 'phone',
      receivedOn,
      about: 'data-use',
      what: 'Rang to say their old address is still used on invoices.',
    });
    const logged = (await res.json()) as ComplaintDetailT;
    expect(res.status, JSON.stringify(logged)).toBe(201);
    expect(logged.complaint).toMatchObject({
      status: 'received',
      acknowledgeBy,
      overdue: true,
      daysLeft: -late,
    });
    expect(logged.actions).toEqual(expect.arrayContaining(['acknowledge', 'close']));

    const queue = await (await handler.get(`/api/t/${slug}/admin/complaints`)).json();
    expect(queue.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(queue.complaints[0]).toMatchObject({ id: logged.complaint.id, overdue: true });

    const results = (await jobHandler(centre.deps, () => {})({ job: 'deadline-digest' })) as DigestResult[];
    expect(results.find((r) => r.tenant === slug)?.overdue).toBeGreaterThanOrEqual(1);
    const digest = await waitForEmail(centre.sesEndpoint, handlerEmail, [
      `${logged.complaint.reference} (Complaint, to acknowledge)`,
      `${late} days overdue`,
    ]);
    expect(digest.subject).toMatch(/overdue/);
    // The complaint's way in is the complaints tab, not the request queue.
    expect(digest.body.text).toContain(`/t/${slug}/admin/complaints`);

    // A date in the future is refused.
    const future = await handler.post(`/api/t/${slug}/admin/complaints`, {
      subjectId,
      via: 'letter',
      receivedOn: addDays(today, 1),
      about: 'data-use',
      what: 'x',
    });
    expect(future.status).toBe(400);

    // Acknowledging it emails the person and stops the 30-day clock.
    const ack = await handler.post(`/api/t/${slug}/admin/subjects/${subjectId}/complaints/${logged.complaint.id}/actions`, {
      expectedVersion: logged.complaint.version,
      action: { type: 'acknowledge', message: 'Thank you for calling us.' },
    });
    const acked = (await ack.json()) as ComplaintDetailT;
    expect(acked.complaint).toMatchObject({ status: 'acknowledged', overdue: false, daysLeft: null, acknowledgedOn: today });
    // No longer overdue, but the lateness stays on its history, where staff look.
    expect(acked.complaint.history.find((h) => h.type === 'acknowledged')?.text).toMatch(
      /^Acknowledged late, after the 30 days \(due by \d+ \w+ \d{4}; the person was emailed\)$/,
    );
    await waitForEmail(centre.sesEndpoint, other, [logged.complaint.reference, 'Thank you for calling us.']);
  });
});

describe('a whole erasure', () => {
  it('keeps the complaint as the organisation’s record but removes the person’s own words', async () => {
    const who = 'alex.morgan@example.com';
    const subject = await signedIn(centre, slug, who);
    const filed = await (
      await subject.post(`/api/t/${slug}/me/complaints`, { about: 'data-use', what: 'My private story.' })
    ).json();
    const subjectId = (await centre.deps.subjects.findIdByEmail(slug, who)) as string;
    const tenant = centre.deps.tenants.get(slug);
    if (!tenant) return expect.fail('no tenant');
    await eraseSubject(centre.deps, { tenant, subjectId, categories: '*', actor: { type: 'staff', id: handlerEmail } });
    const kept = await centre.deps.complaints.get(slug, subjectId, filed.id);
    expect(kept?.reference).toBe(filed.reference);
    expect(JSON.stringify(kept)).not.toContain('My private story.');
  });
});
