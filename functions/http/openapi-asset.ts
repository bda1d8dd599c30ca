import { readFileSync } from 'node:fs';
import type { OpenApiSource } from './openapi.ts';

/** Where a function's asset carries its OpenAPI documents: `openapi/<function>.json` beside index.mjs. */
export const OPENAPI_ASSET_DIR = 'openapi';

/**
 * The OpenAPI documents the synth built (infra/openapi-documents.ts), read from the function's
 * asset on the first request for one: a Lambda bundle carries no JSON Schema converter
 * (infra/bundling.ts). `bundleUrl` is the bundle's own `import.meta.url`.
 */
export const openApiFromAsset =
  (bundleUrl: string): OpenApiSource =>
  (name) =>
    JSON.parse(readFileSync(new URL(`${OPENAPI_ASSET_DIR}/${name}.json`, bundleUrl), 'utf8'));
