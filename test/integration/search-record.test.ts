import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { ukDate } from '../../shared/deadlines.ts';
import { renderSummary } from '../../shared/exports/summary.tsx';
import { useTestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

/** The search record of an access request: recorded by the handler, in the evidence pack and the export's cover note. */
const slug = 'it-mk';
const email = 'james.patel@example.com';
const s = useTestCentre();

describe('the search record', () => {
  it('records each search on an access request, refuses it on other kinds, and shows it in the evidence pack and cover note', async () => {
    const subject = await signedIn(s.centre, slug, email);
    const handler = await signedInStaff(s.centre, slug, 'sam.taylor@staff.example');
    const me = await (await subject.get(`/api/t/${slug}/me`)).json();
    const file = async (request: Record<string, unknown>) =>
      (await subject.post(`/api/t/${slug}/me/requests`, { idempotencyKey: randomUUID(), request })).json();
    const access = await file({ kind: 'access', scope: 'everything' });
    const path = (id: string) => `/api/t/${slug}/admin/subjects/${me.subject.id}/requests/${id}`;
    const act = async (id: string, action: Record<string, unknown>) => {
      const { request } = (await (await handler.get(path(id))).json()) as RequestDetail;
      return handler.post(`${path(id)}/actions`, { expectedVersion: request.version, action });
    };
    const today = ukDate(new Date());
    const found = await act(access.id, {
      type: 'record-search',
      systemId: 'xero',
      place: 'Xero',
      identity: email,
      searchedOn: today,
      found: true,
      count: 3,
      note: 'Three invoices; included in the export.',
    });
    expect(found.status).toBe(200);
    const none = await act(access.id, {
      type: 'record-search',
      place: 'Paper HR files, Milton Keynes office',
      identity: 'James Patel',
      searchedOn: today,
      found: false,
    });
    const detail = (await none.json()) as RequestDetail;
    expect(detail.request.searches).toEqual([
      expect.objectContaining({ place: 'Xero', systemId: 'xero', found: true, count: 3, by: 'Sam Taylor', automatic: false }),
      expect.objectContaining({ place: 'Paper HR files, Milton Keynes office', found: false, note: '' }),
    ]);

    const erasure = await file({ kind: 'erasure', scope: 'everything' });
    expect(erasure.id).toEqual(expect.any(String));
    const refused = await act(erasure.id, { type: 'record-search', place: 'x', identity: 'x', searchedOn: today, found: false });
    expect(refused.status).toBe(409);

    const html = await (await handler.get(`${path(access.id)}/evidence`)).text();
    expect(html).toContain('<h2>The searches made</h2>');
    expect(html).toContain('Three invoices; included in the export.');
    expect(html).toContain('Paper HR files, Milton Keynes office');

    // The export's cover note lists them (the stored request, as the export job reads it).
    const stored = await s.centre.deps.requests.get(slug, me.subject.id, access.id);
    const tenant = s.centre.deps.tenants.get(slug);
    const person = await s.centre.deps.subjects.get(slug, me.subject.id);
    if (!stored || !tenant || !person) return expect.fail('request, tenant or subject missing');
    const summary = renderSummary({
      tenant,
      request: stored,
      subject: person,
      kind: 'access',
      tally: { counts: new Map(), extraKeys: new Map(), unknown: [], name: 'James Patel' } as never,
      generatedAt: new Date(),
    });
    expect(summary).toContain('We also recorded these searches for your request');
    expect(summary).toMatch(/Xero, \d{1,2} \w+ \d{4}: found 3/);
    expect(summary).toMatch(/Paper HR files, Milton Keynes office, \d{1,2} \w+ \d{4}: nothing found/);
    expect(summary).not.toContain('Three invoices');
  });
});
