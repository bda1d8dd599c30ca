import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newSecret } from '../../shared/crypto.ts';

/**
 * The local mailer signing secrets, one per tenant, in a git-ignored file (`.local/` is never
 * committed): made on first use, then kept, so a mail tool configured once keeps working. A
 * tenant added later gets its secret the next time. On AWS the secrets are in Secrets Manager.
 */
export const LOCAL_MAILER_SECRETS_FILE = '.local/mailer-secrets.json';

export function localMailerSecrets(slugs: string[], file = LOCAL_MAILER_SECRETS_FILE): Record<string, string> {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
  };
  const secrets = read();
  const missing = slugs.filter((s) => !secrets[s]);
  if (missing.length === 0) return secrets;
  mkdirSync(dirname(file), { recursive: true });
  for (const slug of missing) secrets[slug] = newSecret();
  try {
    // Another process (a parallel test) may have written it first: keep theirs.
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch {
    const theirs = read();
    if (slugs.every((s) => theirs[s])) return theirs;
    writeFileSync(file, `${JSON.stringify({ ...secrets, ...theirs }, null, 2)}\n`, { mode: 0o600 });
  }
  return read();
}
