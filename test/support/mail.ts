export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

export async function listEmails(sesEndpoint: string): Promise<StoredEmail[]> {
  const res = await fetch(`${sesEndpoint}/store`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

/**
 * Emails to `to` whose text mentions `containing` — every one of them, if several (add the test
 * centre's own base URL where other test files may send similar emails to the same address).
 */
export async function emailsTo(sesEndpoint: string, to: string, containing: string | string[]): Promise<StoredEmail[]> {
  const all = typeof containing === 'string' ? [containing] : containing;
  return (await listEmails(sesEndpoint)).filter(
    (e) => e.destination.to.includes(to) && all.every((c) => (e.body.text ?? '').includes(c)),
  );
}

/** Waits for the n-th matching email (1-based) and returns it. */
export async function waitForEmail(
  sesEndpoint: string,
  to: string,
  containing: string | string[],
  n = 1,
  ms = 10_000,
): Promise<StoredEmail> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = await emailsTo(sesEndpoint, to, containing);
    if (found.length >= n) return found[n - 1] as StoredEmail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no email number ${n} to ${to} containing ${containing} within ${ms} ms`);
}

/** The sign-in token from a sign-in email for the centre at `base` and `tenant`. */
export function tokenFrom(email: StoredEmail, base: string, tenant: string): string {
  const prefix = `${base}/t/${tenant}/verify#`;
  const line = (email.body.text ?? '').split('\n').find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`no link starting ${prefix} in email`);
  return line.slice(prefix.length).trim();
}
