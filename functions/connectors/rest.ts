/**
 * The declarative connector: a system described in the policy (`kind: "rest"`, its `api` block)
 * rather than in code. Same HTTP client as the shipped connectors (timeouts, retries, Retry-After,
 * pagination to the end, 404 on erase as "already gone"), plus the declared rate limit.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import type { Connector, RecordCorrection, RecordErasure, SystemPerson, SystemRecord } from '../../shared/systems/connector.ts';
import { SystemCallError } from '../../shared/systems/connector.ts';
import { changesFor } from '../../shared/systems/correction.ts';
import type { RestSystemDeclaration } from '../../shared/systems/declaration.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import { anonymiseCallOf, type RestApi, type RestUpdate, updateOf } from '../../shared/systems/rest-declaration.ts';
import { createHttpClient } from './http-client.ts';
import { clientCredentialsToken } from './oauth.ts';
import { type ConnectorOptions, clientSettings } from './options.ts';
import { at, fill, fillQuery, listAll, pick, type Row, relative, throttled } from './rest-calls.ts';

const Base = /* @__PURE__ */ lazySchema(() => z.object({ baseUrl: z.url() }));
const credentialSchemas = {
  'api-key': /* @__PURE__ */ lazySchema(() => Base.extend({ apiKey: z.string().min(1) })),
  basic: /* @__PURE__ */ lazySchema(() => Base.extend({ username: z.string().min(1), password: z.string().min(1) })),
  'oauth2-client-credentials': /* @__PURE__ */ lazySchema(() =>
    Base.extend({ tokenUrl: z.url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  ),
} as const;

const Answer = /* @__PURE__ */ lazySchema(() => z.unknown());
/** A write's answer may be empty (204): its arrival is what counts. */
const Done = /* @__PURE__ */ lazySchema(() => z.unknown().transform(() => true));

/** A record read, with the id of the record it was read for (a ticket's action: the ticket). */
interface Read {
  row: Row;
  id: string;
}

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

  /** One kind of record: one list (or one record) for the person, or one per record of its parent kind. */
  const readObject = async (name: string, person: SystemPerson, cache: Map<string, Read[]>): Promise<Read[]> => {
    const seen = cache.get(name);
    if (seen) return seen;
    const object = api.objects[name]!;
    const parents = object.for ? await readObject(object.for, person, cache) : [undefined];
    const out: Read[] = [];
    for (const parent of parents) {
      const values = { person: person.ref, ...(parent ? { parent: parent.id } : {}) };
      const path = relative(fill(object.path, values));
      const query = fillQuery(object.query, values);
      if (object.items !== undefined) {
        const call = { operation: `read ${name}`, path, query, items: object.items, id: object.id };
        for (const row of await listAll(http, system.name, call, object.pagination ?? api.pagination))
          out.push({ row, id: String(row[object.id]) });
      } else {
        const one = await http.requestOrAbsent({ operation: `read ${name}`, method: 'GET', path, query, schema: Answer });
        if (one && typeof one === 'object') out.push({ row: one as Row, id: String((one as Row)[object.id]) });
      }
    }
    cache.set(name, out);
    return out;
  };

  /** Sends an update of one record: the changed fields (PATCH, POST) or the whole record (PUT). */
  const update = (operation: string, call: RestUpdate, read: Read, person: SystemPerson, changes: Row) => {
    const object = read.row;
    const idName = call.idField;
    const one =
      call.method === 'PUT'
        ? { ...object, ...changes }
        : { ...(idName ? { [idName]: object[idName] ?? read.id } : {}), ...changes };
    return http.requestOrAbsent({
      operation,
      method: call.method,
      path: relative(fill(call.path, { id: read.id, person: person.ref })),
      body: call.list ? [one] : one,
      schema: Done,
    });
  };

  /** The kinds of record, the person's own (a single record at a `{person}` path) last: erasing it first could take the way to the others. */
  const erasureOrder = () =>
    Object.keys(api.objects).sort((a, b) => Number(isOwnRecord(api.objects[a]!)) - Number(isOwnRecord(api.objects[b]!)));

  return {
    async find(identity) {
      const wanted = identity.value.toLowerCase();
      const call = {
        operation: 'find people',
        path: relative(fill(api.find.path, { email: identity.value })),
        query: fillQuery(api.find.query, { email: identity.value }),
        items: api.find.items,
        id: api.find.id,
      };
      const rows = await listAll(http, system.name, call, api.find.pagination ?? api.pagination);
      return rows
        .filter((row) => String(at(row, api.find.email) ?? '').toLowerCase() === wanted)
        .map((row) => ({
          ref: String(row[api.find.id]),
          label: String((api.find.label && at(row, api.find.label)) || system.name),
        }));
    },

    async read(person) {
      const records: SystemRecord[] = [];
      const cache = new Map<string, Read[]>();
      for (const [name, object] of Object.entries(api.objects)) {
        const mapping = mappingOf(system, name);
        if (!mapping) continue;
        for (const { row, id } of await readObject(name, person, cache)) {
          const created = object.createdAt ? at(row, object.createdAt) : undefined;
          records.push({
            ref: `${name}:${id}`,
            object: name,
            category: mapping.category,
            data: pick(row, object.fields),
            ...(typeof created === 'string' ? { createdAt: created } : {}),
          });
        }
      }
      return records;
    },

    async erase(person) {
      const out: RecordErasure[] = [];
      const cache = new Map<string, Read[]>();
      for (const name of erasureOrder()) {
        if (!mappingOf(system, name)) continue;
        const object = api.objects[name]!;
        const reads = await readObject(name, person, cache);
        // The person's own record, gone already (a re-run, or someone else erased it): said so.
        if (reads.length === 0 && isOwnRecord(object)) out.push({ ref: `${name}:${person.ref}`, object: name, result: 'absent' });
        for (const read of reads) {
          const ref = `${name}:${read.id}`;
          const erasure = erasureFor(system, name, read.id);
          const anonymise = anonymiseCallOf(object);
          if (erasure.mode === 'keep') out.push(keptRecord(ref, name, erasure));
          else if (erasure.mode === 'delete' && object.delete) {
            const done = await http.requestOrAbsent({
              operation: `delete ${name}`,
              method: 'DELETE',
              path: relative(fill(object.delete.path, { id: read.id, person: person.ref })),
              schema: Done,
            });
            out.push({ ref, object: name, result: done === undefined ? 'absent' : 'erased' });
          } else if (erasure.mode === 'anonymise' && anonymise) {
            const changes = { ...erasure.changes, ...object.anonymise?.set };
            const done = await update(`anonymise ${name}`, anonymise, read, person, changes);
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

    async correct(person, corrections) {
      const out: RecordCorrection[] = [];
      const cache = new Map<string, Read[]>();
      for (const { object: name, fields } of corrections) {
        const object = api.objects[name];
        const call = object && updateOf(object);
        if (!object || !call)
          throw new SystemCallError('rejected', `${system.name} has no way declared to change ${name} records`, false);
        const reads = await readObject(name, person, cache);
        if (reads.length === 0 && isOwnRecord(object)) out.push({ ref: `${name}:${person.ref}`, object: name, result: 'absent' });
        for (const read of reads) {
          const ref = `${name}:${read.id}`;
          const changes = changesFor(pick(read.row, Object.keys(fields)), fields);
          if (changes.length === 0) {
            out.push({ ref, object: name, result: 'unchanged', fields: Object.keys(fields) });
            continue;
          }
          const body = Object.fromEntries(changes.map((c) => [c.field, c.to]));
          const done = await update(`correct ${name}`, call, read, person, body);
          out.push(
            done === undefined ? { ref, object: name, result: 'absent' } : { ref, object: name, result: 'corrected', changes },
          );
        }
      }
      return out;
    },
  };
}

/** A kind of record that is the person's own: one record (no list) at a path naming the person. */
const isOwnRecord = (object: RestApi['objects'][string]) =>
  object.items === undefined && !object.for && object.path.includes('{person}');
