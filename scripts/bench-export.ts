/**
 * `npm run bench:export`: builds the access export of a subject with 1,000 and with 10,000
 * records (about 1.5 kB each) in DynamoDB Local, and prints the time and the peak memory
 * (RSS and heap, sampled every 5 ms) of each build, beside the floor: one bare paginated Query of
 * the same records (same page size, consistent reads), timed in the same process just before and
 * just after each build (the budget: the build takes at most 1.3× their mean). Three rounds
 * (read, build, read, build, read, build, read; `BENCH_ROUNDS`), the median round printed, as
 * the shared machine's load swings from one second to the next. Each size runs in a fresh
 * process, so the peaks compare: if memory grew with the data, the 10,000-record peak would be far above the
 * 1,000-record one. Then, outside the budget, the export's own read alone (`iterateRecords`, nothing
 * written) against the bare read, to tell the read's part of the build from the writing's. Starts its own DynamoDB Local (in memory) and writes the ZIPs to a temp
 * folder; needs nothing running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, type Db } from '../functions/adapters/dynamo/client.ts';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { fsBlobStore } from '../functions/adapters/fs/blob-store.ts';
import { fsScratchSpace } from '../functions/adapters/fs/scratch.ts';
import { loadTenantPolicies } from '../functions/adapters/fs/tenant-files.ts';
import { loadConfig } from '../functions/config.ts';
import { freePort } from '../functions/local/free-port.ts';
import { LOCAL_HASH_KEY } from '../functions/local/runtime.ts';
import { startDynamo } from '../functions/local/stand-ins.ts';
import { tenantDirectory, wire } from '../functions/wiring.ts';
import type { Deps } from '../shared/deps.ts';
import type { DataRecord } from '../shared/entities.ts';
import { buildExport } from '../shared/exports/build.ts';
import type { ExportJob } from '../shared/exports/ports.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const TENANT = 'it-mk';
const SIZES = [1_000, 10_000];
/** Builds per size, each between two bare reads (BENCH_ROUNDS to change). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Setup {
  endpoint: string;
  table: string;
  exportsDir: string;
}

function wireFor(setup: Setup) {
  const config = loadConfig({
    TABLE_NAME: setup.table,
    DYNAMODB_ENDPOINT: setup.endpoint,
    PUBLIC_URL: 'http://localhost:3000',
    MAIL_FROM: 'Bench <bench@localhost.test>',
    HASH_KEY: LOCAL_HASH_KEY,
    TENANTS_DIR: 'tenants',
    EXPORTS_DIR: setup.exportsDir,
  });
  const tenants = tenantDirectory(loadTenantPolicies(config.tenantsDir));
  const db = createDb({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });
  return { db, deps: wire(config, tenants, db, undefined, fsBlobStore(setup.exportsDir), { scratch: fsScratchSpace() }).deps };
}

/** Words that compress about as well as real tickets do. */
const WORDS =
  'printer email outage laptop password reset vpn ticket backup server licence invoice teams onboarding firewall'.split(' ');
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const text = (length: number) => {
  let out = '';
  while (out.length < length) out += `${WORDS[Math.floor(random() * WORDS.length)]}${random() < 0.1 ? '. ' : ' '}`;
  return out.slice(0, length);
};

function recordsFor(n: number): DataRecord[] {
  return Array.from({ length: n }, (_, i): DataRecord => {
    const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    if (i === 0) {
      return {
        id: 'identity',
        category: 'identity',
        recordedOn: day,
        data: { firstName: 'Bench', lastName: 'Subject', email: `bench-${n}@example.com`, phone: '+44 7700 900123' },
      };
    }
    return i % 5 === 0
      ? {
          id: `p-${String(i).padStart(6, '0')}`,
          category: 'payments',
          recordedOn: day,
          data: {
            invoice: `INV-${i}`,
            amount: `£${(random() * 900).toFixed(2)}`,
            method: 'card',
            accountNumber: '****1234',
            status: text(40),
          },
        }
      : {
          id: `t-${String(i).padStart(6, '0')}`,
          category: 'support-tickets',
          recordedOn: day,
          data: { reference: `T-${i}`, channel: 'email', subject: text(60), summary: text(1400), status: 'closed' },
        };
  });
}

