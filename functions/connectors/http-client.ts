import type * as z from 'zod';
import { SystemCallError } from '../../shared/systems/connector.ts';
import { backoffMs, retryAfterMs } from './retry-after.ts';

/** One line per vendor call: which operation, how it ended. No URL, no body, no header: nothing personal or secret. */
export interface CallEvent {
  system: string;
  operation: string;
  attempt: number;
  status: number | 'timeout' | 'network-error';
  ms: number;
}

export interface HttpClientOptions {
  /** The API root, e.g. https://graph.microsoft.com/v1.0 */
  baseUrl: string;
  /** The system's name, for reasons shown to staff. */
  system: string;
  /** Authentication headers, asked for on every attempt (a token source caches its token). */
  auth?: () => Promise<Record<string, string>>;
  /** Called after a 401 so the next `auth()` fetches a fresh token; the call is tried once more. */
  onUnauthorised?: () => void;
  timeoutMs?: number;
  /** Further attempts after the first, on 429, 5xx, timeouts and network errors. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails as rate-limited (retry later). */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: (event: CallEvent) => void;
}

export interface Call<T> {
  /** A name for the call in logs and reasons, e.g. "find contacts"; never a value. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path under the base URL, or an absolute URL the vendor gave (a next-page link) on the same origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON, or a form (an OAuth token request). */
  body?: unknown;
  schema: z.ZodType<T>;
}

export interface HttpClient {
  request<T>(call: Call<T>): Promise<T>;
  /** As `request`, but a 404 answers undefined (a thing already gone: erasing it again is success). */
  requestOrAbsent<T>(call: Call<T>): Promise<T | undefined>;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one HTTP client every connector uses: timeouts, retries with backoff and jitter, `Retry-After`. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const {
    system,
    timeoutMs = 10_000,
    retries = 3,
    baseDelayMs = 200,
    maxDelayMs = 5_000,
    maxRetryAfterMs = 30_000,
    sleep = sleeper,
    random = Math.random,
    log = () => {},
  } = options;
  const doFetch = options.fetch ?? fetch;
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);

  function urlFor(call: Call<unknown>): URL {
    const url = /^https?:\/\//.test(call.path) ? new URL(call.path) : new URL(call.path.replace(/^\//, ''), base);
    // A vendor's next-page link must not take the credentials anywhere else.
    if (url.origin !== base.origin) throw new SystemCallError('malformed-answer', `${system} gave a link to another site`, false);
    for (const [key, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  async function send<T>(call: Call<T>, absentOk: boolean): Promise<T | undefined> {
    const url = urlFor(call);
    const what = `${system} (${call.operation})`;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const last = attempt > retries;
      let response: Response;
      try {
        const headers: Record<string, string> = { accept: 'application/json', ...(await options.auth?.()) };
        const form = call.body instanceof URLSearchParams;
        if (call.body !== undefined) headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
        response = await doFetch(url, {
          method: call.method,
          headers,
          body: call.body === undefined ? undefined : form ? String(call.body) : JSON.stringify(call.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (error instanceof SystemCallError) throw error;
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        log({
          system,
          operation: call.operation,
          attempt,
          status: timedOut ? 'timeout' : 'network-error',
          ms: Date.now() - started,
        });
        if (last) {
          throw timedOut
            ? new SystemCallError('timeout', `${what} did not answer within ${timeoutMs / 1000} s`, true)
            : new SystemCallError('unreachable', `${what} could not be reached`, true);
        }
        await sleep(backoffMs(attempt, baseDelayMs, maxDelayMs, random));
        continue;
      }
      log({ system, operation: call.operation, attempt, status: response.status, ms: Date.now() - started });
      const { status } = response;
      if (status === 429 || status >= 500) {
        const wait = status === 429 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
        await response.body?.cancel();
        if (last || (wait !== undefined && wait > maxRetryAfterMs)) {
          throw status === 429
            ? new SystemCallError('rate-limited', `${what} is limiting requests; try again later`, true)
            : new SystemCallError('server-error', `${what} answered with an error (${status})`, true);
        }
        await sleep(wait ?? backoffMs(attempt, baseDelayMs, maxDelayMs, random));
        continue;
      }
      if (status === 401 && options.onUnauthorised && !refreshed) {
        await response.body?.cancel();
        options.onUnauthorised();
        refreshed = true;
        attempt--;
        continue;
      }
      if (status === 401 || status === 403) {
        await response.body?.cancel();
        throw new SystemCallError(
          'unauthorised',
          `${what} refused the centre's credentials (${status}): check them and their scopes`,
          false,
        );
      }
      if (status === 404 && absentOk) {
        await response.body?.cancel();
        return undefined;
      }
      if (status >= 400) {
        await response.body?.cancel();
        // The vendor's words may quote the request (an address): only the status is kept.
        throw new SystemCallError('rejected', `${what} refused the request (${status})`, false);
      }
      return parse(call, response, what);
    }
  }

  async function parse<T>(call: Call<T>, response: Response, what: string): Promise<T> {
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new SystemCallError('malformed-answer', `${what} answered with something that is not JSON`, false);
    }
    const result = call.schema.safeParse(json);
    if (!result.success) {
      const where = result.error.issues[0]?.path.join('.') || '(root)';
      throw new SystemCallError(
        'malformed-answer',
        `${what} answered in a shape the centre does not understand (at ${where})`,
        false,
      );
    }
    return result.data;
  }

  return {
    request: async (call) => (await send(call, false)) as never,
    requestOrAbsent: (call) => send(call, true),
  };
}

/**
 * Follows pages to the end. A page fetched twice (a retry after a lost answer) cannot add an
 * item twice: items are kept by key.
 */
export async function collectPages<T, C>(
  fetchPage: (cursor: C | undefined) => Promise<{ items: T[]; next?: C | undefined }>,
  key: (item: T) => string,
  maxPages = 10_000,
): Promise<T[]> {
  const items = new Map<string, T>();
  let cursor: C | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(cursor);
    for (const item of result.items) items.set(key(item), item);
    if (result.next === undefined || result.items.length === 0) return [...items.values()];
    cursor = result.next;
  }
  throw new SystemCallError('malformed-answer', `more than ${maxPages} pages: stopped`, false);
}
