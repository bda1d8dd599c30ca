import { describe, expect, it } from 'vitest';
import { testClock, useTestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { requestToken } from '../support/sign-in.ts';

const tenant = 'the-one-point';
const email = 'alex.morgan@example.com';
const clock = testClock();
const s = useTestCentre({ clock, distDir: 'web/dist' });

const verify = (token: string, onTenant = tenant) =>
  httpClient(s.centre.app, s.centre.base).post(`/api/t/${onTenant}/auth/verify`, { token });

// Each test asks for links for several addresses; move the clock past the rate-limit window first.
const fresh = async (who = email, on = tenant) => {
  clock.advance(16 * 60);
  return requestToken(s.centre, on, who);
};

describe('POST /api/t/:tenant/auth/verify', () => {
  it('signs in with a session cookie that is HttpOnly, SameSite=Lax and path /', async () => {
    const res = await verify(await fresh());
    expect(res.status).toBe(200);
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^pc_the-one-point=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('works once: a used token is refused with a generic message', async () => {
    const token = await fresh();
    expect((await verify(token)).status).toBe(200);
    const again = await verify(token);
    expect(again.status).toBe(400);
    expect((await again.json()).message).toMatch(/does not work any more/);
  });

  it('lets exactly one of two racing verifications win', async () => {
    const token = await fresh();
    const results = await Promise.all([verify(token), verify(token), verify(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
  });

  it('refuses an expired token (15 minutes) with the same message', async () => {
    const token = await fresh();
    clock.advance(15 * 60 + 1);
    const res = await verify(token);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/does not work any more/);
  });

  it('refuses an unknown token and a malformed one', async () => {
    expect((await verify('A'.repeat(43))).status).toBe(400);
    const bad = await verify('short');
    expect(bad.status).toBe(400);
  });

  it('binds a token to its tenant', async () => {
    const token = await fresh();
    expect((await verify(token, 'it-mk')).status).toBe(400);
    expect((await verify(token)).status).toBe(200);
  });

  it('never consumes the token on GET or HEAD of the link page (mail scanners)', async () => {
    const token = await fresh();
    const server = s.centre.server;
    if (!server) throw new Error('no server');
    const page = await server.request(`/t/${tenant}/verify`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expect((await server.request(`/t/${tenant}/verify`, { method: 'HEAD' })).status).toBe(200);
    expect((await verify(token)).status).toBe(200);
  });

  it('stores only hashes of tokens and sessions', async () => {
    const token = await fresh();
    const res = await verify(token);
    const sessionId = (res.headers.get('Set-Cookie') ?? '').split(';')[0]?.split('=')[1] ?? '';
    expect(sessionId).toHaveLength(43);
    const everything = JSON.stringify(await s.centre.scanAll());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(sessionId);
  });

  it('records sign-in in the audit trail without tokens', async () => {
    const items = await s.centre.scanAll();
    const audit = items.filter((i) => i.type === 'audit');
    expect(audit.some((a) => a.action === 'auth.signed_in')).toBe(true);
    expect(audit.some((a) => a.action === 'auth.link_requested')).toBe(true);
  });
});
