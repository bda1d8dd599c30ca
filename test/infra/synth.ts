import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildStack } from '../../infra/build-stack.ts';
import { PAGES } from '../../infra/constructs/site.ts';
import { fromRoot } from '../../infra/paths.ts';

/** The feature flags cdk.json gives the real app, so tests synthesise what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(fromRoot('cdk.json'), 'utf8')).context ?? {};
}

/** Builds the pages once if one is missing: the site construct deploys web/dist and refuses without them. */
export function ensureWebDist(): void {
  if (PAGES.every((page) => existsSync(fromRoot('web', 'dist', page)))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: fromRoot(),
    stdio: 'inherit',
  });
}

export interface Synth {
  stack: Stack;
  template: Template;
  outdir: string;
}

/**
 * Synthesises the stack offline into a fresh folder, as `cdk synth` would. `bundle: false` skips
 * esbuild (the code assets are then placeholders) for tests that read only the template.
 */
export function synth(context: Record<string, string>, { bundle = true } = {}): Synth {
  const outdir = mkdtempSync(join(tmpdir(), 'privacy-centre-cdk-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), ...context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stack = buildStack(app);
  const template = Template.fromStack(stack);
  app.synth();
  return { stack, template, outdir };
}

/** The folder a function's code asset (its bundle) was written to in the cloud assembly. */
export function assetDir(outdir: string, fn: { Code: { S3Key: string } }): string {
  return join(outdir, `asset.${fn.Code.S3Key.replace(/\.zip$/, '')}`);
}

/**
 * Lets the bundles import what they leave to the runtime (the AWS SDK clients, infra/bundling.ts)
 * from the project's node_modules, as they would from /var/runtime/node_modules on Lambda.
 */
export function linkRuntimeModules(outdir: string): void {
  if (!existsSync(join(outdir, 'node_modules'))) symlinkSync(fromRoot('node_modules'), join(outdir, 'node_modules'), 'dir');
}

/**
 * Runs a bundled Lambda (its asset folder) on an event in a child process, with the environment
 * config.ts needs and no AWS credentials: only what fails or answers before any AWS call can be
 * driven this way. Gives the handler's result, or `{ error }` with the message it threw.
 */
export function runBundledHandler(dir: string, event: unknown, env: Record<string, string> = {}): any {
  return runInBundleProcess(
    dir,
    `const { handler } = await import(${JSON.stringify(`${dir}/index.mjs`)});
    let out;
    try { out = await handler(${JSON.stringify(event)}, {}); } catch (error) { out = { error: error.message }; }
    process.stdout.write(JSON.stringify(out));`,
    env,
  );
}

/**
 * The AWS SDK packages (`@aws-sdk/…`) a bundle has loaded once its import (the cold start) is
 * done, from Node's module cache, where the runtime's SDK lands however it was loaded.
 */
export function sdkPackagesLoadedAtColdStart(dir: string): string[] {
  return runInBundleProcess(
    dir,
    `import { createRequire } from 'node:module';
    await import(${JSON.stringify(`${dir}/index.mjs`)});
    const loaded = Object.keys(createRequire(import.meta.url).cache).map((file) => file.split('/node_modules/').at(-1).split('/').slice(0, 2).join('/'));
    process.stdout.write(JSON.stringify([...new Set(loaded.filter((name) => name.startsWith('@aws-sdk/')))].sort()));`,
  );
}

/** Runs a script in a child process with the environment config.ts needs (see runBundledHandler); gives its last line, parsed. */
function runInBundleProcess(dir: string, script: string, env: Record<string, string> = {}): any {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      TABLE_NAME: 'unused',
      AWS_REGION: 'eu-west-2',
      PUBLIC_URL: 'https://example.cloudfront.net',
      MAIL_FROM: 'Privacy Centre <privacy@centre.example.org>',
      HASH_KEY: 'x'.repeat(64),
      TENANTS_DIR: `${dir}/tenants`,
      EXPORTS_BUCKET: 'unused-exports',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    encoding: 'utf8',
  });
  // The result is the last line: anything the handler logged comes before it.
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

/** A bare HTTP API v2 GET, as API Gateway hands it to a Lambda: for running a bundled hono handler. */
export function apiGetEvent(routeKey: string, path: string, accept = 'application/json') {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'example.cloudfront.net', accept },
    requestContext: {
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      domainName: 'example.cloudfront.net',
      requestId: 'test',
      routeKey,
      stage: '$default',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}
