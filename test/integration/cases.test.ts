import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { ukDate } from '../../shared/deadlines.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { withdrawOpen } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/** Requests from anyone (issue 18): any address, someone acting for another, outcomes beyond refusal. */
const slug = 'it-mk';
const { s, admin, requestPath: path, logRequest: log, act } = useStaffCentre(slug);

describe('a request from anyone', () => {
  it('logs a request for an address not held, and answers "nothing held" in the right words', async () => {
    const email = 'not.held@example.net';
    expect(await s.centre.deps.subjects.findIdByEmail(slug, email)).toBeUndefined();
    const logged = await log({ email, request: { kind: 'erasure', scope: 'everything' } });
    expect(logged.actions).toContain('answer-nothing-held');
    // Known only as the requester: no relationship with the organisation is made up for them.
    expect(logged.subject.relationship).toBeNull();
    await waitForEmail(s.centre.sesEndpoint, email, logged.request.reference);

    const done: RequestDetail = await act(logged, { type: 'answer-nothing-held' });
    expect(done.request).toMatchObject({ status: 'completed', outcome: 'nothing-held' });
    expect(done.request.searches).toMatchObject([{ identity: email, found: false, automatic: true }]);
    const answer = await waitForEmail(s.centre.sesEndpoint, email, 'we hold none, so there is nothing to erase');
    expect(answer.subject).toBe(`Your request ${logged.request.reference} is complete`);
    // Counted in the reports by outcome.
    const today = ukDate(new Date());
    const report = await (await s.handler.get(admin(`/reports?from=${today}&to=${today}`))).json();
    expect(report.rows.find((r: { kind: string }) => r.kind === 'erasure').byOutcome['nothing-held']).toBe(1);
  });

  it('counts the marketing choices in the evidence pack as the export does (from the consent ledger)', async () => {
    // Alex applied for a job at IT-MK: no soft opt-in, so the ledger holds the choice they make themselves.
    const alex = await signedIn(s.centre, slug, 'alex.morgan@example.com');
    const optIn = { changes: [{ channel: 'email', topic: 'security-bulletins', granted: true }] };
    expect((await alex.put(`/api/t/${slug}/me/marketing`, optIn)).status).toBe(200);
    const logged = await log({ email: 'alex.morgan@example.com', request: { kind: 'access', scope: 'everything' } });
    const ledger = await s.centre.deps.consents.list(slug, logged.request.subjectId);
    expect(ledger.length).toBeGreaterThan(0);
    await act(logged, { type: 'complete', message: 'Your data is attached.', outcome: 'partly-done' });
    const pack = await (await s.handler.get(`${path(logged.request)}/evidence`)).text();
    const name = s.centre.deps.tenants.get(slug)?.categories.find((c) => c.id === 'marketing-preferences')?.name ?? '';
    expect(pack).toContain(`<tr><td>${name.replace(/&/g, '&amp;')}</td><td>${ledger.length}</td></tr>`);
  });

  it('refuses "nothing held" for someone the centre does hold data about', async () => {
    const logged = await log({ email: 'james.patel@example.com', request: { kind: 'access', scope: 'everything' } });
    const refused = await act(logged, { type: 'answer-nothing-held' }, 409);
    expect(refused.message).toMatch(/This centre holds \d+ records? about this person/);
  });

  it('the person’s own form records who acts for them, unchecked until staff check it', async () => {
    const http = await signedIn(s.centre, slug, 'james.patel@example.com');
    await withdrawOpen(http, slug, 'access');
    const res = await http.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
      onBehalf: { name: 'Jo Patel', capacity: 'attorney', authority: 'Lasting power of attorney' },
    });
    expect(res.status).toBe(201);
    const view = await res.json();
    const me = await (await http.get(`/api/t/${slug}/me`)).json();
    const stored = await s.centre.deps.requests.get(slug, me.subject.id, view.id);
    expect(stored?.onBehalf).toEqual({
      name: 'Jo Patel',
      capacity: 'attorney',
      authority: 'Lasting power of attorney',
      recordedBy: 'requester',
    });
  });

  it('records who acts for the person, and answers them, not the person', async () => {
    const child = 'kid.for.parent@example.net';
    const parent = 'parent.of.kid@example.net';
    const logged = await log({
      email: child,
      onBehalf: {
        name: 'Pat Parent',
        email: parent,
        capacity: 'parent',
        authority: 'Parental responsibility',
        checked: 'Birth certificate',
      },
      request: { kind: 'access', scope: 'everything' },
    });
    expect(logged.request.onBehalf).toMatchObject({ name: 'Pat Parent', capacity: 'parent', recordedBy: 'staff' });
    await waitForEmail(s.centre.sesEndpoint, parent, logged.request.reference);
    expect(await emailsTo(s.centre.sesEndpoint, child, logged.request.reference)).toEqual([]);
  });
});
