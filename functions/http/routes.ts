import type { Context, Env, Hono } from 'hono';
import type * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import type { Permission } from '../../shared/staff/permissions.ts';

/** The version every OpenAPI document of the centre's APIs gives (functions/http/openapi.ts). */
export const OPENAPI_VERSION = '1.0.0';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route. The registry applies exactly the guard the app gave for it, before the
 * handler runs: anyone; a signed-in subject; staff between the email link and the second factor;
 * fully signed-in staff whose role has the permission (a refusal is a 403 and an audit event
 * naming the attempt, taken from the body where it says what was tried); or the tenant's own
 * mail tools, by a request signed with the tenant's mailer secret (shared/marketing/mailer-signature.ts).
 */
export type Access =
  | { who: 'public' }
  | { who: 'subject' }
  | { who: 'mailer' }
  | { who: 'staff-second-factor' }
  | { who: 'staff'; permission: Permission; attempt?: string | ((body: any) => string) };

export const publicAccess = { who: 'public' } as const satisfies Access;
export const subjectAccess = { who: 'subject' } as const satisfies Access;
export const secondFactorAccess = { who: 'staff-second-factor' } as const satisfies Access;
export const mailerAccess = { who: 'mailer' } as const satisfies Access;
export const staffAccess = (permission: Permission, attempt?: string | ((body: any) => string)): Access => ({
  who: 'staff',
  permission,
  ...(attempt ? { attempt } : {}),
});

/** How an app checks each kind of caller: throws (401/403) or lets the call through. */
export type Guards<E extends Env> = {
  [K in Access['who']]?: (c: Context<E>, access: Extract<Access, { who: K }>, body: () => Promise<unknown>) => Promise<void>;
};

export interface RouteSpec<B extends z.ZodType | undefined = z.ZodType | undefined> {
  method: Method;
  /** hono path, e.g. `/t/:tenant/auth/link` (relative to the app's base path) */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: the registry applies this guard and no other. */
  access: Access;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

export type BodyOf<B> = B extends z.ZodType ? z.infer<B> : undefined;

/** Reads and validates a JSON body with the route's schema: bad JSON or fields → 400, nothing done. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new DomainError('bad_request', 'Send the request as JSON (Content-Type: application/json).');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new DomainError('bad_request', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const fields = result.error.issues.map((i) => ({
      field: i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '(body)'),
      message: i.code === 'unrecognized_keys' ? `Unknown field: ${i.keys.join(', ')}` : i.message,
    }));
    throw new DomainError('bad_request', fields.map((f) => f.message).join('; '), { fields });
  }
  return result.data;
}

/** Validates the query string with a schema: unknown or bad parameters → 400, nothing done. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) {
    const fields = result.error.issues.map((i) => ({
      field: i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '(query)'),
      message: i.code === 'unrecognized_keys' ? `Unknown parameter: ${i.keys.join(', ')}` : i.message,
    }));
    throw new DomainError('bad_request', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }
  return result.data;
}

const registries = new WeakMap<object, RouteRegistry<any>>();
/** The registry an app's routes were added through (tests walk its specs). */
export const registryOf = (app: object): RouteRegistry<any> | undefined => registries.get(app);

/**
 * Collects route specs so that the OpenAPI document comes from the very schemas that validate,
 * and applies to each route the guard its spec declares (the only check of who may call it).
 */
export class RouteRegistry<E extends Env = Env> {
  readonly specs: RouteSpec[] = [];

  constructor(private readonly guards: Guards<E>) {}

  add<B extends z.ZodType | undefined>(
    app: Hono<E>,
    spec: RouteSpec<B>,
    handler: (c: Context<E>, body: BodyOf<B>) => Response | Promise<Response>,
  ): void {
    this.specs.push(spec);
    registries.set(app, this);
    const guard = this.guards[spec.access.who] as
      | ((c: Context<E>, access: Access, body: () => Promise<unknown>) => Promise<void>)
      | undefined;
    // A route that declares a kind of caller this app has no guard for is a bug: refuse to start.
    if (!guard) throw new Error(`${spec.method} ${spec.path}: this app has no guard for '${spec.access.who}' callers`);
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      let parsed: Promise<unknown> | undefined;
      // Parsed once, when the guard or the handler first needs it: an unknown caller hears 401 before any 400.
      const body = () => (parsed ??= spec.body ? parseJsonBody(c, spec.body) : Promise.resolve(undefined));
      await guard(c as Context<E>, spec.access, body);
      return handler(c as Context<E>, (await body()) as BodyOf<B>);
    });
  }
}
