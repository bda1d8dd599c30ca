import { describe, expect, it } from 'vitest';
import { testClock, useTestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { signedIn } from '../support/sign-in.ts';

const email = 'alex.morgan@example.com';
const clock = testClock();
const s = useTestCentre({ clock });

const signIn = async (tenant: string) => {
  clock.advance(16 * 60);
  return signedIn(s.centre, tenant, email);
};

describe('subject sessions', () => {
  it('answers /me with 401 without a session', async () => {
    const res = await httpClient(s.centre.app, s.centre.base).get('/api/t/it-mk/me');
    expect(res.status).toBe(401);
  });

  it('answers /me with 401 for a made-up session id', async () => {
    const res = await httpClient(s.centre.app, s.centre.base).get('/api/t/it-mk/me', { Cookie: `pc_it-mk=${'x'.repeat(43)}` });
    expect(res.status).toBe(401);
  });

  it('makes a session of tenant A worthless on tenant B', async () => {
    const http = await signIn('it-mk');
    const sessionId = http.jar.get('pc_it-mk');
    expect(sessionId).toBeDefined();
    expect((await http.get('/api/t/it-mk/me')).status).toBe(200);
    const elsewhere = httpClient(s.centre.app, s.centre.base);
    const res = await elsewhere.get('/api/t/instant-on-it/me', { Cookie: `pc_instant-on-it=${sessionId}` });
    expect(res.status).toBe(401);
  });

  it('ends the session on the server at logout', async () => {
    const http = await signIn('it-mk');
    const sessionId = http.jar.get('pc_it-mk') as string;
    const out = await http.post('/api/t/it-mk/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    const replay = await httpClient(s.centre.app, s.centre.base).get('/api/t/it-mk/me', { Cookie: `pc_it-mk=${sessionId}` });
    expect(replay.status).toBe(401);
  });

  it('expires after 30 minutes idle', async () => {
    const http = await signIn('it-mk');
    clock.advance(29 * 60);
    expect((await http.get('/api/t/it-mk/me')).status).toBe(200);
    clock.advance(29 * 60); // activity moved the idle limit on
    expect((await http.get('/api/t/it-mk/me')).status).toBe(200);
    clock.advance(30 * 60 + 1);
    expect((await http.get('/api/t/it-mk/me')).status).toBe(401);
  });

  it('expires after 12 hours however active', async () => {
    const http = await signIn('it-mk');
    // Active every 25 minutes: fine for 11 h 40 min (28 steps), then the absolute limit ends it.
    for (let i = 0; i < 28; i++) {
      clock.advance(25 * 60);
      expect((await http.get('/api/t/it-mk/me')).status, `after ${(i + 1) * 25} min`).toBe(200);
    }
    clock.advance(25 * 60);
    expect((await http.get('/api/t/it-mk/me')).status).toBe(401);
  });

  it('issues a new session id at every sign-in and ends the previous one', async () => {
    const http = await signIn('it-mk');
    const first = http.jar.get('pc_it-mk') as string;
    clock.advance(16 * 60);
    const again = await signedIn(s.centre, 'it-mk', email);
    const second = again.jar.get('pc_it-mk') as string;
    expect(second).not.toBe(first);
    // Signing in again from the same browser ends the old session
    const token = await (await import('../support/sign-in.ts')).requestToken(s.centre, 'it-mk', email);
    const res = await http.post('/api/t/it-mk/auth/verify', { token });
    expect(res.status).toBe(200);
    expect(http.jar.get('pc_it-mk')).not.toBe(first);
    const old = await httpClient(s.centre.app, s.centre.base).get('/api/t/it-mk/me', { Cookie: `pc_it-mk=${first}` });
    expect(old.status).toBe(401);
  });
});
