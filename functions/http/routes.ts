import type { Context, Env, Hono } from 'hono';
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends z.ZodType | undefined = z.ZodType | undefined> {
  method: Method;
  /** hono path, e.g. `/t/:tenant/auth/link` (relative to the app's base path) */
  path: string;
  summary: string;
  tag: string;
  /** Needs a subject session cookie. */
  session?: boolean;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

type BodyOf<B> = B extends z.ZodType ? z.infer<B> : undefined;

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

/** Collects route specs so that the OpenAPI document comes from the very schemas that validate. */
export class RouteRegistry {
  readonly specs: RouteSpec[] = [];

  add<E extends Env, B extends z.ZodType | undefined>(
    app: Hono<E>,
    spec: RouteSpec<B>,
    handler: (c: Context<E>, body: BodyOf<B>) => Response | Promise<Response>,
  ): void {
    this.specs.push(spec);
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const body = (spec.body ? await parseJsonBody(c, spec.body) : undefined) as BodyOf<B>;
      return handler(c as Context<E>, body);
    });
  }

  /** OpenAPI 3.1 document for every registered route. */
  document(info: { title: string; version: string }, basePath: string): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const path = basePath + spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const params = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const responses = Object.fromEntries(
        Object.entries(spec.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? {
                  content: { 'application/json': { schema: z.toJSONSchema(r.schema, { io: 'output', unrepresentable: 'any' }) } },
                }
              : {}),
          },
        ]),
      );
      paths[path] ??= {};
      paths[path][spec.method] = {
        summary: spec.summary,
        tags: [spec.tag],
        ...(params.length ? { parameters: params } : {}),
        ...(spec.session ? { security: [{ session: [] }] } : {}),
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input' }) } },
              },
            }
          : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-pc_<tenant>' } },
      },
    };
  }
}
