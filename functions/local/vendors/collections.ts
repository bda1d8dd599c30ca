/**
 * A stand-in built from any vendor's OpenAPI document, for systems the centre reaches through the
 * declarative (`rest`) connector: every request is checked against the document as the shipped
 * stand-ins do, and each documented operation is answered by plain collection semantics over
 * in-memory rows, worked out from its path:
 *   GET /things                 list, filtered by query parameters naming a field
 *   GET /things/{id}            one row; PATCH/PUT rewrite it; DELETE removes it
 *   GET /parents/{id}/things    the rows of `things` whose parent field (see `parents`) is {id}
 * Lists answer `{ <items>: [...], <next>: cursor | null }`, a page at a time.
 */
import { readFileSync } from 'node:fs';
import { type StandInAnswer, type StandInRequest, startVendorStandIn, type VendorStandIn } from './stand-in.ts';

type Row = Record<string, unknown>;

export interface CollectionsStandInOptions {
  name: string;
  document: string;
  apiRoot: string;
  /** The API key header and the key each instance accepts. */
  apiKey: { header: string; keyOf(instance: string): string };
  /** Rows per collection (the path's segment, e.g. `contacts`), per instance. */
  data: Record<string, Record<string, Row[]>>;
  /** For `/parents/{id}/things`: the field of a `things` row that holds the parent's id. */
  parents?: Record<string, string>;
  list: { items: string; next: string; cursorParam: string; limitParam: string; defaultLimit: number };
  /** Query parameters that are not filters. */
  id?: string;
}

export interface CollectionsStandIn extends VendorStandIn {
  rows(instance: string, collection: string): Row[];
}

export async function startCollectionsStandIn(options: CollectionsStandInOptions, port?: number): Promise<CollectionsStandIn> {
  const id = options.id ?? 'id';
  const data = new Map<string, Map<string, Row[]>>();
  for (const [instance, collections] of Object.entries(options.data))
    data.set(instance, new Map(Object.entries(collections).map(([name, rows]) => [name, rows.map((r) => ({ ...r }))])));
  const rowsOf = (instance: string, collection: string) => {
    const byName = data.get(instance) ?? new Map<string, Row[]>();
    data.set(instance, byName);
    const rows = byName.get(collection) ?? [];
    byName.set(collection, rows);
    return rows;
  };
  const notFound: StandInAnswer = { status: 404, body: { error: 'not found' } };
  const { list } = options;

  const page = (req: StandInRequest, rows: Row[]): StandInAnswer => {
    const start = Number(req.query[list.cursorParam] ?? 0);
    const limit = Number(req.query[list.limitParam] ?? list.defaultLimit);
    const slice = rows.slice(start, start + limit);
    return {
      status: 200,
      body: { [list.items]: slice, [list.next]: start + limit < rows.length ? String(start + limit) : null },
    };
  };

  /** One handler per documented operation, from the shape of its path. */
  const handlers: Record<string, (req: StandInRequest) => StandInAnswer> = {};
  const doc = JSON.parse(readFileSync(options.document, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(doc.paths)) {
    const segments = path.split('/').filter(Boolean);
    const last = segments.at(-1) ?? '';
    const isParam = (s: string) => s.startsWith('{');
    for (const method of Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))) {
      const route = `${method} ${path}`;
      if (!isParam(last) && segments.length === 1 && method === 'get') {
        handlers[route] = (req) => {
          const filters = Object.entries(req.query).filter(([k]) => k !== list.cursorParam && k !== list.limitParam);
          const rows = rowsOf(req.instance, last).filter((row) =>
            filters.every(([k, v]) => String(row[k] ?? '').toLowerCase() === String(v).toLowerCase()),
          );
          return page(req, rows);
        };
      } else if (!isParam(last) && segments.length === 3 && isParam(segments[1]!) && method === 'get') {
        const parentField = options.parents?.[last] ?? `${segments[0]!.replace(/s$/, '')}_id`;
        const param = segments[1]!.slice(1, -1);
        handlers[route] = (req) => {
          const parent = req.params[param];
          if (!rowsOf(req.instance, segments[0]!).some((r) => String(r[id]) === parent)) return notFound;
          return page(
            req,
            rowsOf(req.instance, last).filter((r) => String(r[parentField]) === parent),
          );
        };
      } else if (isParam(last) && segments.length === 2) {
        const collection = segments[0]!;
        const param = last.slice(1, -1);
        const find = (req: StandInRequest) =>
          rowsOf(req.instance, collection).findIndex((r) => String(r[id]) === req.params[param]);
        handlers[route] = (req) => {
          const rows = rowsOf(req.instance, collection);
          const i = find(req);
          if (i < 0) return notFound;
          if (method === 'get') return { status: 200, body: rows[i] };
          if (method === 'delete') {
            rows.splice(i, 1);
            return { status: 204 };
          }
          const change = req.body as Row;
          rows[i] = method === 'put' ? { ...change, [id]: rows[i]![id] } : { ...rows[i], ...change, [id]: rows[i]![id] };
          return { status: 200, body: rows[i] };
        };
      }
    }
  }

  const standIn = await startVendorStandIn({
    name: options.name,
    document: options.document,
    apiRoot: options.apiRoot,
    port,
    authenticate: (instance, headers) =>
      headers[options.apiKey.header.toLowerCase()] === options.apiKey.keyOf(instance) ? true : 'a valid API key is required',
    handlers,
  });
  return { ...standIn, rows: (instance, collection) => rowsOf(instance, collection) };
}
