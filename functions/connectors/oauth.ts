import * as z from 'zod';
import { SystemCallError } from '../../shared/systems/connector.ts';

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

/**
 * OAuth2 client credentials (Microsoft identity platform, HaloPSA): a token fetched on first use,
 * kept until a minute before it expires or until the API refuses it.
 */
export function clientCredentialsToken(options: {
  system: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}) {
  let token: { value: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  async function fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope: options.scope,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new SystemCallError('unreachable', `${options.system} sign-in could not be reached`, true);
    }
    if (response.status === 400 || response.status === 401) {
      await response.body?.cancel();
      throw new SystemCallError('unauthorised', `${options.system} refused the centre's client id or secret`, false);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new SystemCallError('server-error', `${options.system} sign-in answered ${response.status}`, true);
    }
    const parsed = TokenAnswer.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new SystemCallError('malformed-answer', `${options.system} sign-in answered without a token`, false);
    token = { value: parsed.data.access_token, until: Date.now() + ((parsed.data.expires_in ?? 3600) - 60) * 1000 };
    return token.value;
  }
  return {
    async headers(): Promise<Record<string, string>> {
      if (!token || token.until <= Date.now()) {
        pending ??= fetchToken().finally(() => {
          pending = undefined;
        });
        await pending;
      }
      return { authorization: `Bearer ${token!.value}` };
    },
    forget() {
      token = undefined;
    },
  };
}
