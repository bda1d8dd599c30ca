import { readdirSync } from 'node:fs';
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  copyValidatedPolicies,
  ESM_REQUIRE_BANNER,
  MAIN_FIELDS,
  NODE_TARGET,
  RUNTIME_PROVIDED_MODULES,
  RUNTIME_SDK_ALIASES,
} from '../bundling.ts';
import { fromRoot } from '../paths.ts';

/** Where the bundle carries the tenant policies; the functions read them at cold start. */
export const TENANTS_DIR = '/var/task/tenants';

/** Tenant slugs: every folder under tenants/ that has a policy.json. */
export function tenantSlugs(): string[] {
  return readdirSync(fromRoot('tenants'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .filter((entry) => readdirSync(fromRoot('tenants', entry.name)).includes('policy.json'))
    .map((entry) => entry.name)
    .sort();
}

const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;

/**
 * Shell commands that copy each tenant's policy.json (never demo.json) into the bundle, and the
 * policies validated at synth (validated.json), so a cold start need not validate them again.
 */
function copyPolicies(inputDir: string, outputDir: string): string[] {
  return [
    ...tenantSlugs().map((slug) => {
      const target = `${outputDir}/tenants/${slug}`;
      return `mkdir -p ${quote(target)} && cp ${quote(`${inputDir}/tenants/${slug}/policy.json`)} ${quote(`${target}/policy.json`)}`;
    }),
    copyValidatedPolicies(outputDir),
  ];
}

export interface AppFunctionProps {
  /** The entry file, relative to the repository root. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  reservedConcurrentExecutions?: number;
}

/**
 * A Lambda function from one of the project's entry points: Node 24 on arm64, bundled locally by
 * esbuild as minified ESM with source maps, tenant policies copied in, logs kept for a month.
 */
export function appFunction(scope: Construct, id: string, props: AppFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
  return new NodejsFunction(scope, id, {
    entry: fromRoot(props.entry),
    handler: 'handler',
    description: props.description,
    runtime: Runtime.NODEJS_24_X, // keep in step with NODE_MAJOR (infra/bundling.ts)
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(10),
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    logGroup,
    projectRoot: fromRoot(),
    depsLockFilePath: fromRoot('package-lock.json'),
    environment: {
      ...props.environment,
      TENANTS_DIR,
      NODE_OPTIONS: '--enable-source-maps',
    },
    bundling: {
      // The options live in infra/bundling.ts, shared with `npm run bench:bundles` (the budget).
      format: OutputFormat.ESM,
      target: NODE_TARGET,
      mainFields: MAIN_FIELDS,
      banner: ESM_REQUIRE_BANNER,
      minify: true,
      sourceMap: true,
      // The AWS SDK clients come from the Node.js 24 runtime, not the bundle: bundled, they made
      // every function ~1.1 MB, far over the 300 kB budget. Multipart upload and presigning are
      // done with the S3 client itself (functions/adapters/s3): see RUNTIME_PROVIDED_MODULES.
      externalModules: RUNTIME_PROVIDED_MODULES,
      // …and loaded with require() through a shim each: faster than an ESM import on Node 24.
      esbuildArgs: { '--alias': Object.entries(RUNTIME_SDK_ALIASES).map(([module, shim]) => `${module}=${shim}`) },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: copyPolicies,
      },
    },
  });
}
