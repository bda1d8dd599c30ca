import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedIn } from '../../support/sign-in.ts';
import { bearer } from '../../support/systems.ts';
import { useSystemsCentre } from '../../support/systems-centre.ts';

/**
 * The done-when "a correction reaches the PSA stand-in": Alex Morgan asks for their job title to
 * be corrected; staff start the request, see what the correction will change where (HaloPSA's
 * user title, old → new; Microsoft 365 and Mailchimp do not hold it), correct it in the systems,
 * then apply it to the centre's own record. HaloPSA's own API then shows the new title, and the
 * letter and the evidence pack say where it was corrected and where not. Real connectors,
 * stand-ins, DynamoDB Local; the tenant is inflection-point as shipped.
 */
const slug = 'inflection-point';
const email = 'alex.morgan@example.com';
const { s, path, detail, act } = useSystemsCentre(slug);

/** Alex as HaloPSA holds them, asked through Halo's own API. */
async function haloUser() {
  const halo = (await s.standIns.credentials.get(slug, 'halo')) as Record<string, string>;
  const auth = await bearer(halo.authUrl!, halo.clientId!, halo.clientSecret!);
  const found = await (await fetch(`${halo.baseUrl}/Users?search=${encodeURIComponent(email)}`, { headers: auth })).json();
  return (found.users as { emailaddress: string; title: string; name: string }[]).find((u) => u.emailaddress === email);
}

describe('a correction travels to the connected systems that hold the field', () => {
  it('is previewed, applied in HaloPSA (seen through its own API), then in the centre, and the letter and evidence say where', async () => {
    const subject = await signedIn(s.centre, slug, email);
    const subjectId = (await (await subject.get(`/api/t/${slug}/me`)).json()).subject.id as string;
    const records = await s.centre.deps.subjects.listRecords(slug, subjectId);
    const employment = records.find((r) => r.category === 'employment')!;
    expect(employment.data.jobTitle).toBe('Practice Office Manager');
    expect((await haloUser())?.title).toBe('Practice Office Manager');

    const filed = await subject.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'rectification', recordId: employment.id, field: 'jobTitle', value: 'Operations Manager' },
    });
    expect(filed.status).toBe(201);
    const r = { subjectId, id: (await filed.json()).id as string };

    // Not before the connected systems have had it: the centre's own correction waits.
    let d = await act(r, { type: 'start' });
    expect(d.actions).not.toContain('apply-rectification');
    await s.centre.settleSystems();
    d = await detail(r);
    expect(d.systems?.operation).toBe('read');
    expect(d.actions).toContain('correct-in-systems');
    expect(d.systems?.blocked).toMatch(/Correct it in the connected systems that hold it first \(HaloPSA\)/);
    const preview = d.systems?.correction;
    expect(preview?.stage).toBe('preview');
    expect(preview?.lines).toEqual([
      {
        systemId: 'halo',
        systemName: 'HaloPSA',
        state: 'will-change',
        ref: expect.stringMatching(/^user:\d+$/),
        object: 'user',
        field: 'title',
        from: 'Practice Office Manager',
        to: 'Operations Manager',
      },
    ]);
    expect(preview?.notHolding.map((s) => s.systemId)).toEqual(['m365', 'mailchimp', 'call-recordings']);
    expect((await haloUser())?.title).toBe('Practice Office Manager');

    d = await act(r, { type: 'correct-in-systems' });
    expect(d.systems?.operation).toBe('correct');
    expect(d.systems?.results.map((s) => s.systemId)).toEqual(['halo']);
    await s.centre.settleSystems();
    d = await detail(r);
    expect(d.systems?.results[0]).toMatchObject({ state: 'done', text: 'Corrected 1 record' });
    expect(d.systems?.correction?.stage).toBe('outcome');
    expect(d.systems?.correction?.lines[0]).toMatchObject({ state: 'changed', field: 'title', from: 'Practice Office Manager' });
    expect(await haloUser()).toMatchObject({ title: 'Operations Manager', name: 'Alex Morgan' });

    d = await act(r, { type: 'apply-rectification' });
    expect(d.request.status).toBe('completed');
    const after = await s.centre.deps.subjects.listRecords(slug, subjectId);
    expect(after.find((x) => x.id === employment.id)?.data.jobTitle).toBe('Operations Manager');

    const stored = await s.centre.deps.requests.get(slug, subjectId, r.id);
    const letter = (stored?.history.find((h) => h.type === 'completed')?.message ?? '').split('\n');
    expect(letter[0]).toBe('We have corrected your job title as you asked: it now reads “Operations Manager”.');
    expect(letter).toContain('HaloPSA: we corrected your job title on 1 user account.');
    expect(letter).toContain(
      'Microsoft 365 (Harbourside Dental Practice Ltd): it does not hold your job title, so there was nothing to change there.',
    );
    expect(letter).toContain('Mailchimp (newsletters): it does not hold your job title, so there was nothing to change there.');

    const evidence = await (await s.handler.get(`${path(r)}/evidence`)).text();
    const section = evidence.slice(evidence.indexOf('<h2>Connected systems searched'), evidence.indexOf('<h2>Delivery'));
    expect(section).toContain('The correction was asked for on');
    expect(section).toContain('The correction changed Job title (employment.jobTitle)');
    expect(section).toMatch(/changed job title on user:\d+/);
    expect(section).toContain('Not holding this field, as their declarations say, so not corrected: Microsoft 365');
    expect(section).not.toContain('Operations Manager');
    expect(section).not.toContain('Practice Office Manager');
  });
});
