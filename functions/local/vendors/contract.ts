/**
 * A vendor's OpenAPI document, loaded with openapi-backend to check requests (the stand-ins) and
 * answers (the contract tests). See functions/local/vendor-apis/README.md for the fixes below.
 */
import { readFileSync } from 'node:fs';
import { type Document, OpenAPIBackend } from 'openapi-backend';

/** The formats the vendors' documents use, checked as the vendors do. */
const formats: Record<string, RegExp | ((value: string) => boolean) | { type: 'number'; validate: (n: number) => boolean }> = {
  int32: { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n) => Number.isInteger(n) },
  double: { type: 'number', validate: Number.isFinite },
  float: { type: 'number', validate: Number.isFinite },
  /** .NET TimeSpan, e.g. 09:30:00 */
  'date-span': /^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/,
  'date-time': (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v),
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/**
 * Fixes made in memory, the file stays the vendor's own: openapi-backend validates by operationId
 * and Halo's document has none (`<method> <path>` is added); a `nullable` with no `type` beside it
 * (Halo, on `$ref`s) means nothing in OpenAPI 3.0 but stops Ajv, so it is dropped; and Autotask's
 * `Object` schema (C# `object`, converted as an empty JSON object: its `itemId` is a number in
 * every real answer) becomes any value, as its `Filter.value` already was in the copy.
 */
function withContractFixes(file: string, shallow: string[] = [], dropRefSiblings = false): string | Document {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Document;
  let fixes = 0;
  const schemas = (doc.components?.schemas ?? {}) as Record<string, { properties?: Record<string, Record<string, unknown>> }>;
  for (const name of shallow) {
    for (const [field, schema] of Object.entries(schemas[name]?.properties ?? {})) {
      const items = schema.items as Record<string, unknown> | undefined;
      if (schema.$ref) schemas[name]!.properties![field] = { type: 'object' };
      else if (items?.$ref) schemas[name]!.properties![field] = { type: 'array', items: { type: 'object' } };
      else continue;
      fixes++;
    }
  }
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {}) as [string, { operationId?: string }][]) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method) && !operation.operationId) {
        operation.operationId = `${method} ${path}`;
        fixes++;
      }
    }
  }
  const object = schemas.Object as Record<string, unknown> | undefined;
  if (object?.type === 'object' && Object.keys((object.properties as object) ?? {}).length === 0) {
    schemas.Object = {};
    fixes++;
  }
  const visit = (node: unknown, seen: Set<unknown>) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if ('nullable' in record && !('type' in record)) {
      delete record.nullable;
      fixes++;
    }
    // OpenAPI 3.0 ignores a `$ref`'s siblings; Ajv merges them, and Xero's `"type": "string"` beside
    // a `$ref` to an enum schema makes its response schemas fail to compile. Only where asked:
    // Graph's document has thousands of them and compiles far slower without.
    if (dropRefSiblings && typeof record.$ref === 'string' && 'type' in record) {
      delete record.type;
      fixes++;
    }
    for (const value of Object.values(record)) visit(value, seen);
  };
  visit(doc.components, new Set());
  return fixes > 0 ? doc : file;
}

/** A vendor's document loaded for checking requests and answers, with the fixes above. */
export async function openContract(
  document: string,
  options: { apiRoot?: string; shallow?: string[]; dropRefSiblings?: boolean } = {},
): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: withContractFixes(document, options.shallow, options.dropRefSiblings),
    apiRoot: options.apiRoot,
    quick: true,
    strict: true,
    // Vendors' documents use OpenAPI's `nullable` loosely (Halo: without a type): not strict JSON Schema.
    ajvOpts: { strict: false },
    customizeAjv: (ajv) => {
      for (const [name, test] of Object.entries(formats)) ajv.addFormat(name, test);
      return ajv;
    },
  });
  await api.init();
  return api;
}
