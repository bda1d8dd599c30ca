import type { TestCentre } from './centre.ts';
import { httpClient } from './http.ts';
import { emailsTo, tokenFrom, waitForEmail } from './mail.ts';

/** Asks for a link and returns the token from the email that arrives. */
export async function requestToken(
  centre: TestCentre,
  tenant: string,
  email: string,
  clientKey = `client-${Math.random()}`,
): Promise<string> {
  // Counted by the link itself: other emails to the same address (request updates) may arrive meanwhile.
  const link = `${centre.base}/t/${tenant}/verify#`;
  const before = (await emailsTo(centre.sesEndpoint, email, link)).length;
  const http = httpClient(centre.app, centre.base);
  const res = await http.post(`/api/t/${tenant}/auth/link`, { email }, { 'X-Test-Client': clientKey });
  if (res.status !== 202) throw new Error(`link request answered ${res.status}`);
  const mail = await waitForEmail(centre.sesEndpoint, email, link, before + 1);
  return tokenFrom(mail, centre.base, tenant);
}

/** A signed-in HTTP client for the subject with this email. */
export async function signedIn(centre: TestCentre, tenant: string, email: string) {
  const token = await requestToken(centre, tenant, email);
  const http = httpClient(centre.app, centre.base);
  const res = await http.post(`/api/t/${tenant}/auth/verify`, { token });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}: ${await res.text()}`);
  return http;
}
