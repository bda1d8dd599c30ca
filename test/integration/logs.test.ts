import { describe, expect, it, vi } from 'vitest';
import { useTestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { requestToken } from '../support/sign-in.ts';

const s = useTestCentre();

describe('logs', () => {
  it('carry no tokens, session ids or email addresses through a whole sign-in, including failures', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
    );
    const email = 'alex.morgan@example.com';
    const token = await requestToken(s.centre, 'it-mk', email);
    const http = httpClient(s.centre.app, s.centre.base);
    const ok = await http.post('/api/t/it-mk/auth/verify', { token });
    const sessionId = http.jar.get('pc_it-mk') ?? '';
    await http.post('/api/t/it-mk/auth/verify', { token }); // reused: refused
    await http.get('/api/t/it-mk/me');
    await http.post('/api/t/it-mk/auth/link', { email: 'unknown.person@example.com' });
    await http.post('/api/t/it-mk/auth/link', '{ broken', { 'Content-Type': 'application/json' });
    await http.post('/api/t/it-mk/auth/logout');
    for (const spy of spies) spy.mockRestore();
    expect(ok.status).toBe(200);
    const all = lines.join('\n');
    for (const secret of [token, sessionId, email, 'unknown.person@example.com']) expect(all).not.toContain(secret);
  });
});
