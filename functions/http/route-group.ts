import type { Context, Env, Hono } from 'hono';
import type * as z from 'zod';
import type { Deps } from '../../shared/deps.ts';
import { ErrorResponse } from '../../shared/portal-api.ts';
import type { Access, BodyOf, Method, RouteRegistry, RouteSpec } from './routes.ts';
import type { sessionCookie } from './session-cookie.ts';

/** What every group of routes of an app (the portal's, the staff API's) is registered with. */
export interface AppRoutes<E extends Env> {
  app: Hono<E>;
  routes: RouteRegistry<E>;
  deps: Deps;
  cookie: ReturnType<typeof sessionCookie>;
}

type Responses = RouteSpec['responses'];

/** An answer of a route, for the OpenAPI document: its words and, for JSON, its schema. */
export const reply = (description: string, schema?: z.ZodType) => (schema ? { description, schema } : { description });

/** An error answer: its words; the body is always the one `onError` writes. */
export const errorReply = (description: string) => ({ description, schema: ErrorResponse });

/** One route of a group: who may call it (declared here, on the route, and applied by the registry), its words, its handler. */
export type RouteDeclaration<E extends Env, B extends z.ZodType | undefined> = Omit<RouteSpec<B>, 'method' | 'path' | 'tag'> & {
  handler: (c: Context<E>, body: BodyOf<B>) => Response | Promise<Response>;
};

/**
 * Declares a group of routes on one app under one OpenAPI tag: `route.get(path, { access, summary,
 * responses, handler })`. `implied` holds the answers a kind of caller can always get (a subject
 * route's 401), written once for the group; a route may still word its own.
 */
export function routeGroup<E extends Env>(
  { app, routes }: Pick<AppRoutes<E>, 'app' | 'routes'>,
  tag: string,
  implied: Partial<Record<Access['who'], Responses>> = {},
) {
  const on =
    (method: Method) =>
    <B extends z.ZodType | undefined = undefined>(path: string, { handler, responses, ...spec }: RouteDeclaration<E, B>) =>
      routes.add(app, { method, path, tag, ...spec, responses: { ...implied[spec.access.who], ...responses } }, handler);
  return { get: on('get'), post: on('post'), put: on('put'), patch: on('patch'), delete: on('delete') };
}

export type RouteGroup<E extends Env> = ReturnType<typeof routeGroup<E>>;

/** Reads these named parameters of the path, each '' when absent (the use case then answers not found). */
export function pathIds<K extends string>(...names: K[]) {
  return (c: { req: { param(name: string): string | undefined } }) =>
    Object.fromEntries(names.map((name) => [name, c.req.param(name) ?? ''])) as Record<K, string>;
}

/** Marks the answer as a file to save under this name. */
export function attachment(c: Context, filename: string): void {
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
}

/** A self-contained HTML document (an evidence pack) as a file to save. */
export function htmlFile(c: Context, file: { filename: string; html: string }): Response | Promise<Response> {
  attachment(c, file.filename);
  return c.html(file.html);
}
