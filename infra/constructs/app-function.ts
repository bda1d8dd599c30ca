import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { OPENAPI_ASSET_DIR } from '../../functions/http/openapi-asset.ts';
import { stagedValidatedPolicies } from '../bundling.ts';
import { type OpenApiFunction, openApiDocumentText } from '../openapi-documents.ts';
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

/**
 * Builds a function's asset into `outputDir`: the bundle (`index.mjs` and its source map, by
 * infra/build-function.ts with infra/bundling.ts's options), each tenant's policy.json (never
 * demo.json) with the policies validated at synth (validated.json, so a cold start need not
 * validate them again), and the OpenAPI documents it serves, built at synth.
 */
function buildAsset(entry: string, outputDir: string, openapi: readonly OpenApiFunction[]): void {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  execFileSync(process.execPath, [tsx, fromRoot('infra', 'build-function.ts'), entry, join(outputDir, 'index.mjs')], {
    cwd: fromRoot(),
    stdio: 'inherit',
  });
  for (const slug of tenantSlugs()) {
    mkdirSync(join(outputDir, 'tenants', slug), { recursive: true });
    copyFileSync(fromRoot('tenants', slug, 'policy.json'), join(outputDir, 'tenants', slug, 'policy.json'));
  }
  cpSync(stagedValidatedPolicies(), join(outputDir, 'tenants'), { recursive: true });
  if (openapi.length > 0) mkdirSync(join(outputDir, OPENAPI_ASSET_DIR));
  for (const name of openapi) writeFileSync(join(outputDir, OPENAPI_ASSET_DIR, `${name}.json`), openApiDocumentText(name));
}

export interface AppFunctionProps {
  /** The entry file, relative to the repository root. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  reservedConcurrentExecutions?: number;
  /** The OpenAPI documents the function serves (functions/http/openapi-asset.ts). */
  openapi?: readonly OpenApiFunction[];
}

/**
 * A Lambda function from one of the project's entry points: Node 24 on arm64, bundled locally by
 * esbuild as minified ESM with source maps (infra/bundling.ts), tenant policies and OpenAPI
 * documents put in beside it, logs kept for a month. CDK's own NodejsFunction runs esbuild's
 * command line, which takes no plugins; the asset is built as NodejsFunction builds it otherwise
 * (locally, hashed by its output).
 */
export function appFunction(scope: Construct, id: string, props: AppFunctionProps): LambdaFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
  return new LambdaFunction(scope, id, {
    code: Code.fromAsset(fromRoot(), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: the asset is always built locally (CDK requires an image all the same).
        image: DockerImage.fromRegistry('dummy'),
        // What sets one function's asset apart in CDK's bundling cache, whose key leaves out the local bundler (a function).
        environment: { ENTRY: props.entry, OPENAPI: (props.openapi ?? []).join(',') },
        local: {
          tryBundle(outputDir) {
            buildAsset(props.entry, outputDir, props.openapi ?? []);
            return true;
          },
        },
      },
    }),
    handler: 'index.handler',
    description: props.description,
    runtime: Runtime.NODEJS_24_X, // keep in step with NODE_MAJOR (infra/bundling.ts)
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(10),
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    logGroup,
    environment: {
      ...props.environment,
      TENANTS_DIR,
      NODE_OPTIONS: '--enable-source-maps',
    },
  });
}
