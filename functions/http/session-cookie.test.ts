import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sessionCookie } from './session-cookie.ts';

/** A tiny app that writes, reads and clears the cookie as the portal and admin routes do. */
function app(publicUrl: string, audience: 'pc' | 'pcstaff') {
  const cookie = sessionCookie(publicUrl, audience);
  const a = new Hono();
  a.post('/in', (c) => {
    cookie.write(c, 'it-mk', 'session-id', 900);
    return c.body(null, 204);
  });
  a.get('/who', (c) => c.json({ session: cookie.read(c, 'it-mk') ?? null }));
  a.post('/out', (c) => {
    cookie.clear(c, 'it-mk');
    return c.body(null, 204);
  });
  return a;
}

describe('the session cookie', () => {
  it.each([
    ['pc', 'https://privacy.example.com', '__Host-pc_it-mk'],
    ['pcstaff', 'https://privacy.example.com', '__Host-pcstaff_it-mk'],
    ['pc', 'http://localhost:3000', 'pc_it-mk'],
  ] as const)('%s on %s is named %s once, and what the browser sends back is read', async (audience, url, expected) => {
    const a = app(url, audience);
    const set = (await a.request('/in', { method: 'POST' })).headers.get('set-cookie') ?? '';
    const [pair] = set.split(';');
    expect(pair).toBe(`${expected}=session-id`);
    expect(set).toMatch(/Path=\//);
    expect(set).toMatch(/HttpOnly/);
    if (url.startsWith('https')) expect(set).toMatch(/Secure/);
    expect(set).not.toMatch(/Domain=/);
    const back = await (await a.request('/who', { headers: { Cookie: pair ?? '' } })).json();
    expect(back).toEqual({ session: 'session-id' });
    const cleared = (await a.request('/out', { method: 'POST' })).headers.get('set-cookie') ?? '';
    expect(cleared.split(';')[0]).toBe(`${expected}=`);
    expect(cleared).toMatch(/Max-Age=0/);
  });
});
