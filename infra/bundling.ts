/**
 * How every Lambda entry point is bundled: one source for infra/constructs/app-function.ts (what
 * `cdk synth` builds) and scripts/bench-bundles.ts (what the budget measures), so they cannot drift.
 * esbuild's own options, with a plugin (and the bundled policies validated at synth): no CDK import,
 * so the benchmark stays light.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { tenantSlugs, VALIDATED_POLICIES_FILE, validatedPolicyFile } from '../functions/adapters/fs/tenant-files.ts';
import { parseWholePolicy } from '../shared/systems/declared.ts';
import { fromRoot } from './paths.ts';

/**
 * The Node.js major the functions run on (app-function.ts: `nodejs24.x`), the syntax esbuild may
 * emit for it, and the Node CI runs the tests on (scripts/node24.sh; test/infra/node-version.test.ts
 * keeps the three in step).
 */
export const NODE_MAJOR = 24;
export const NODE_TARGET = `node${NODE_MAJOR}`;

/**
 * Packages left out of the bundles because the Node.js 24 Lambda runtime provides them (AWS SDK
 * for JavaScript v3, in /var/runtime/node_modules). The budget is 300 kB a bundle: with the SDK
 * bundled each was 1.08-1.24 MB, without it 0.55-0.71 MB (most of the rest is zod; see
 * BENCHMARKS.md). The import time is not helped (the runtime's SDK loads from disk all the same).
 *
 * Only the clients (and the DynamoDB document client and marshaller that sit on them) are listed,
 * by exact name: AWS documents that the runtime ships the SDK v3 clients, but not which helper
 * libraries, so functions/adapters/s3/blob-store.ts does its multipart upload and presigning with
 * the S3 client itself rather than bundle `@aws-sdk/lib-storage` and `@aws-sdk/s3-request-presigner`.
 * A runtime SDK older than package.json's is the trade-off accepted for the budget (pin it back by
 * emptying this list).
 *
 * The S3 and SES clients (and Secrets Manager) are imported dynamically where they are used, so a
 * function loads them on first use, not at cold start. A static import of one of these anywhere in
 * a bundle, even in a module only reached through a dynamic `import()`, is hoisted by esbuild to
 * the top of the ES module output and undoes that (test/infra/stack.test.ts checks).
 */
export const RUNTIME_PROVIDED_MODULES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/util-dynamodb',
];

/**
 * Each runtime-provided package aliased to a two-line CommonJS module (infra/runtime-sdk/) that
 * `require()`s it, so a bundle loads the runtime's SDK the way Node loads CommonJS natively. An ES
 * module `import` of a CommonJS package costs more on Node 24: the loader compiles the package's
 * entry once to detect its format and runs the CJS-export lexer over it (about 6 ms of the portal's
 * cold start in a CPU profile; the import measured 80 ms CPU against 85 ms, BENCHMARKS.md). The
 * package name sits in a variable in the shim: a literal would be aliased back to the shim itself.
 * Node resolves the `require` from the bundle's folder and then NODE_PATH, which on Lambda holds
 * /var/runtime/node_modules. A dynamic `import()` of an aliased client (S3, SES, Secrets Manager)
 * becomes a `require` on first use, still not at cold start (test/infra/stack.test.ts checks).
 * Paths are relative to the project root, where both esbuild runs start.
 */
export const RUNTIME_SDK_ALIASES: Record<string, string> = Object.fromEntries(
  RUNTIME_PROVIDED_MODULES.map((module) => [module, `./infra/runtime-sdk/${module.slice('@aws-sdk/'.length)}.cjs`]),
);

/** An ESM bundle still needs `require` for the CommonJS code esbuild inlines (its `require` calls) and the SDK shims. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Prefer packages' ESM builds: they tree-shake, their CommonJS builds do not. */
export const MAIN_FIELDS = ['module', 'main'];

/** What a Lambda bundle throws if anything in it asks zod for JSON Schema (nothing should: see below). */
export const NO_JSON_SCHEMA_MESSAGE =
  'zod’s JSON Schema conversion is left out of the Lambda bundles (infra/bundling.ts): the OpenAPI documents are built at synth';

/**
 * Leaves zod's JSON Schema converter (`z.toJSONSchema` and a processor per kind of schema, about
 * 19 kB minified) out of a bundle: zod's schemas reference it, so esbuild cannot shake it off,
 * yet the functions only ever used it for their OpenAPI documents, which the synth now builds
 * (infra/openapi-documents.ts) and the functions serve from their asset. Each module is replaced by
 * one with the same exports (read from the module itself, so a zod update cannot leave one
 * missing), each throwing NO_JSON_SCHEMA_MESSAGE when called; the `create…` factories, which zod
 * calls while building schemas, hand back such a method instead. Every bundle is 17-21 kB smaller
 * for it; the import time did not change measurably (BENCHMARKS.md, "Lambda bundles", sixth round).
 */
export const noJsonSchemaPlugin: Plugin = {
  name: 'no-json-schema',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const names = [
        ...[...source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/gm)].map((m) => m[1] as string),
        ...[...source.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) =>
          (m[1] as string).split(',').map(
            (part) =>
              part
                .trim()
                .split(/\s+as\s+/)
                .pop() as string,
          ),
        ),
      ].filter(Boolean);
      const stub = names.map((name) =>
        name.startsWith('create') ? `export const ${name} = () => unavailable;` : `export function ${name}() { unavailable(); }`,
      );
      return {
        contents: [`const unavailable = () => { throw new Error(${JSON.stringify(NO_JSON_SCHEMA_MESSAGE)}); };`, ...stub].join(
          '\n',
        ),
        loader: 'js',
      };
    });
  },
};

/**
 * The esbuild options of every Lambda bundle: the synth's (infra/build-function.ts, for
 * infra/constructs/app-function.ts) and the benchmark's (scripts/bench-bundles.ts).
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    minify: true,
    sourcemap: true,
    external: RUNTIME_PROVIDED_MODULES,
    alias: RUNTIME_SDK_ALIASES,
    absWorkingDir: fromRoot(),
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    plugins: [noJsonSchemaPlugin],
    logLevel: 'warning',
  };
}

let staged: string | undefined;
/**
 * Each bundled tenant's `validated.json` (functions/adapters/fs/tenant-files.ts): every policy
 * under tenants/ validated now, at synth, its systems' declarations too (a bad policy fails the
 * synth, naming the file and field), and written once per process into a temporary folder laid out
 * as tenants/ is (`<slug>/validated.json`); returns the folder. The functions then take a tenant's policy from
 * it when first asked for, instead of building the policy schema and validating each policy at
 * cold start (BENCHMARKS.md, "Lambda bundles").
 */
export function stagedValidatedPolicies(tenantsDir = fromRoot('tenants')): string {
  if (staged) return staged;
  const folder = mkdtempSync(join(tmpdir(), 'pc-validated-'));
  for (const slug of tenantSlugs(tenantsDir)) {
    mkdirSync(join(folder, slug));
    writeFileSync(join(folder, slug, VALIDATED_POLICIES_FILE), validatedPolicyFile(tenantsDir, slug, parseWholePolicy));
  }
  staged = folder;
  return folder;
}
