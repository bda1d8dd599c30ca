/**
 * `npm run bench:bundles`: the Lambda bundle budget. Builds each function's entry point with the
 * very esbuild options the CDK stack uses (infra/bundling.ts), then prints each bundle's minified
 * size and its module import time (the median of several fresh `node` processes importing it, so a
 * cold start's module loading, the runtime-provided AWS SDK included, resolved from node_modules)
 * next to the limits. Exits 1 if any bundle is over. A script, not a timed test: machines are
 * noisy, so rerun before believing a near miss. `-- --with-sdk` bundles the SDK too, for comparison.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions, RUNTIME_PROVIDED_MODULES } from '../infra/bundling.ts';
import { fromRoot } from '../infra/paths.ts';

const SIZE_LIMIT = 300 * 1000;
const IMPORT_LIMIT_MS = 150;
const RUNS = 7;

/** Every Lambda entry point of the stack (infra/constructs: api.ts, mail.ts, exports.ts, jobs.ts). */
const ENTRIES: Record<string, string> = {
  portal: 'functions/portal/lambda.ts',
  admin: 'functions/admin/lambda.ts',
  dispatcher: 'functions/dispatcher/lambda.ts',
  'export builder': 'functions/exports/lambda.ts',
  jobs: 'functions/jobs/lambda.ts',
};

/** What config.ts needs at cold start (as in test/infra), and no AWS credentials: nothing is called. */
const ENV = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'bench',
  AWS_REGION: 'eu-west-2',
  PUBLIC_URL: 'https://example.cloudfront.net',
  MAIL_FROM: 'Privacy Centre <privacy@centre.example.org>',
  HASH_KEY: 'x'.repeat(64),
  TENANTS_DIR: fromRoot('tenants'),
  EXPORTS_BUCKET: 'bench-exports',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Milliseconds a fresh Node process takes to import the modules (module load and top-level code). */
function importTime(...specifiers: string[]): number {
  const imports = specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join(' ');
  const script = `const t = performance.now(); ${imports} process.stdout.write(String(performance.now() - t));`;
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fromRoot(), env: ENV, encoding: 'utf8' }),
  );
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const withSdk = process.argv.includes('--with-sdk');
// Inside the repository, so the external packages resolve from its node_modules as they would
// from /var/runtime/node_modules on Lambda.
const outRoot = fromRoot('node_modules', '.cache', 'bench-bundles');
rmSync(outRoot, { recursive: true, force: true });

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const rows: [string, string, string, string][] = [];
let over = false;
for (const [name, entry] of Object.entries(ENTRIES)) {
  const outfile = join(outRoot, name.replaceAll(' ', '-'), 'index.mjs');
  mkdirSync(join(outfile, '..'), { recursive: true });
  const options = esbuildOptions(fromRoot(entry), outfile);
  await build(withSdk ? { ...options, external: [] } : options);
  const size = statSync(outfile).size;
  const url = pathToFileURL(outfile).href;
  importTime(url); // warm the file cache; not counted
  const ms = median(Array.from({ length: RUNS }, () => importTime(url)));
  const ok = size <= SIZE_LIMIT && ms <= IMPORT_LIMIT_MS;
  over ||= !ok;
  rows.push([name, kB(size), `${ms.toFixed(0)} ms`, ok ? 'ok' : 'OVER']);
}
rmSync(outRoot, { recursive: true, force: true });

const header: [string, string, string, string] = [
  'bundle',
  `minified (≤ ${kB(SIZE_LIMIT)})`,
  `import, median of ${RUNS} (≤ ${IMPORT_LIMIT_MS} ms)`,
  '',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
if (!withSdk) {
  // What the runtime's SDK alone costs to import, for reading the times above (on Lambda it loads
  // from /var/runtime/node_modules; here from node_modules).
  const sdkMs = median(Array.from({ length: RUNS }, () => importTime(...RUNTIME_PROVIDED_MODULES)));
  console.log(`of which the AWS SDK clients alone (${RUNTIME_PROVIDED_MODULES.length} packages): ${sdkMs.toFixed(0)} ms`);
}
const sdk = withSdk ? 'AWS SDK bundled (--with-sdk)' : 'AWS SDK clients external';
// Import times stretch with the machine's load: print it so a reader can judge the figures.
console.log(`Node ${process.version}, ${sdk}; ${cpus().length} cores, load average ${(loadavg()[0] ?? 0).toFixed(1)}`);
if (over) {
  console.error('Over budget.');
  process.exitCode = 1;
}
