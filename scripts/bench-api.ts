/**
 * `npm run bench:api`: `GET /me` through the API against the DynamoDB calls it wraps, in one run.
 * Starts its own DynamoDB Local and SES stand-in, seeds the demo tenants, signs a demo subject in
 * by the real email link, then times, alternately so both see the same machine, (a) the request
 * through the portal app (the hono app the Lambda runs, through `app.request`, no network) and
 * (b) the same reads made directly through the adapters: the session, then the subject, their
 * records, requests and consents together, as the route does. Prints p50 and p90 of each and the
 * ratios; the budget is 1.5× at both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../functions/local/free-port.ts';
import { createLocalCentre } from '../functions/local/runtime.ts';
import { startDynamo, startSes } from '../functions/local/stand-ins.ts';
import { sha256 } from '../shared/crypto.ts';
import { httpClient } from '../test/support/http.ts';
import { tokenFrom, waitForEmail } from '../test/support/mail.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const TENANT = 'inflection-point';
const EMAIL = 'alex.morgan@example.com';
const WARM_UP = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const RATIO_LIMIT = 1.5;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

const [dynamo, ses] = await Promise.all([
  freePort().then((port) => startDynamo({ port })),
  freePort().then((port) => startSes({ port })),
]);
const exportsDir = mkdtempSync(join(tmpdir(), 'pc-bench-api-'));
const port = 3999;
const base = `http://localhost:${port}`;
const centre = await createLocalCentre({
  port,
  dynamoEndpoint: dynamo.endpoint,
  sesEndpoint: ses.endpoint,
  tableName: 'bench-api',
  tenantsDir: 'tenants',
  exportsDir,
});
try {
  // Sign in as a subject would: ask for a link, take the token from the email, confirm.
  const http = httpClient(centre.app, base);
  const asked = await http.post(`/api/t/${TENANT}/auth/link`, { email: EMAIL }, { 'X-Test-Client': 'bench' });
  if (asked.status !== 202) throw new Error(`link request answered ${asked.status}`);
  await centre.drainOutbox();
  const token = tokenFrom(await waitForEmail(ses.endpoint, EMAIL, `${base}/t/${TENANT}/verify#`), base, TENANT);
  const verified = await http.post(`/api/t/${TENANT}/auth/verify`, { token });
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}`);
  const sessionId = [...http.jar.values()][0] as string;
  const idHash = sha256(sessionId);
  const { deps } = centre;

  const viaApi = async () => {
    const res = await http.get(`/api/t/${TENANT}/me`);
    if (res.status !== 200) throw new Error(`GET /me answered ${res.status}`);
    await res.arrayBuffer();
  };
  // The DynamoDB calls GET /me makes (resolveSession, then the route's four reads), no more.
  const direct = async () => {
    const session = await deps.sessions.get(TENANT, idHash);
    if (session?.audience !== 'subject') throw new Error('no subject session');
    const { subjectId } = session;
    await Promise.all([
      deps.subjects.get(TENANT, subjectId),
      deps.subjects.listRecords(TENANT, subjectId),
      deps.requests.listForSubject(TENANT, subjectId),
      deps.consents.list(TENANT, subjectId),
    ]);
  };
  const cpuTimes = { api: [] as number[], floor: [] as number[] };
  const cpu = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  /** Wall-clock ms of one call; its CPU ms (this process: the SDK, hono, the route) go to `into`. */
  const timed = async (run: () => Promise<void>, into: number[]) => {
    const c0 = cpu();
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    into.push(cpu() - c0);
    return ms;
  };

  const loadAtStart = loadavg()[0] ?? 0;
  for (let i = 0; i < WARM_UP; i++) {
    await viaApi();
    await direct();
  }
  const api: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always follows the other's garbage.
    if (i % 2) {
      api.push(await timed(viaApi, cpuTimes.api));
      floor.push(await timed(direct, cpuTimes.floor));
    } else {
      floor.push(await timed(direct, cpuTimes.floor));
      api.push(await timed(viaApi, cpuTimes.api));
    }
  }
  const row = (name: string, xs: number[], cpuMs: number[]) =>
    `${name.padEnd(34)} p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms   p90 ${percentile(xs, 90).toFixed(1).padStart(6)} ms   (this process's CPU: p50 ${percentile(cpuMs, 50).toFixed(1)} ms)`;
  console.log(`GET /api/t/${TENANT}/me, ${RUNS} of each, alternated, after ${WARM_UP} unmeasured`);
  console.log(row('through the API (portal app)', api, cpuTimes.api));
  console.log(row('the DynamoDB calls it wraps', floor, cpuTimes.floor));
  const ratios = [50, 90].map((p) => percentile(api, p) / percentile(floor, p));
  console.log(
    `ratio: p50 ${ratios[0]?.toFixed(2)}×, p90 ${ratios[1]?.toFixed(2)}× (budget ≤ ${RATIO_LIMIT}×); Node ${process.version}, load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
  );
  if (ratios.some((r) => r > RATIO_LIMIT)) {
    console.error('Over budget.');
    process.exitCode = 1;
  }
} finally {
  await centre.stop();
  await ses.stop();
  await dynamo.stop();
  rmSync(exportsDir, { recursive: true, force: true });
}
