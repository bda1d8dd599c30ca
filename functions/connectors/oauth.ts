import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import { SystemCallError } from '../../shared/systems/connector.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.ts';
import { type ConnectorOptions, clientSettings } from './options.ts';

const TokenAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() }),
);

/** Where and how the centre signs in with client credentials. */
export interface SignIn {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  clientAuth?: 'body' | 'basic';
}

/**
 * OAuth2 client credentials (Microsoft identity platform, HaloPSA, Xero): a token fetched on first
 * use through the same HTTP client (timeouts, retries), kept until a minute before it expires or
 * until the API refuses it. The client authenticates in the form body, or with HTTP Basic where
 * the vendor asks for it (Xero).
 */
export function clientCredentialsToken(
  options: SignIn & { system: string } & Omit<HttpClientOptions, 'baseUrl' | 'system' | 'auth'>,
) {
  const { tokenUrl, clientId, clientSecret, scope, clientAuth = 'body', ...client } = options;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  const http = createHttpClient({
    ...client,
    baseUrl: new URL(tokenUrl).origin,
    system: `${options.system} sign-in`,
    ...(clientAuth === 'basic' ? { auth: async () => ({ authorization: basic }) } : {}),
  });
  let token: { value: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams(
      clientAuth === 'basic'
        ? { grant_type: 'client_credentials', scope }
        : { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope },
    );
    try {
      const answer = await http.request({ operation: 'token', method: 'POST', path: tokenUrl, body, schema: TokenAnswer });
      token = { value: answer.access_token, until: Date.now() + ((answer.expires_in ?? 3600) - 60) * 1000 };
      return token.value;
    } catch (error) {
      if (error instanceof SystemCallError && (error.code === 'rejected' || error.code === 'unauthorised')) {
        throw new SystemCallError('unauthorised', `${options.system} refused the centre's client id or secret`, false);
      }
      throw error;
    }
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

/**
 * The HTTP client of an API the centre signs into with client credentials: the token is sent with
 * every call (with the vendor's own `headers`), and fetched again after a 401.
 */
export function clientCredentialsClient(
  options: ConnectorOptions,
  baseUrl: string,
  signIn: SignIn,
  headers: Record<string, string> = {},
): HttpClient {
  const system = options.system.name;
  const token = clientCredentialsToken({ system, ...signIn, ...clientSettings(options) });
  return createHttpClient({
    baseUrl,
    system,
    auth: async () => ({ ...(await token.headers()), ...headers }),
    onUnauthorised: token.forget,
    ...clientSettings(options),
  });
}