/** A subject with n records and an open access request with a queued export. */
async function seedSubject(deps: Deps, n: number): Promise<void> {
  const subjectId = `bench-${n}`;
  const now = new Date();
  const records = recordsFor(n);
  const created = await deps.subjects.create(
    {
      id: subjectId,
      tenant: TENANT,
      email: `bench-${n}@example.com`,
      relationship: { startedOn: '2024-01-01' },
      createdAt: now.toISOString(),
      version: 0,
    },
    records.slice(0, 50),
    { audit: [] },
  );
  if (!created) throw new Error('subject exists');
  for (let i = 50; i < records.length; i += 90) {
    await deps.subjects.putRecords({ tenant: TENANT, subjectId, records: records.slice(i, i + 90), effects: { audit: [] } });
  }
  const requestId = `req-${n}`;
  await deps.requests.create(
    {
      id: requestId,
      tenant: TENANT,
      subjectId,
      reference: `BENCH-2026-${String(n).padStart(6, '0')}`,
      kind: 'access',
      status: 'in-progress',
      receivedAt: now.toISOString(),
      receivedOn: now.toISOString().slice(0, 10),
      dueOn: now.toISOString().slice(0, 10),
      clock: { extensionMonths: 0, pausedDays: 0 },
      details: { scope: 'everything' },
      history: [],
      version: 1,
    },
    { audit: [] },
  );
  await queueExport(deps, n, 0);
}

/** A queued export of the subject's access request (one per round of the measurement). */
async function queueExport(deps: Deps, n: number, round: number): Promise<ExportJob> {
  const now = new Date();
  const job: ExportJob = {
    id: `export-${n}-${round}`,
    tenant: TENANT,
    subjectId: `bench-${n}`,
    requestId: `req-${n}`,
    kind: 'access',
    status: 'queued',
    requestedBy: 'bench@staff.example',
    createdAt: now.toISOString(),
    progress: { step: 'waiting', records: 0, categoriesDone: 0, categoriesTotal: 0 },
    attempts: 0,
    expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
    version: 1,
  };
  await deps.exports.create(job, { audit: [] });
  return job;
}

/** The element whose key is the median (the upper one of an even count). */
function median<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)] as T;
}

/** CPU milliseconds this process has used (all its threads: zlib's pool too). */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const readCpu: number[] = [];

/** The floor: one plain paginated Query of the subject's records, as the export reads them. */
async function bareRead(db: Db, subjectId: string): Promise<number> {
  const c0 = cpuMs();
  const t0 = performance.now();
  let items = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': keys.subjectPartition(TENANT, subjectId), ':rec': 'REC#' },
        ConsistentRead: true,
        Limit: 500,
        ExclusiveStartKey,
      }),
    );
    items += page.Items?.length ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  if (items === 0) throw new Error('the bare read found nothing');
  const ms = performance.now() - t0;
  readCpu.push(cpuMs() - c0);
  return ms;
}

/**
 * Not the floor, for reading the figures: the export's own read of the same records (the subject
 * store's `iterateRecords`, which asks only for a record's attributes and converts them once),
 * with nothing written. Shows how much of the build's time is its read and how much its writing.
 */
async function storeRead(deps: Deps, subjectId: string): Promise<number> {
  const t0 = performance.now();
  let items = 0;
  for await (const page of deps.subjects.iterateRecords(TENANT, subjectId, 500)) items += page.length;
  if (items === 0) throw new Error('the store read found nothing');
  return performance.now() - t0;
}

/** In a fresh process: build one export, sampling memory, between two bare reads. Prints one JSON line. */
async function measure(setup: Setup, n: number) {
  const { db, deps } = wireFor(setup);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed, live: base.heapUsed };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  }, 5);
  // What the build really holds: the heap right after a full collection, four times a second.
  const live = setInterval(() => {
    gc?.();
    peak.live = Math.max(peak.live, process.memoryUsage().heapUsed);
  }, 250);
  // Rounds of read, build, read, build… read: each build has a bare read just before and just
  // after it, and the floor runs under the same sampling (its forced collections cost time too).
  const reads = [await bareRead(db, `bench-${n}`)];
  const builds: number[] = [];
  const buildCpu: number[] = [];
  let job: ExportJob | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0) await queueExport(deps, n, round);
    const c0 = cpuMs();
    const t0 = performance.now();
    job = await buildExport(deps, { tenant: TENANT, subjectId: `bench-${n}`, id: `export-${n}-${round}` });
    builds.push(performance.now() - t0);
    buildCpu.push(cpuMs() - c0);
    if (job?.status !== 'ready') throw new Error(`build ended ${job?.status}: ${job?.failure}`);
    reads.push(await bareRead(db, `bench-${n}`));
  }
  // After the rounds (so the floor's reads stay next to the builds): the export's own read against the floor.
  const roundsReadCpu = median(readCpu, (x) => x);
  const storeVsBare: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const bare = await bareRead(db, `bench-${n}`);
    storeVsBare.push((await storeRead(deps, `bench-${n}`)) / bare);
  }
  clearInterval(sampler);
  clearInterval(live);
  // Each build against the mean of the reads either side of it; the run's figure is the median round.
  const rounds = builds.map((ms, i) => ({ ms, read: ((reads[i] ?? 0) + (reads[i + 1] ?? 0)) / 2 }));
  const { ms, read } = median(rounds, (r) => r.ms / r.read);
  console.log(
    JSON.stringify({
      n,
      ms,
      read,
      ratios: rounds.map((r) => r.ms / r.read),
      storeRead: median(storeVsBare, (x) => x),
      // What this process spent (not DynamoDB Local's Java): medians, for reading the times under load.
      buildCpu: median(buildCpu, (x) => x),
      readCpu: roundsReadCpu,
      size: job?.size,
      records: job?.progress.records,
      baseRss: base.rss,
      baseHeap: base.heapUsed,
      ...peak,
    }),
  );
}

