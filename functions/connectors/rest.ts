/**
 * The declarative connector: a system described in the policy (`kind: "rest"`, its `api` block)
 * rather than in code. Same HTTP client as the shipped connectors (timeouts, retries, Retry-After,
 * pagination to the end, 404 on erase as "already gone"), plus the declared rate limit.
 */
import * as z from 'zod';
import type { Connector, RecordErasure, RecordValue, SystemPerson, SystemRecord } from '../../shared/systems/connector.ts';
import { SystemCallError } from '../../shared/systems/connector.ts';
import type { RestSystemDeclaration } from '../../shared/systems/declaration.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import type { RestApi } from '../../shared/systems/rest-declaration.ts';
import { collectPages, createHttpClient, type HttpClient } from './http-client.ts';
import { clientCredentialsToken } from './oauth.ts';
import { type ConnectorOptions, clientSettings } from './options.ts';

const Base = z.object({ baseUrl: z.url() });
const credentialSchemas = {
  'api-key': Base.extend({ apiKey: z.string().min(1) }),
  basic: Base.extend({ username: z.string().min(1), password: z.string().min(1) }),
  'oauth2-client-credentials': Base.extend({ tokenUrl: z.url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
} as const;

type Row = Record<string, unknown>;
const Answer = z.unknown();
/** A write's answer may be empty (204): its arrival is what counts. */
const Done = z.unknown().transform(() => true);

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

const scalar = (value: unknown): RecordValue =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)
    ? (value as RecordValue)
    : value === undefined
      ? null
      : JSON.stringify(value);

export function restConnector(options: ConnectorOptions): Connector {
  const system = options.system as RestSystemDeclaration;
  const api: RestApi = system.api;
  const auth = api.auth;
  const creds = credentialSchemas[auth.type].parse(options.credentials) as Row & { baseUrl: string };
  let headers: () => Promise<Record<string, string>>;
  let forget: (() => void) | undefined;
  if (auth.type === 'api-key') headers = async () => ({ [auth.header]: String(creds.apiKey) });
  else if (auth.type === 'basic') {
    const basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    headers = async () => ({ authorization: basic });
  } else {
    const token = clientCredentialsToken({
      system: system.name,
      tokenUrl: String(creds.tokenUrl),
      clientId: String(creds.clientId),
      clientSecret: String(creds.clientSecret),
      scope: auth.scope,
      ...clientSettings(options),
    });
    headers = token.headers;
    forget = token.forget;
  }
  const http = throttled(
    createHttpClient({
      baseUrl: creds.baseUrl,
      system: system.name,
      auth: headers,
      onUnauthorised: forget,
      ...clientSettings(options),
    }),
    api.rateLimit?.perSecond,
  );
  const relative = (path: string) => path.replace(/^\//, '');

  /** Every row of a list, following the declared pagination to the end. */
  const list = (operation: string, path: string, query: Record<string, string>, items: string | undefined, id: string) => {
    const p = api.pagination;
    return collectPages<Row, string | number>(
      async (cursor) => {
        const pageQuery: Record<string, string | number> = { ...query };
        let target = path;
        if (p.type === 'page') Object.assign(pageQuery, { [p.param]: cursor ?? 1, [p.sizeParam]: p.size });
        if (p.type === 'cursor' && cursor !== undefined) pageQuery[p.param] = cursor;
        if (p.type === 'link' && cursor !== undefined) target = String(cursor);
        const answer = await http.request({
          operation,
          method: 'GET',
          path: target,
          query: p.type === 'link' && cursor !== undefined ? {} : pageQuery,
          schema: Answer,
        });
        const rows = at(answer, items);
        if (!Array.isArray(rows))
          throw new SystemCallError('malformed-answer', `${system.name} (${operation}) gave no list at "${items ?? ''}"`, false);
        let next: string | number | undefined;
        if (p.type === 'page') next = rows.length >= p.size ? Number(cursor ?? 1) + 1 : undefined;
        if (p.type === 'cursor' || p.type === 'link') {
          const value = at(answer, p.next);
          next = typeof value === 'string' && value !== '' ? value : undefined;
        }
        return { items: rows as Row[], next };
      },
      (row) => String(row[id]),
    );
  };

  const readObject = async (name: string, person: SystemPerson): Promise<Row[]> => {
    const object = api.objects[name]!;
    const path = relative(fill(object.path, { person: person.ref }));
    if (object.items !== undefined) return list(`read ${name}`, path, {}, object.items, object.id);
    const one = await http.requestOrAbsent({ operation: `read ${name}`, method: 'GET', path, schema: Answer });
    return one && typeof one === 'object' ? [one as Row] : [];
  };

  return {
    async find(identity) {
      const wanted = identity.value.toLowerCase();
      const query = Object.fromEntries(
        Object.entries(api.find.query).map(([k, v]) => [k, v.replaceAll('{email}', identity.value)]),
      );
      const rows = await list(
        'find people',
        relative(fill(api.find.path, { email: identity.value })),
        query,
        api.find.items,
        api.find.id,
      );
      return rows
        .filter((row) => String(at(row, api.find.email) ?? '').toLowerCase() === wanted)
        .map((row) => ({
          ref: String(row[api.find.id]),
          label: String((api.find.label && at(row, api.find.label)) || system.name),
        }));
    },

    async read(person) {
      const records: SystemRecord[] = [];
      for (const [name, object] of Object.entries(api.objects)) {
        const mapping = mappingOf(system, name);
        if (!mapping) continue;
        for (const row of await readObject(name, person)) {
          const created = object.createdAt ? at(row, object.createdAt) : undefined;
          records.push({
            ref: `${name}:${String(row[object.id])}`,
            object: name,
            category: mapping.category,
            data: Object.fromEntries(object.fields.map((f) => [f, scalar(at(row, f))])),
            ...(typeof created === 'string' ? { createdAt: created } : {}),
          });
        }
      }
      return records;
    },

    async erase(person) {
      const out: RecordErasure[] = [];
      // The person's own record last: deleting it first could take the way to the others with it.
      const names = Object.keys(api.objects).sort((a, b) => Number(a === 'person') - Number(b === 'person'));
      for (const name of names) {
        if (!mappingOf(system, name)) continue;
        const object = api.objects[name]!;
        for (const row of await readObject(name, person)) {
          const id = String(row[object.id]);
          const ref = `${name}:${id}`;
          const erasure = erasureFor(system, name, id);
          if (erasure.mode === 'keep') out.push(keptRecord(ref, name, erasure));
          else if (erasure.mode === 'delete' && object.delete) {
            const done = await http.requestOrAbsent({
              operation: `delete ${name}`,
              method: 'DELETE',
              path: relative(fill(object.delete.path, { id, person: person.ref })),
              schema: Done,
            });
            out.push({ ref, object: name, result: done === undefined ? 'absent' : 'erased' });
          } else if (erasure.mode === 'anonymise' && object.anonymise) {
            const done = await http.requestOrAbsent({
              operation: `anonymise ${name}`,
              method: object.anonymise.method,
              path: relative(fill(object.anonymise.path, { id, person: person.ref })),
              body: object.anonymise.method === 'PUT' ? { ...row, ...erasure.changes } : erasure.changes,
              schema: Done,
            });
            out.push(
              done === undefined
                ? { ref, object: name, result: 'absent' }
                : { ref, object: name, result: 'anonymised', fields: Object.keys(erasure.changes) },
            );
          } else
            throw new SystemCallError('rejected', `${system.name} has no way declared to ${erasure.mode} ${name} records`, false);
        }
      }
      return out;
    },
  };
}

/** Spaces calls to stay under the declared rate; a 429 is still honoured by the client. */
function throttled(http: HttpClient, perSecond: number | undefined): HttpClient {
  if (!perSecond) return http;
  const gap = 1000 / perSecond;
  let next = 0;
  const wait = async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
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
