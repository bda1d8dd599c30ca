import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/** A path under the system's base URL; `{email}`, `{person}` and `{id}` are filled in, URL-encoded. */
const PathTemplate = /* @__PURE__ */ lazySchema(() =>
  z.string().regex(/^\/[^\s?#]*$/, 'a path starting with "/", without a query'),
);
/** Where a value sits in an answer: dot-separated keys (`data.items`); empty for the answer itself. */
const Pointer = /* @__PURE__ */ lazySchema(() =>
  z.string().regex(/^([A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*)?$/, 'dot-separated keys, e.g. "data.items"'),
);
const Field = /* @__PURE__ */ lazySchema(() => z.string().min(1));
/** Query parameters; `{email}`, `{person}` and `{parent}` are filled in where the call has them. */
const Query = /* @__PURE__ */ lazySchema(() => z.record(z.string(), z.string()).default({}));

/** How a list answer says there is more. */
const Pagination = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    /**
     * Numbered pages from 1: the last is the first short one, or, where the answer says how many
     * rows there are in all (`total`), the one that reaches it. `query`: parameters sent with every
     * page (an API that pages only when asked, e.g. `pageinate=true`).
     */
    z.strictObject({
      type: z.literal('page'),
      param: Field,
      sizeParam: Field,
      size: z.number().int().min(1).max(1000),
      total: Pointer.optional(),
      query: z.record(z.string(), z.string()).default({}),
    }),
    /** The answer gives a cursor for the next page, sent back in `param`. */
    z.strictObject({ type: z.literal('cursor'), param: Field, next: Pointer }),
    /** The answer gives the next page's URL (on the same site). */
    z.strictObject({ type: z.literal('link'), next: Pointer }),
  ]),
);
export type Pagination = z.infer<typeof Pagination>;

/** A JSON value written as it is (a flag set on anonymising, e.g. `"inactive": true`). */
const Constant = /* @__PURE__ */ lazySchema(() => z.union([z.string(), z.number(), z.boolean(), z.null()]));

/**
 * How one record's fields are rewritten (a correction, and anonymising on erasure): `{id}` in the
 * path is the record's id. PATCH sends the changed fields; PUT the whole record as read, changed;
 * POST (an upsert, as some APIs update) the changed fields with the record's id in `idField`.
 * `list`: the body is a list of that one record.
 */
const Update = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    method: z.enum(['PATCH', 'PUT', 'POST']),
    path: PathTemplate,
    idField: Field.optional(),
    list: z.boolean().default(false),
  }),
);

/**
 * How the centre talks to a system no shipped connector knows, declared in the policy: how it
 * signs in, finds a person by email, reads each kind of record, pages through lists, and deletes
 * or rewrites a record. Credentials (base URL, key, secret) stay out of the policy as for every system.
 */
export const RestApi = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      auth: z.discriminatedUnion('type', [
        /** Credentials: `{ baseUrl, apiKey }`, sent in the named header. */
        z.strictObject({ type: z.literal('api-key'), header: z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name') }),
        /** Credentials: `{ baseUrl, username, password }`. */
        z.strictObject({ type: z.literal('basic') }),
        /** Credentials: `{ baseUrl, tokenUrl, clientId, clientSecret }`. */
        z.strictObject({ type: z.literal('oauth2-client-credentials'), scope: z.string().default('') }),
      ]),
      /** How a list answer says there is more (a list below may declare its own). */
      pagination: Pagination.default({ type: 'none' }),
      find: z.strictObject({
        path: PathTemplate,
        /** Query parameters, `{email}` filled in. */
        query: Query,
        items: Pointer,
        /** This list's own pagination, where it differs from the API's. */
        pagination: Pagination.optional(),
        id: Field.default('id'),
        /** The field holding the address: only an exact (case-insensitive) match is the person. */
        email: Field,
        label: Field.optional(),
      }),
      /** Each kind of record, by the object name the `objects` mappings use. */
      objects: z.record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and hyphens'),
        z.strictObject({
          /** Where the person's records of this kind are read (`{person}`: the person's id). */
          path: PathTemplate,
          query: Query,
          /**
           * Read once for each record of another kind (a ticket's actions, per ticket): `{parent}` in
           * the path or query is that record's id. The other kind is read first.
           */
          for: z.string().min(1).optional(),
          /** Where the list is in the answer; absent: the answer is the one record. */
          items: Pointer.optional(),
          /** This list's own pagination, where it differs from the API's. */
          pagination: Pagination.optional(),
          id: Field.default('id'),
          /** The fields read into the export (and the only ones erasure may rewrite). */
          fields: z.array(Field).min(1),
          createdAt: Field.optional(),
          /** Deletes one record (`{id}`: the record's id). */
          delete: z.strictObject({ path: PathTemplate }).optional(),
          /** Rewrites one record's fields: a correction, and anonymising unless `anonymise` says its own way. */
          update: Update.optional(),
          /**
           * Anonymises one record (rewrites its fields with the erasure's values): by its own call
           * (method and path), or by `update`; `set`: further fields written as they are.
           */
          anonymise: z
            .strictObject({
              method: z.enum(['PATCH', 'PUT']).optional(),
              path: PathTemplate.optional(),
              set: z.record(z.string(), Constant).default({}),
            })
            .refine(
              (a) => (a.method === undefined) === (a.path === undefined),
              'give both method and path, or neither (use update)',
            )
            .optional(),
        }),
      ),
      /** Calls per second the system allows; the connector spaces its calls to stay under. */
      rateLimit: z.strictObject({ perSecond: z.number().positive().max(100) }).optional(),
    })
    .superRefine((api, ctx) => {
      for (const [name, object] of Object.entries(api.objects)) {
        if (object.for !== undefined) {
          const parent = api.objects[object.for];
          if (!parent || object.for === name)
            ctx.addIssue({
              code: 'custom',
              path: ['objects', name, 'for'],
              message: `no other kind of record is called "${object.for}"`,
            });
          else if (parent.for !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['objects', name, 'for'],
              message: `"${object.for}" is itself read per record of another kind: one level only`,
            });
        }
        if (object.anonymise && !object.anonymise.method && !object.update)
          ctx.addIssue({
            code: 'custom',
            path: ['objects', name, 'anonymise'],
            message: 'give its method and path, or declare the update call (update) it uses',
          });
      }
    }),
);
export type RestApi = z.infer<typeof RestApi>;
export type RestObject = RestApi['objects'][string];
export type RestUpdate = z.infer<typeof Update>;

/** The call that rewrites a record's fields: the object's `update`; absent: none declared. */
export const updateOf = (object: RestObject): RestUpdate | undefined => object.update;

/** The call that anonymises a record: its own, or the update call; absent: none declared. */
export function anonymiseCallOf(object: RestObject): RestUpdate | undefined {
  const own = object.anonymise;
  if (!own) return undefined;
  if (own.method && own.path) return { method: own.method, path: own.path, list: false };
  return object.update;
}

/** The erasure modes a declared record kind allows: keep always, delete and anonymise where the API says how. */
export const restModes = (object: RestObject) => [
  ...(object.delete ? (['delete'] as const) : []),
  ...(anonymiseCallOf(object) ? (['anonymise'] as const) : []),
  'keep' as const,
];
