import { totpCode, totpStep } from '../../shared/staff/totp.ts';
import type { TestCentre } from './centre.ts';
import { httpClient } from './http.ts';
import { emailsTo, waitForEmail } from './mail.ts';

/** The authenticator secrets tests enrolled, per centre, tenant and person (what the phone app would keep). */
const secrets = new Map<string, string>();
const secretKey = (centre: TestCentre, tenant: string, email: string) => `${centre.base}|${tenant}|${email}`;

export type StaffClient = ReturnType<typeof httpClient>;

export const adminClient = (centre: TestCentre) => httpClient(centre.admin, centre.base);

/** Asks for a staff link and returns the token from the email that arrives. */
export async function requestStaffToken(centre: TestCentre, tenant: string, email: string, http = adminClient(centre)) {
  const prefix = `${centre.base}/t/${tenant}/admin/verify#`;
  const before = (await emailsTo(centre.sesEndpoint, email, prefix)).length;
  const res = await http.post(`/api/t/${tenant}/admin/auth/link`, { email }, { 'X-Test-Client': `staff-${Math.random()}` });
  if (res.status !== 202) throw new Error(`staff link answered ${res.status}: ${await res.text()}`);
  const mail = await waitForEmail(centre.sesEndpoint, email, prefix, before + 1);
  const line = (mail.body.text ?? '').split('\n').find((l) => l.startsWith(prefix));
  if (!line) throw new Error('no staff link in the email');
  return line.slice(prefix.length).trim();
}

/** A code the server has not seen yet for this person: the current step, or the next one. */
export async function freshCode(centre: TestCentre, tenant: string, email: string, secret: string): Promise<string> {
  const now = totpStep(Math.floor(centre.deps.clock.now().getTime() / 1000));
  const last = (await centre.deps.staff.get(tenant, email))?.lastTotpStep ?? -1;
  const step = Math.max(now, last + 1);
  if (step > now + 1) throw new Error('no fresh TOTP code until the clock moves on (advance the test clock 30 s)');
  return totpCode(secret, step);
}

/** Keeps a secret a test enrolled by hand, as the phone app would. */
export function rememberSecret(centre: TestCentre, tenant: string, email: string, secret: string): void {
  secrets.set(secretKey(centre, tenant, email), secret);
}

export function enrolledSecret(centre: TestCentre, tenant: string, email: string): string | undefined {
  return secrets.get(secretKey(centre, tenant, email));
}

/**
 * A fully signed-in staff client: email link, then enrolment (first time, keeping the secret as
 * a phone would) or a code from the kept secret.
 */
export async function signedInStaff(centre: TestCentre, tenant: string, email: string) {
  const http = adminClient(centre);
  const token = await requestStaffToken(centre, tenant, email, http);
  const verified = await http.post(`/api/t/${tenant}/admin/auth/verify`, { token });
  if (verified.status !== 200) throw new Error(`staff verify answered ${verified.status}: ${await verified.text()}`);
  const { next } = (await verified.json()) as { next: 'enrol' | 'second-factor' };
  let recoveryCodes: string[] = [];
  if (next === 'enrol') {
    const enrolment = await (await http.get(`/api/t/${tenant}/admin/auth/enrolment`)).json();
    secrets.set(secretKey(centre, tenant, email), enrolment.secret);
    const res = await http.post(`/api/t/${tenant}/admin/auth/enrol`, {
      code: totpCode(enrolment.secret, totpStep(Math.floor(centre.deps.clock.now().getTime() / 1000))),
    });
    if (res.status !== 200) throw new Error(`enrol answered ${res.status}: ${await res.text()}`);
    recoveryCodes = (await res.json()).recoveryCodes;
  } else {
    const secret = enrolledSecret(centre, tenant, email);
    if (!secret) throw new Error(`${email} enrolled elsewhere: no secret kept`);
    const res = await http.post(`/api/t/${tenant}/admin/auth/second-factor`, {
      code: await freshCode(centre, tenant, email, secret),
    });
    if (res.status !== 200) throw new Error(`second factor answered ${res.status}: ${await res.text()}`);
  }
  return Object.assign(http, { recoveryCodes });
}
