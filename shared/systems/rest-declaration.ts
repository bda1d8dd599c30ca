import * as z from 'zod';

/** A path under the system's base URL; `{email}`, `{person}` and `{id}` are filled in, URL-encoded. */
const PathTemplate = z.string().regex(/^\/[^\s?#]*$/, 'a path starting with "/", without a query');
/** Where a value sits in an answer: dot-separated keys (`data.items`); empty for the answer itself. */
const Pointer = z.string().regex(/^([A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*)?$/, 'dot-separated keys, e.g. "data.items"');
const Field = z.string().min(1);

/**
 * How the centre talks to a system no shipped connector knows, declared in the policy: how it
 * signs in, finds a person by email, reads each kind of record, pages through lists, and deletes
 * or rewrites a record. Credentials (base URL, key, secret) stay out of the policy as for every system.
 */
export const RestApi = z.strictObject({
  auth: z.discriminatedUnion('type', [
    /** Credentials: `{ baseUrl, apiKey }`, sent in the named header. */
    z.strictObject({ type: z.literal('api-key'), header: z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name') }),
    /** Credentials: `{ baseUrl, username, password }`. */
    z.strictObject({ type: z.literal('basic') }),
    /** Credentials: `{ baseUrl, tokenUrl, clientId, clientSecret }`. */
    z.strictObject({ type: z.literal('oauth2-client-credentials'), scope: z.string().default('') }),
  ]),
  /** How a list answer says there is more. */
  pagination: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('none') }),
      /** Numbered pages from 1: the last is the first short one. */
      z.strictObject({ type: z.literal('page'), param: Field, sizeParam: Field, size: z.number().int().min(1).max(1000) }),
      /** The answer gives a cursor for the next page, sent back in `param`. */
      z.strictObject({ type: z.literal('cursor'), param: Field, next: Pointer }),
      /** The answer gives the next page's URL (on the same site). */
      z.strictObject({ type: z.literal('link'), next: Pointer }),
    ])
    .default({ type: 'none' }),
  find: z.strictObject({
    path: PathTemplate,
    /** Query parameters, `{email}` filled in. */
    query: z.record(z.string(), z.string()).default({}),
    items: Pointer,
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
      /** Where the list is in the answer; absent: the answer is the one record. */
      items: Pointer.optional(),
      id: Field.default('id'),
      /** The fields read into the export (and the only ones erasure may rewrite). */
      fields: z.array(Field).min(1),
      createdAt: Field.optional(),
      /** Deletes one record (`{id}`: the record's id). */
      delete: z.strictObject({ path: PathTemplate }).optional(),
      /** Rewrites one record's fields with the declared values. */
      anonymise: z.strictObject({ method: z.enum(['PATCH', 'PUT']), path: PathTemplate }).optional(),
    }),
  ),
  /** Calls per second the system allows; the connector spaces its calls to stay under. */
  rateLimit: z.strictObject({ perSecond: z.number().positive().max(100) }).optional(),
});
export type RestApi = z.infer<typeof RestApi>;

/** The erasure modes a declared record kind allows: keep always, delete and anonymise where the API says how. */
export const restModes = (object: RestApi['objects'][string]) => [
  ...(object.delete ? (['delete'] as const) : []),
  ...(object.anonymise ? (['anonymise'] as const) : []),
  'keep' as const,
];
