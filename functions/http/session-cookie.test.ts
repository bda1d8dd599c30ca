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

describe('signing in and out through the cookie', () => {
  const cookie = sessionCookie('https://privacy.example.com', 'pc');
  const ended: string[] = [];
  const end = async (sessionId: string) => {
    ended.push(sessionId);
  };
  const a = new Hono();
  a.post('/in', async (c) => {
    const refuse = c.req.query('refuse') === '1';
    await cookie.signIn(
      c,
      'it-mk',
      async () => {
        if (refuse) throw new Error('refused');
        return { sessionId: 'new-id', maxAgeSeconds: 900 };
      },
      end,
    );
    return c.body(null, 204);
  });
  a.onError((_, c) => c.body(null, 400));
  a.post('/out', async (c) => {
    await cookie.signOut(c, 'it-mk', end);
    return c.body(null, 204);
  });
  const held = { Cookie: '__Host-pc_it-mk=old-id' };

  it('a new session replaces the one the browser held, which ends on the server', async () => {
    ended.length = 0;
    const res = await a.request('/in', { method: 'POST', headers: held });
    expect(res.headers.get('set-cookie')?.split(';')[0]).toBe('__Host-pc_it-mk=new-id');
    expect(ended).toEqual(['old-id']);
  });

  it('a refused sign-in ends nothing and sets no cookie', async () => {
    ended.length = 0;
    const res = await a.request('/in?refuse=1', { method: 'POST', headers: held });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(ended).toEqual([]);
  });

  it('signing out ends the held session and clears the cookie; without one it only clears', async () => {
    ended.length = 0;
    const out = await a.request('/out', { method: 'POST', headers: held });
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-pc_it-mk=;.*Max-Age=0/);
    expect(ended).toEqual(['old-id']);
    const bare = await a.request('/out', { method: 'POST' });
    expect(bare.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(ended).toEqual(['old-id']);
  });
});
