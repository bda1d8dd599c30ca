import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QueueResponse, RequestDetail } from '../../shared/admin-api.ts';
import { ukDate } from '../../shared/deadlines.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { withdrawOpen } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/**
 * Someone acting for another person (issue 18): on the person's own form, flagged for staff to
 * check the authority; staff record the check after logging (audited), and it shows on the
 * request and in the evidence pack. Answers go to an address typed on the form only once checked.
 */
const slug = 'it-mk';
const person = 'james.patel@example.com';
const attorney = 'jo.patel.attorney@example.net';
const { s, admin, logRequest, act } = useStaffCentre(slug);
const detailOf = async (subjectId: string, requestId: string): Promise<RequestDetail> =>
  (await s.handler.get(admin(`/subjects/${subjectId}/requests/${requestId}`))).json();
const queued = async (id: string) =>
  ((await (await s.handler.get(admin('/requests'))).json()) as QueueResponse).requests.find((r) => r.id === id);

describe('someone acting for the person, on the person’s own form', () => {
  it('is flagged for staff to check, and only the person is written to until the authority is checked', async () => {
    const http = await signedIn(s.centre, slug, person);
    await withdrawOpen(http, slug, 'access');
    const res = await http.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
      onBehalf: { name: 'Jo Patel', email: attorney, capacity: 'attorney', authority: 'Lasting power of attorney' },
    });
    expect(res.status).toBe(201);
    const view = await res.json();
    // The person's page says who made it and that the authority is still to be checked.
    expect(view.actingFor).toEqual({ name: 'Jo Patel', capacity: 'attorney', checked: false });
    // The acknowledgement goes to the address the request was made from, not to one no one has confirmed.
    await waitForEmail(s.centre.sesEndpoint, person, view.reference);
    expect(await emailsTo(s.centre.sesEndpoint, attorney, view.reference)).toEqual([]);

    // Staff see it flagged in the queue and on the request, with the step offered.
    const subjectId = (await s.centre.deps.subjects.findIdByEmail(slug, person)) as string;
    expect((await queued(view.id))?.authorityUnchecked).toBe(true);
    const detail = await detailOf(subjectId, view.id);
    expect(detail.request.authorityUnchecked).toBe(true);
    expect(detail.request.onBehalf).toMatchObject({ name: 'Jo Patel', recordedBy: 'requester' });
    expect(detail.actions).toContain('record-authority');

    // Checked: the flag goes, the person's page says so, and the next answer goes to the attorney.
    const after: RequestDetail = await act(detail, {
      type: 'record-authority',
      authority: 'Lasting power of attorney for property and financial affairs',
      checked: 'LPA checked with the Office of the Public Guardian register',
    });
    expect(after.request.authorityUnchecked).toBeUndefined();
    expect((await queued(view.id))?.authorityUnchecked).toBeUndefined();
    expect((await (await http.get(`/api/t/${slug}/me/requests/${view.id}`)).json()).actingFor.checked).toBe(true);
    await act(after, { type: 'ask-information', message: 'Which years do you need?', purpose: 'clarification' });
    await waitForEmail(s.centre.sesEndpoint, attorney, view.reference);
  });
});

describe('staff record the authority of someone acting for the person after logging', () => {
  it('records what gives them authority and how it was checked: audited, on the request and in the evidence pack', async () => {
    const detail = await logRequest({
      via: 'letter',
      email: 'kit.child@example.net',
      onBehalf: { name: 'Pat Parent', capacity: 'parent', authority: 'Parental responsibility' },
      request: { kind: 'access', scope: 'everything' },
    });
    expect(detail.request.onBehalf?.checked).toBeUndefined();
    expect(detail.actions).toContain('record-authority');

    const checked = 'Birth certificate seen at the office; the child is 11';
    const after: RequestDetail = await act(detail, {
      type: 'record-authority',
      authority: 'Parental responsibility (mother)',
      checked,
    });
    expect(after.request.onBehalf).toMatchObject({
      name: 'Pat Parent',
      authority: 'Parental responsibility (mother)',
      checked,
      checkedOn: ukDate(new Date()),
      checkedBy: 'Sam Taylor',
      recordedBy: 'staff',
    });
    expect(after.request.history.some((h) => h.internal && h.text.startsWith('Authority of the person acting checked'))).toBe(
      true,
    );
    // Audited, with no words about the person in the event.
    const subjectId = detail.request.subjectId;
    const events = await s.centre.deps.trail.listForSubject(slug, subjectId);
    const event = events.find((e) => e.action === 'request.authority-checked' && e.detail?.requestId === detail.request.id);
    expect(event?.actor).toEqual({ type: 'staff', id: 'sam.taylor@staff.example' });
    expect(JSON.stringify(event)).not.toContain('Birth certificate');
    // The evidence pack says who acted, with what authority, and how (and when, by whom) it was checked.
    const pack = await (await s.handler.get(admin(`/subjects/${subjectId}/requests/${detail.request.id}/evidence`))).text();
    expect(pack).toContain('<h2>Acting for the person</h2>');
    expect(pack).toContain(checked);
    expect(pack).toContain('recorded by Sam Taylor');
  });

  it('is not offered, and refused, on a request no one made for the person', async () => {
    const detail = await logRequest({ email: 'rachel.hughes@example.co.uk', request: { kind: 'access', scope: 'everything' } });
    expect(detail.actions).not.toContain('record-authority');
    const refused = await act(detail, { type: 'record-authority', authority: 'None', checked: 'None' }, 409);
    expect(refused.message).toBe('No one acts for the person on this request.');
  });
});
