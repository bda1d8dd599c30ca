/**
 * `npm run bench:bundles`: the Lambda bundle budget. Builds each function's entry point with the
 * very esbuild options the CDK stack uses (infra/bundling.ts), then prints each bundle's minified
 * size and its module import time (the median of several fresh `node` processes importing it, so a
 * cold start's module loading, the runtime-provided AWS SDK included, resolved from node_modules)
 * next to the limits. Every function queries DynamoDB on every request, so the floor is the
 * DynamoDB client's own import (with its document client), measured in the same run, interleaved
 * with the bundle's (floor, bundle, floor, bundle...): each bundle's import may take at most 1.3×
 * it. The same client loaded by `require`, as the bundles now load the SDK (infra/runtime-sdk), is
 * printed too, as the stricter like-for-like floor. The check uses CPU time (user + system, all
 * threads), which the other work on a shared machine barely moves; wall-clock time is printed
 * beside it. Exits 1 if any bundle is over. A script, not a timed test: rerun before believing a
 * near miss. `-- --with-sdk` bundles the SDK too, for comparison. `-- --against <dir>` builds the
 * entry points of another source tree too (an earlier commit unpacked with `git archive`, its
 * node_modules linked to this one's) and times them in the same interleaving: a before and after
 * from one run. The tenant policies sit as in a function's asset, with the validated.json the
 * synth writes (infra/bundling.ts); `-- --unvalidated` leaves it out, so every policy is
 * validated at cold start as before.
 *
 * Issue 13's budget for connected systems is printed beside them: the bytes of the bundle's
 * connected-systems modules (below), from esbuild's metafile; the portal and admin bundles may
 * carry at most 5 kB of them (connector code lives in the systems worker).
 *
 * Some SDK clients load on first use, not at import (functions/adapters/s3, ses). Moving a cost
 * from the import to the first request saves nothing for a function whose ordinary request pays
 * it, so the budget is checked against a second figure: the import plus the deferred clients that
 * function's common path loads (the dispatcher sends mail; the export builder writes to S3).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { tenantSlugs } from '../functions/adapters/fs/tenant-files.ts';
import { esbuildOptions, RUNTIME_PROVIDED_MODULES, stagedValidatedPolicies } from '../infra/bundling.ts';
import { fromRoot } from '../infra/paths.ts';

const SIZE_LIMIT = 300 * 1000;
/** Issue 13: what connected systems may add to the portal and admin bundles. */
const SYSTEMS_LIMIT = 5 * 1000;
const SYSTEMS_LIMITED = new Set(['portal', 'admin']);
/**
 * Connected systems' modules: the domain (`shared/systems/`), the connectors and their worker, the
 * run store, and the staff side's systems modules (the tally BENCHMARKS.md's "Connected systems"
 * figures use).
 */
const SYSTEMS_MODULE =
  /(^|\/)(shared\/systems\/|functions\/connectors\/|functions\/systems-worker\/|functions\/adapters\/dynamo\/system-run-(store|items)\.ts$|shared\/admin\/actions\/systems\.ts$|shared\/admin\/(systems-view|evidence-systems)\.ts$|shared\/admin-api\/systems\.ts$|shared\/fulfilment\/(erase|correct)-systems\.ts$)/;
const IMPORT_RATIO_LIMIT = 1.3;
/** Imports of each bundle and of the floor, interleaved (`BENCH_ROUNDS=<n>` for more: these shared machines' noise is a few per cent a run). */
const RUNS = Number(process.env.BENCH_ROUNDS ?? 7);

/**
 * Every Lambda entry point of the stack (infra/constructs: api.ts, mail.ts, exports.ts, jobs.ts,
 * mail-feedback.ts), with the SDK clients loaded on first use that its common path needs (so its first ordinary
 * request loads them). Rarer paths load more: the portal loads the S3 client to hand out an
 * export download, the casework to erase an export, the jobs function for the clean-up job.
 */
