import { describe, expect, it } from 'vitest';
import { adminClient } from '../support/staff.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/**
 * Staff downloads opened as a link (issue 18): signed out, a page asking to sign in, not raw JSON;
 * the page's own scripts still get JSON; signed in, the download itself.
 */
const slug = 'it-mk';
const { s, admin, logRequest } = useStaffCentre(slug);
const browser = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('a staff download opened as a link', () => {
  it.each([
    '/subjects/s-1/requests/rq-1/evidence',
    '/subjects/s-1/complaints/c-1/evidence',
    '/audit/export?format=json',
    '/reports.csv?from=2026-01-01&to=2026-01-31',
  ])('%s signed out: a page asking to sign in (401), JSON for the page’s scripts', async (path) => {
    const page = await adminClient(s.centre).get(admin(path), browser);
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<h1>Sign in to download this</h1>');
    expect(html).toContain(`<a href="/t/${slug}/admin/">Sign in to the staff pages</a>`);
    const script = await adminClient(s.centre).get(admin(path), { Accept: 'application/json' });
    expect(script.status).toBe(401);
    expect((await script.json()).error).toBe('unauthenticated');
  });

  it('signed in: a request that is not there says so in a page; one that is downloads', async () => {
    const missing = await s.handler.get(admin('/subjects/s-1/requests/rq-1/evidence'), browser);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>There is nothing to download here</h1>');
    const logged = await logRequest({ email: 'rachel.hughes@example.co.uk', request: { kind: 'access', scope: 'everything' } });
    const pack = await s.handler.get(
      admin(`/subjects/${logged.request.subjectId}/requests/${logged.request.id}/evidence`),
      browser,
    );
    expect(pack.status).toBe(200);
    expect(pack.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect(await pack.text()).toContain(logged.request.reference);
  });
});