type Measured = Record<string, number> & { ratios: number[] };

function child(setup: Setup, n: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const proc = spawn(
      process.execPath,
      [
        '--expose-gc',
        // BENCH_CPU_PROF=<folder>: a CPU profile of each build's process, for finding where the time goes.
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        '--import',
        'tsx',
        script,
        'measure',
        JSON.stringify(setup),
        String(n),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: process.env,
      },
    );
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(line));
      else reject(new Error(`measuring ${n} records exited ${code}: ${out}`));
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

if (process.argv[2] === 'measure') {
  await measure(JSON.parse(process.argv[3] as string) as Setup, Number(process.argv[4]));
  process.exit(0);
}

const dynamo = await startDynamo({ port: await freePort() });
const setup: Setup = { endpoint: dynamo.endpoint, table: 'bench-exports', exportsDir: mkdtempSync(join(tmpdir(), 'pc-bench-')) };
try {
  const { db, deps } = wireFor(setup);
  await ensureTable(db);
  for (const n of SIZES) {
    const t0 = performance.now();
    await seedSubject(deps, n);
    console.log(`seeded ${n.toLocaleString('en-GB')} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const results = [];
  for (const n of SIZES) results.push(await child(setup, n));
  console.log(
    `\nmedian of ${ROUNDS} rounds (each build against the bare reads just before and after it)\n` +
      'records   build time   bare read   build / read (each round)   ZIP size   peak RSS   peak heap   peak live heap   (at start: RSS, heap)',
  );
  for (const r of results) {
    console.log(
      [
        String(r.n?.toLocaleString('en-GB')).padStart(7),
        `${((r.ms ?? 0) / 1000).toFixed(2)} s`.padStart(10),
        `${((r.read ?? 0) / 1000).toFixed(2)} s`.padStart(9),
        `${((r.ms ?? 0) / (r.read ?? 1)).toFixed(2)}× (${r.ratios.map((x) => `${x.toFixed(2)}`).join(', ')})`.padStart(25),
        mb(r.size ?? 0).padStart(8),
        mb(r.rss ?? 0).padStart(8),
        mb(r.heap ?? 0).padStart(9),
        mb(r.live ?? 0).padStart(14),
        `  (${mb(r.baseRss ?? 0)}, ${mb(r.baseHeap ?? 0)})`,
      ].join('   '),
    );
  }
  for (const r of results) {
    console.log(
      `${String(r.n?.toLocaleString('en-GB')).padStart(7)} records: this process's CPU, median: build ${((r.buildCpu ?? 0) / 1000).toFixed(2)} s, bare read ${((r.readCpu ?? 0) / 1000).toFixed(2)} s; ` +
        `the export's own read alone (iterateRecords, nothing written) ${(r.storeRead ?? 0).toFixed(2)}× the bare read`,
    );
  }
  const [small, large] = results as [Measured, Measured];
  const ratio = (key: string) => ((large[key] ?? 0) / (small[key] ?? 1)).toFixed(2);
  console.log(
    `\n10× the records: ${ratio('ms')}× the time, ${ratio('rss')}× the peak RSS, ${ratio('heap')}× the peak heap, ${ratio('live')}× the peak live heap`,
  );
  console.log(
    `budget: build ≤ 1.3× the bare read; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (1, 5, 15 min)`,
  );
} finally {
  rmSync(setup.exportsDir, { recursive: true, force: true });
  await dynamo.stop();
}
