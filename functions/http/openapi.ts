/**
 * The OpenAPI documents of the HTTP APIs, built from the route specs (functions/http/routes.ts),
 * so each document comes from the very schemas that validate. Converting the schemas to JSON Schema
 * is zod's, and only here: the Lambda bundles leave zod's converter out (infra/bundling.ts) and
 * serve the documents the synth built with this module (infra/openapi-documents.ts), read from
 * their asset (functions/http/openapi-asset.ts); the local runtime builds them on first request.
 */
import * as z from 'zod';
import type { RouteSpec } from './routes.ts';

export interface OpenApiInfo {
  title: string;
  version: string;
}
export type OpenApiDocument = Record<string, unknown>;

/**
 * Where an app gets the OpenAPI document of one function's routes, asked on the first request for
 * it: `name` is the function's (`portal`, `admin`, `casework`, `staff-tools`), `specs` and `info` what the
 * document is built from.
 */
export type OpenApiSource = (name: string, specs: readonly RouteSpec[], info: OpenApiInfo) => OpenApiDocument;

/** Builds the document now, from the routes (the local runtime and the tests). */
export const builtOpenApi: OpenApiSource = (_name, specs, info) => openApiDocument(specs, info);

/** The OpenAPI 3.1 document of these routes, their schemas converted by zod. */
export function openApiDocument(specs: readonly RouteSpec[], info: OpenApiInfo, basePath = '/api'): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
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
      ...(spec.access.who === 'mailer'
        ? { security: [{ mailerSignature: [], mailerTimestamp: [] }] }
        : spec.access.who !== 'public'
          ? { security: [{ session: [] }] }
          : {}),
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
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: '__Host-pc_<tenant>' },
        // The mail tools' calls: HMAC-SHA256 over timestamp, method, path and body (README, "Mail tools").
        mailerSignature: { type: 'apiKey', in: 'header', name: 'X-Centre-Signature' },
        mailerTimestamp: { type: 'apiKey', in: 'header', name: 'X-Centre-Timestamp' },
      },
    },
  };
}
