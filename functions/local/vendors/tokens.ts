import { randomBytes, randomUUID } from 'node:crypto';
import type { ExtraRoute, StandInAnswer, StandInRequest } from './stand-in.ts';

/** OAuth2 client credentials as a vendor's token endpoint hands them out (not in the API documents). */
export function tokenIssuer(secretFor: (instance: string) => { clientId: string; clientSecret: string }) {
  const tokens = new Map<string, string>();
  return {
    /** Client authentication in the form body, or (`basic`: as Xero requires) an HTTP Basic header. */
    issue(instance: string, form: URLSearchParams, basic?: unknown): StandInAnswer {
      const expected = secretFor(instance);
      if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
      const [id, secret] =
        basic === undefined
          ? [form.get('client_id'), form.get('client_secret')]
          : Buffer.from(String(basic).replace(/^Basic /, ''), 'base64')
              .toString('utf8')
              .split(':')
              .map(decodeURIComponent);
      if (id !== expected.clientId || secret !== expected.clientSecret) {
        return { status: 401, body: { error: 'invalid_client' } };
      }
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, instance);
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: token } };
    },
    check(instance: string, authorization: unknown): true | string {
      const token = typeof authorization === 'string' ? authorization.replace(/^Bearer /, '') : '';
      return tokens.get(token) === instance ? true : 'a valid bearer token for this instance is required';
    },
  };
}

/**
 * A stand-in's sign-in for an API whose clients fetch a bearer token at `tokenPath` with the
 * demo client's id and secret in the form body (Graph, HaloPSA): spread into the stand-in's options.
 */
export function bearerSignIn(tokenPath: string) {
  const tokens = tokenIssuer(demoClient);
  const extra: ExtraRoute = ({ instance, method, path, form }) =>
    method === 'post' && path === tokenPath ? tokens.issue(instance, form) : undefined;
  return {
    authenticate: (instance: string, headers: StandInRequest['headers']) => tokens.check(instance, headers.authorization),
    extra,
  };
}

export const demoClient = (instance: string) => ({ clientId: `client-${instance}`, clientSecret: `stand-in-secret-${instance}` });
export const newId = () => randomUUID();
