import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type DomainErrorCode } from '../../shared/errors.ts';

const statusByCode: Record<DomainErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  invalid_token: 400,
  payload_too_large: 400,
  config_invalid: 500,
};

/** The HTTP status of a domain error (for routes that answer with a page rather than JSON). */
export const statusOf = (error: DomainError): ContentfulStatusCode => statusByCode[error.code];

export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

const THROTTLES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/**
 * DynamoDB (or another AWS service) still refusing for load after the SDK's own retries: a
 * throttle, or a transaction cancelled because one of its items was throttled.
 */
export function isThrottle(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[]; $retryable?: { throttling?: boolean } };
  return (
    THROTTLES.has(e?.name ?? '') ||
    e?.$retryable?.throttling === true ||
    (e?.name === 'TransactionCanceledException' && !!e.CancellationReasons?.some((r) => r.Code === 'ThrottlingError'))
  );
}

/** The one place that turns errors into responses. A 5xx body never carries internals. */
export function onError(error: Error, c: Context): Response {
  c.header('Cache-Control', 'no-store');
  if (error instanceof DomainError && error.code !== 'config_invalid') {
    const status = statusByCode[error.code];
    if (error.code === 'rate_limited') {
      const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
      c.header('Retry-After', String(retry));
      return c.json<ErrorBody>({ error: error.code, message: error.message }, status);
    }
    return c.json<ErrorBody>({ error: error.code, message: error.message, details: error.details }, status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json<ErrorBody>(
      { error: 'bad_request', message: error.message || 'Bad request' },
      error.status as ContentfulStatusCode,
    );
  }
  // A tenant's systems' declarations that no longer pass (shared/systems/declared.ts): the message
  // names the policy's field for staff, and nothing was done. Logged without the message.
  if (error instanceof DomainError && (error.details as { systemsDeclaration?: boolean } | undefined)?.systemsDeclaration) {
    console.error(JSON.stringify({ level: 'error', path: c.req.path, name: error.name, msg: 'systems declarations invalid' }));
    return c.json<ErrorBody>({ error: 'config_invalid', message: error.message }, 500);
  }
  // Log the name and message only: never request bodies, tokens or personal data.
  if (isThrottle(error)) {
    console.warn(JSON.stringify({ level: 'warn', path: c.req.path, name: error.name, msg: 'throttled after retries' }));
    c.header('Retry-After', '2');
    return c.json<ErrorBody>(
      { error: 'busy', message: 'We are busy right now. Nothing was changed; please try again in a moment.' },
      503,
    );
  }
  console.error(JSON.stringify({ level: 'error', path: c.req.path, name: error.name, message: error.message }));
  return c.json<ErrorBody>(
    { error: 'internal', message: 'Something went wrong on our side. Nothing was changed; please try again.' },
    500,
  );
}

export function notFound(c: Context): Response {
  c.header('Cache-Control', 'no-store');
  return c.json<ErrorBody>({ error: 'not_found', message: 'There is nothing at this address.' }, 404);
}
