import type { MarketingResponse, MyDataResponse, NewRequest, TenantPublic } from '../../../shared/portal-api.ts';
import { londonDateTimeMinutes } from '../../../shared/uk-time.ts';
import { tooManyRequestsWords } from '../../../shared/wait-words.ts';

export type { MarketingResponse, MyDataResponse, NewRequest, TenantPublic };
export type RequestSummary = MyDataResponse['requests'][number];
export type FieldErrors = { field: string; message: string }[];

export class ApiError extends Error {
  // Assigned in the constructor, not as parameter properties: no class-field helpers in the bundle.
  declare readonly status: number;
  declare readonly fields: FieldErrors;
  /** The error body's `details`, e.g. the newest values of a 409. */
  declare readonly details: unknown;
  constructor(status: number, message: string, fields: FieldErrors = [], details?: unknown) {
    super(message);
    Object.assign(this, { status, fields, details });
  }
}

/** JSON over fetch, same origin; errors become ApiError with the server's plain message. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'We could not reach the privacy centre. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    // A 429 not from the centre's code (no `error`: a gateway's or firewall's) still says how long to wait.
    const tooMany = res.status === 429 && !data.error ? tooManyRequestsWords(res.headers.get('Retry-After')) : undefined;
    throw new ApiError(
      res.status,
      tooMany ?? data.message ?? 'Something went wrong. Please try again.',
      data.details?.fields ?? [],
      data.details,
    );
  }
  return data as T;
}

/** The server's message, or a plain one for anything unexpected. */
export const messageOf = (error: unknown): string => (error instanceof ApiError ? error.message : 'Something went wrong.');

/** A refusal as a form shows it: the server's field errors, or its message against `field`. */
export const problemsOf = (error: unknown, field: string): FieldErrors =>
  error instanceof ApiError && error.fields.length > 0 ? error.fields : [{ field, message: messageOf(error) }];

export { formatUkDate as formatDate } from '../../../shared/dates.ts';

/**
 * An ISO instant as UK wall-clock time: `14 March 2026 at 09:30`. Without `Intl` (and the page uses
 * it nowhere else): the first `Intl` object a page makes loads ICU's data, 30-40 ms of the main
 * thread on the machine BENCHMARKS.md measures, inside the task that draws the page.
 */
export const formatDateTime = (iso: string): string => londonDateTimeMinutes(new Date(iso));
