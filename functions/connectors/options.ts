import type { ApiSystemDeclaration } from '../../shared/systems/declaration.ts';
import type { CallEvent } from './http-client.ts';

/** How a connector's calls are made: timeouts and retries, and (in tests) the fetch, the sleep and the log. */
export interface CallSettings {
  timeoutMs?: number;
  retries?: number;
  baseDelayMs?: number;
  log?: (event: CallEvent) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** What every connector is built from. */
export interface ConnectorOptions extends CallSettings {
  system: ApiSystemDeclaration;
  /** The stored credentials, checked by the connector's own schema. */
  credentials: unknown;
}

/** The HTTP client settings a connector passes on from its options. */
export const clientSettings = (options: CallSettings) => ({
  timeoutMs: options.timeoutMs,
  retries: options.retries,
  baseDelayMs: options.baseDelayMs,
  log: options.log,
  fetch: options.fetch,
  sleep: options.sleep,
});

/** Runs `fn` over `items`, at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const clean = (data: Record<string, unknown>, fields: readonly string[]) => {
  const out: Record<string, string | number | boolean | null> = {};
  for (const field of fields) {
    const value = data[field];
    if (value === undefined) continue;
    out[field] = Array.isArray(value) ? value.join(', ') : (value as string | number | boolean | null);
  }
  return out;
};
