import { describe, expect, it } from 'vitest';
import { LINK_LIMITS } from '../../shared/auth/subject-sign-in.ts';
import { testClock, useTestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { signedIn } from '../support/sign-in.ts';
import { adminClient } from '../support/staff.ts';

/**
 * Every rate limit a page can meet says how long to wait, in minutes that agree with the
 * Retry-After header (issue 18: "Please wait and try again" left people guessing).
 */
const tenant = 'it-mk';
const clock = testClock();
const s = useTestCentre({ clock });

/** The response's message, and the minutes Retry-After gives, rounded up as the words round them. */
async function refusal(res: Response) {
  expect(res.status).toBe(429);
  const seconds = Number(res.headers.get('Retry-After'));
  expect(seconds).toBeGreaterThan(0);
  return { message: ((await res.json()) as { message: string }).message, minutes: Math.ceil(seconds / 60) };
}

describe('a rate limit says how long to wait', () => {
  it('on a subject sign-in link', async () => {
    clock.advance(3600);
    const http = httpClient(s.centre.app, s.centre.base);
    const email = 'wait.words@example.com';
    for (let i = 0; i < LINK_LIMITS.perEmail; i++) {
      expect((await http.post(`/api/t/${tenant}/auth/link`, { email }, { 'X-Test-Client': `a-${i}` })).status).toBe(202);
    }
    clock.advance(61);
    const { message, minutes } = await refusal(
      await http.post(`/api/t/${tenant}/auth/link`, { email }, { 'X-Test-Client': 'a-last' }),
    );
    expect(minutes).toBe(14);
    expect(message).toBe('Too many sign-in links were asked for. Please wait 14 minutes, then try again.');
  });

  it('on a staff sign-in link', async () => {
    clock.advance(3600);
    const http = adminClient(s.centre);
    const email = 'not.staff@example.com';
    for (let i = 0; i < LINK_LIMITS.perEmail; i++) {
      expect((await http.post(`/api/t/${tenant}/admin/auth/link`, { email }, { 'X-Test-Client': `s-${i}` })).status).toBe(202);
    }
    const { message, minutes } = await refusal(
      await http.post(`/api/t/${tenant}/admin/auth/link`, { email }, { 'X-Test-Client': 's-last' }),
    );
    expect(message).toBe(`Too many sign-in links were asked for. Please wait ${minutes} minutes, then try again.`);
  });

  it('on a change of email address', async () => {
    clock.advance(3600);
    const http = await signedIn(s.centre, tenant, 'alex.morgan@example.com');
    let res: Response | undefined;
    for (let i = 0; i < 10; i++) {
      res = await http.post(`/api/t/${tenant}/me/email`, { email: `alex.new${i}@example.com` });
      if (res.status === 429) break;
      expect(res.status).toBe(202);
    }
    const { message, minutes } = await refusal(res as Response);
    expect(message).toBe(`Too many changes of address were asked for. Please wait ${minutes} minutes, then try again.`);
  });
});