const ENTRIES: Record<string, { entry: string; commonPath: string[] }> = {
  portal: { entry: 'functions/portal/lambda.ts', commonPath: [] },
  admin: { entry: 'functions/admin/lambda.ts', commonPath: [] },
  casework: { entry: 'functions/casework/lambda.ts', commonPath: [] },
  'staff tools': { entry: 'functions/staff-tools/lambda.ts', commonPath: [] },
  dispatcher: { entry: 'functions/dispatcher/lambda.ts', commonPath: ['@aws-sdk/client-sesv2'] },
  'export builder': { entry: 'functions/exports/lambda.ts', commonPath: ['@aws-sdk/client-s3'] },
  jobs: { entry: 'functions/jobs/lambda.ts', commonPath: [] },
  'mail feedback': { entry: 'functions/mail-feedback/lambda.ts', commonPath: [] },
  'systems worker': { entry: 'functions/systems-worker/lambda.ts', commonPath: ['@aws-sdk/client-secrets-manager'] },
};

/** What config.ts needs at cold start (as in test/infra), and no AWS credentials: nothing is called. */
const ENV = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'bench',
  AWS_REGION: 'eu-west-2',
  PUBLIC_URL: 'https://example.cloudfront.net',
  MAIL_FROM: 'Privacy Centre <privacy@centre.example.org>',
  HASH_KEY: 'x'.repeat(64),
  TENANTS_DIR: fromRoot('tenants'), // the asset's copy, below
  EXPORTS_BUCKET: 'bench-exports',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/**
 * The wall-clock and CPU milliseconds a fresh Node process takes to load the modules (module load
 * and top-level code): `import` for a bundle (an ES module) and, unless `viaRequire`, for an SDK
 * package; `require` for an SDK package when `viaRequire`, as the bundles load them.
 */
function loadTime(specifiers: string[], viaRequire = false): { wall: number; cpu: number } {
  const load = (specifier: string) =>
    specifier.startsWith('file:') || !viaRequire
      ? `await import(${JSON.stringify(specifier)});`
      : `require(${JSON.stringify(specifier)});`;
  const script = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(`${fromRoot()}/`)});
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const t = performance.now(); const c = cpu(); ${specifiers.map(load).join(' ')}
    process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: cpu() - c }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fromRoot(), env: ENV, encoding: 'utf8' }),
  );
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

type Timing = { wall: number; cpu: number };
/** Loads each of the variants once unmeasured (file cache), then RUNS times in turn; medians. */
function interleaved(variants: Array<() => Timing>): Timing[] {
  for (const run of variants) run();
  const samples = variants.map(() => [] as Timing[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [v, run] of variants.entries()) samples[v]!.push(run());
  }
  return samples.map((xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) }));
}

const withSdk = process.argv.includes('--with-sdk');
const unvalidated = process.argv.includes('--unvalidated');
/** `--against <dir>`: another source tree (say `git archive` of an earlier commit, with node_modules linked), built and timed in the same run. */
const againstAt = process.argv.indexOf('--against');
const against = againstAt > 0 ? process.argv[againstAt + 1] : undefined;
// Inside the repository, so the external packages resolve from its node_modules as they would
// from /var/runtime/node_modules on Lambda.
const outRoot = fromRoot('node_modules', '.cache', 'bench-bundles');
rmSync(outRoot, { recursive: true, force: true });

// The tenant policies as a function's asset carries them (infra/constructs/app-function.ts): each
// policy.json and, unless `--unvalidated`, validated.json (the policies validated at synth).
const tenantsDir = join(outRoot, 'tenants');
for (const slug of tenantSlugs(fromRoot('tenants'))) {
  mkdirSync(join(tenantsDir, slug), { recursive: true });
  copyFileSync(fromRoot('tenants', slug, 'policy.json'), join(tenantsDir, slug, 'policy.json'));
}
if (!unvalidated) cpSync(stagedValidatedPolicies(), tenantsDir, { recursive: true });
ENV.TENANTS_DIR = tenantsDir;

