import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { signedIn } from '../support/sign-in.ts';

/**
 * The download link of an export opened in a browser with no session (signed out, or the session
 * timed out while the email sat unread): a page that says to sign in, not the raw JSON of a 401.
 */
const slug = 'it-mk';
let centre: TestCentre;
beforeAll(async () => {
  centre = await startTestCentre();
});
afterAll(() => centre.stop());

const link = `/api/t/${slug}/me/requests/rq-123/exports/ex-456/download`;
const browser = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('an export download opened without a session', () => {
  it('shows a browser a page asking them to sign in, with the way back to the request', async () => {
    const res = await httpClient(centre.app, centre.base).get(link, browser);
    expect(res.status).toBe(401);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Sign in to download your data</h1>');
    expect(html).toContain(`<a href="/t/${slug}/">Sign in</a>`);
    expect(html).toContain(`<a href="/t/${slug}/requests/rq-123">your request</a>`);
    expect(html).not.toContain('"error"');
  });

  it('still answers a script with JSON', async () => {
    const res = await httpClient(centre.app, centre.base).get(link);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('unauthenticated');
  });

  it('gives a signed-in browser a page for an export that is not theirs, as before', async () => {
    const http = await signedIn(centre, slug, 'alex.morgan@example.com');
    const res = await http.get(link, browser);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<h1>There is nothing to download here</h1>');
  });
});
