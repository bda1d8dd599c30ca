/**
 * The calls the declarative connector makes, worked out from the policy's `api` block: values at
 * dot paths, path templates, lists followed to the end by the declared pagination, and a client
 * spaced to the declared rate limit. No vendor knowledge lives here.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import { type RecordValue, SystemCallError } from '../../shared/systems/connector.ts';
import type { Pagination } from '../../shared/systems/rest-declaration.ts';
import { collectPages, type HttpClient } from './http-client.ts';

export type Row = Record<string, unknown>;
const Answer = /* @__PURE__ */ lazySchema(() => z.unknown());

/** The value at a dot path (`data.items`); the answer itself for ''. */
export function at(value: unknown, pointer: string | undefined): unknown {
  if (!pointer) return value;
  let here = value;
  for (const key of pointer.split('.')) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Row)[key];
  }
  return here;
}

/** A path template with `{name}`s filled in, each value URL-encoded (so a value cannot change the path). */
export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{([a-z]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));

/** Query values with `{name}`s filled in (the client encodes the query). */
export const fillQuery = (query: Record<string, string>, values: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, v.replace(/\{([a-z]+)\}/g, (_, name: string) => values[name] ?? '')]),
  );

/** A value as the export holds it: scalars as they are, anything else as JSON; absent stays absent. */
export const scalar = (value: unknown): RecordValue | undefined =>
  value === undefined
    ? undefined
    : value === null || ['string', 'number', 'boolean'].includes(typeof value)
      ? (value as RecordValue)
      : JSON.stringify(value);

/** The named fields of a row, each as the export holds it; a field the answer leaves out is left out. */
export function pick(row: Row, fields: readonly string[]): Record<string, RecordValue> {
  const out: Record<string, RecordValue> = {};
  for (const field of fields) {
    const value = scalar(at(row, field));
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export const relative = (path: string) => path.replace(/^\//, '');

/** Every row of a list, following the pagination to the end (each row once, by `id`). */
export function listAll(
  http: HttpClient,
  system: string,
  call: { operation: string; path: string; query: Record<string, string>; items: string | undefined; id: string },
  p: Pagination,
): Promise<Row[]> {
  const { operation, items } = call;
  return collectPages<Row, string | number>(
    async (cursor) => {
      const query: Record<string, string | number> = { ...call.query };
      let target = call.path;
      if (p.type === 'page') Object.assign(query, p.query, { [p.param]: cursor ?? 1, [p.sizeParam]: p.size });
      if (p.type === 'cursor' && cursor !== undefined) query[p.param] = cursor;
      if (p.type === 'link' && cursor !== undefined) target = String(cursor);
      const answer = await http.request({
        operation,
        method: 'GET',
        path: target,
        query: p.type === 'link' && cursor !== undefined ? {} : query,
        schema: Answer,
      });
      const rows = at(answer, items);
      if (!Array.isArray(rows))
        throw new SystemCallError('malformed-answer', `${system} (${operation}) gave no list at "${items ?? ''}"`, false);
      let next: string | number | undefined;
      if (p.type === 'page') {
        const page = Number(cursor ?? 1);
        const total = p.total === undefined ? undefined : Number(at(answer, p.total));
        if (p.total !== undefined && !Number.isFinite(total))
          throw new SystemCallError('malformed-answer', `${system} (${operation}) gave no total at "${p.total}"`, false);
        const more = total === undefined ? rows.length >= p.size : page * p.size < total && rows.length > 0;
        next = more ? page + 1 : undefined;
      }
      if (p.type === 'cursor' || p.type === 'link') {
        const value = at(answer, p.next);
        next = typeof value === 'string' && value !== '' ? value : undefined;
      }
      return { items: rows as Row[], next };
    },
    (row) => String(row[call.id]),
  );
}

/** Spaces calls to stay under the declared rate; a 429 is still honoured by the client. */
export function throttled(http: HttpClient, perSecond: number | undefined): HttpClient {
  if (!perSecond) return http;
  const gap = 1000 / perSecond;
  let next = 0;
  const wait = async () => {
    const now = Date.now();
    const when = Math.max(now, next);
    next = when + gap;
    if (when > now) await new Promise((r) => setTimeout(r, when - now));
  };
  return {
    request: async (call) => {
      await wait();
      return http.request(call);
    },
    requestOrAbsent: async (call) => {
      await wait();
      return http.requestOrAbsent(call);
    },
  };
}