const loadAtStart = loadavg()[0] ?? 0;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (t: Timing) => `${t.cpu.toFixed(0)} ms (${t.wall.toFixed(0)} wall)`;
type Row = [string, string, string, string, string, string, string, string, string];
const rows: Row[] = [];
let over = false;
// The floor: the DynamoDB client and its document client, which every function loads at cold start.
const DYNAMODB = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];
for (const [name, { entry, commonPath }] of Object.entries(ENTRIES)) {
  const bundleOf = async (root: string, dir: string) => {
    const outfile = join(outRoot, dir, name.replaceAll(' ', '-'), 'index.mjs');
    mkdirSync(join(outfile, '..'), { recursive: true });
    const options = esbuildOptions(join(root, entry), outfile);
    const { metafile } = await build({ ...(withSdk ? { ...options, external: [], alias: {} } : options), metafile: true });
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
    const systems = Object.entries(output?.inputs ?? {})
      .filter(([path]) => SYSTEMS_MODULE.test(path))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    return { size: statSync(outfile).size, url: pathToFileURL(outfile).href, systems };
  };
  const { size, url, systems } = await bundleOf(fromRoot(), 'now');
  // A function the other tree does not have yet is measured here only.
  const other = against && existsSync(join(against, entry)) ? await bundleOf(against, 'against') : undefined;
  // With the SDK bundled nothing is deferred; otherwise what the first ordinary request adds.
  const deferred = withSdk ? [] : commonPath;
  const [floor, floorRequire, bundle, first, then] = interleaved([
    () => loadTime(DYNAMODB),
    () => loadTime(DYNAMODB, true),
    () => loadTime([url]),
    () => (deferred.length > 0 ? loadTime([url, ...deferred], true) : { wall: 0, cpu: 0 }),
    () => (other ? loadTime([other.url]) : { wall: 0, cpu: 0 }),
  ]) as [Timing, Timing, Timing, Timing, Timing];
  const ratio = bundle.cpu / floor.cpu;
  const systemsOk = !SYSTEMS_LIMITED.has(name) || systems <= SYSTEMS_LIMIT;
  const ok = size <= SIZE_LIMIT && ratio <= IMPORT_RATIO_LIMIT && systemsOk;
  over ||= !ok;
  rows.push([
    name,
    kB(size),
    `${kB(systems)}${systemsOk ? '' : ' (over)'}`,
    ms(bundle),
    `${ms(floor)} → ${ratio.toFixed(2)}×`,
    `${ms(floorRequire)} → ${(bundle.cpu / floorRequire.cpu).toFixed(2)}×`,
    deferred.length > 0 ? `${ms(first)} (+ ${deferred.join(', ')})` : '(nothing deferred)',
    other ? `${kB(other.size)} (systems ${kB(other.systems)}), ${ms(then)} → ${(then.cpu / floor.cpu).toFixed(2)}×` : '',
    ok ? 'ok' : 'OVER',
  ]);
}
rmSync(outRoot, { recursive: true, force: true });

const header: Row = [
  'bundle',
  `minified (≤ ${kB(SIZE_LIMIT)})`,
  `of it connected systems (≤ ${kB(SYSTEMS_LIMIT)}: ${[...SYSTEMS_LIMITED].join(', ')})`,
  `import, CPU median of ${RUNS}`,
  `floor: DynamoDB client import (≤ ${IMPORT_RATIO_LIMIT}×)`,
  'DynamoDB client by require',
  'import + common path’s deferred SDK',
  against ? `--against ${against}` : '',
  '',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
if (!withSdk) {
  // What the rest of the runtime's SDK costs to load by require, for reading the times above (on
  // Lambda it loads from /var/runtime/node_modules; here from node_modules).
  const others = [['@aws-sdk/client-s3'], ['@aws-sdk/client-sesv2'], RUNTIME_PROVIDED_MODULES];
  const times = interleaved(others.map((modules) => () => loadTime(modules, true)));
  others.forEach((modules, i) => {
    const label = modules.length > 1 ? `all ${modules.length} runtime-provided SDK packages` : modules[0];
    console.log(`${label} by require: ${ms(times[i]!)}`);
  });
}
const sdk = `${withSdk ? 'AWS SDK bundled (--with-sdk)' : 'AWS SDK clients external'}; bundled policies ${unvalidated ? 'validated at cold start (--unvalidated)' : 'validated at synth'}`;
// Import times stretch with the machine's load: print it so a reader can judge the figures.
console.log(
  `Node ${process.version}, ${sdk}; ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
);
if (over) {
  console.error('Over budget.');
  process.exitCode = 1;
}
