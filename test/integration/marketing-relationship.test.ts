import { describe, expect, it } from 'vitest';
import { mayWeSend } from '../../shared/marketing/preferences.ts';
import type { MarketingResponse } from '../../shared/portal-api.ts';
import { signedIn } from '../support/sign-in.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/**
 * PECR end to end at IT-MK (legitimate interests): the marketing default follows who the person is.
 * Alex applied for a job (an applicant): nothing is sent until they opt in, whatever the channel.
 * Rachel is a member (a customer): security bulletins by email under the soft opt-in, but no
 * calls (IT-MK records no TPS screening) and no post. Staff and imports set the kind, audited.
 */
const slug = 'it-mk';
const { s, admin } = useStaffCentre(slug, { timeout: 60_000 });

const idOf = async (email: string) => (await s.centre.deps.subjects.findIdByEmail(slug, email)) as string;
const ask = async (email: string, channel: string, topic = 'security-bulletins') =>
  mayWeSend(s.centre.deps, { tenant: s.tenant, subjectId: await idOf(email), channel, topic });
const pageOf = async (email: string): Promise<MarketingResponse> =>
  (await (await signedIn(s.centre, slug, email)).get(`/api/t/${slug}/me/marketing`)).json();

describe('marketing only where the law allows it', () => {
  it('sends a job applicant nothing under legitimate interests, on any channel, and does not call them a customer', async () => {
    for (const channel of ['email', 'phone', 'post']) {
      expect(await ask('alex.morgan@example.com', channel)).toEqual({ allowed: false, reason: 'no-consent' });
    }
    const page = await pageOf('alex.morgan@example.com');
    expect(page.lawfulBasis).toBe('legitimate-interests');
    expect(page.cells.every((c) => !c.granted && c.since === null)).toBe(true);
    expect(page.intro).toMatch(/^We only send you what you have switched on/);
    expect(page.intro).not.toMatch(/customer/);
  });

  it('gives a member the soft opt-in by email only: no call without TPS screening, nothing by post', async () => {
    expect(await ask('rachel.hughes@example.co.uk', 'email')).toEqual({ allowed: true });
    expect(await ask('rachel.hughes@example.co.uk', 'phone')).toEqual({ allowed: false, reason: 'no-consent' });
    expect(await ask('rachel.hughes@example.co.uk', 'post')).toEqual({ allowed: false, reason: 'no-consent' });
    const page = await pageOf('rachel.hughes@example.co.uk');
    expect(page.intro).toMatch(/^As an existing customer, we may contact you by email about/);
  });

  it('lets staff say who a person is (audited); the default follows at once', async () => {
    const id = await idOf('david.wilson@example.co.uk'); // another applicant
    expect(await ask('david.wilson@example.co.uk', 'email')).toMatchObject({ allowed: false });
    const view = await (await s.handler.get(admin(`/subjects/${id}`))).json();
    expect(view.subject.relationship.kind).toBe('applicant');
    expect(view.relationshipKinds).toContainEqual({ id: 'customer', name: 'Member' });
    const res = await s.handler.put(admin(`/subjects/${id}/relationship`), {
      startedOn: view.subject.relationship.startedOn,
      endedOn: null,
      kind: 'customer',
      reason: 'Joined as a member after the interview',
    });
    expect(res.status).toBe(200);
    expect(await ask('david.wilson@example.co.uk', 'email')).toEqual({ allowed: true });
    const audit = (await s.centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.relationship_set');
    expect(audit.at(-1)).toMatchObject({ subjectId: id, detail: { changed: 'kind', kind: 'customer' } });
    // A kind the tenant does not declare is refused.
    const bad = await s.handler.put(admin(`/subjects/${id}/relationship`), {
      startedOn: view.subject.relationship.startedOn,
      endedOn: null,
      kind: 'member',
      reason: 'x',
    });
    expect(bad.status).toBe(400);
  });

  it('sets the kind from an import: for a new person, and for one already here (the other system’s word)', async () => {
    const content = [
      'email,sourceKey,recordedOn,relationshipKind,reference,channel,subject,summary,status',
      'george.lane@example.co.uk,HALO-2001,2026-01-05,applicant,HALO-2001,Phone,Role,Asked about a job,Closed',
      'new.applicant@example.com,HALO-2002,2026-01-06,applicant,HALO-2002,Email,CV,Sent a CV,Closed',
      'bad.kind@example.com,HALO-2003,2026-01-06,member,HALO-2003,Email,x,y,Closed',
    ].join('\n');
    const res = await s.handler.post(admin('/imports'), {
      format: 'csv',
      category: 'support-tickets',
      system: 'halo-psa',
      dryRun: false,
      validRowsOnly: true,
      content,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const report = await res.json();
    expect(report.counts).toMatchObject({ created: 2, invalid: 1, subjectsCreated: 1, relationshipsSet: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ field: 'relationshipKind', message: expect.stringMatching(/one of: customer, prospect/) }),
    ]);
    expect((await s.centre.deps.subjects.get(slug, await idOf('new.applicant@example.com')))?.relationship.kind).toBe(
      'applicant',
    );
    expect(await ask('new.applicant@example.com', 'email')).toEqual({ allowed: false, reason: 'no-consent' });
    expect((await s.centre.deps.subjects.get(slug, await idOf('george.lane@example.co.uk')))?.relationship.kind).toBe(
      'applicant',
    );
  });
});
