/**
 * `npm run bench:systems`: searches one person (alex.morgan@example.com, in every demo tenant)
 * across all the tenant's connected systems, through the real connectors and the vendor stand-ins
 * (every request checked against the vendor's document), and compares it with a floor measured
 * in the same run: one bare HTTP round trip to a stand-in. Budget: a search within 3 s. Needs
 * nothing running.
 */
import { performance } from 'node:perf_hooks';
import { connectorFor } from '../functions/connectors/index.ts';
import { loadTenantDir } from '../functions/local/tenant-bundles.ts';
import { startSystemStandIns } from '../functions/local/vendors/index.ts';
import { systemsOf } from '../shared/systems/declared.ts';
import { planRequest } from '../shared/systems/plan.ts';
import { runPlan } from '../shared/systems/run.ts';

const BUDGET_MS = 3_000;
const RUNS = 5;
const email = 'alex.morgan@example.com';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const tenants = loadTenantDir('tenants');
const standIns = await startSystemStandIns(tenants);
try {
  const origin = Object.values(standIns.vendors)[0]!.origin;
  const floor: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await (await fetch(`${origin}/bench/nothing`)).arrayBuffer();
    floor.push(performance.now() - t);
  }
  const floorMs = median(floor);
  console.log(`Floor: one bare HTTP round trip to a stand-in, median of 20: ${floorMs.toFixed(2)} ms\n`);
  console.log('tenant              systems                          first (cold)   median of 5   calls/search   outcomes');
  let worst = 0;
  for (const { config } of tenants) {
    const systems = systemsOf(config);
    if (systems.length === 0) continue;
    const steps = planRequest(systems, 'access');
    const times: number[] = [];
    let outcomes = '';
    let calls = 0;
    for (let run = 0; run <= RUNS; run++) {
      // A fresh connector each run: the token fetch is part of a search.
      const before = Object.values(standIns.vendors).reduce((n, v) => n + v.stats.requests, 0);
      const t = performance.now();
      const results = await runPlan(
        { steps, systems, identities: { email } },
        {
          connectorFor: (system) => connectorFor(config.slug, system, { credentials: standIns.credentials }),
          now: () => new Date().toISOString(),
        },
      );
      times.push(performance.now() - t);
      calls = Object.values(standIns.vendors).reduce((n, v) => n + v.stats.requests, 0) - before;
      outcomes = results
        .map((r) => `${r.step.systemId}: ${r.outcome.state}${r.outcome.state === 'found' ? ` ${r.outcome.count}` : ''}`)
        .join(', ');
    }
    const warm = median(times.slice(1));
    worst = Math.max(worst, warm, times[0]!);
    console.log(
      `${config.slug.padEnd(20)}${systems
        .map((s) => s.kind)
        .join(' + ')
        .padEnd(
          33,
        )}${`${times[0]!.toFixed(0)} ms`.padEnd(15)}${`${warm.toFixed(0)} ms (${(warm / floorMs).toFixed(0)}× floor)`.padEnd(25)}${String(calls).padEnd(15)}${outcomes}`,
    );
  }
  console.log(
    `\nSlowest search (cold or warm): ${worst.toFixed(0)} ms; budget ${BUDGET_MS} ms: ${worst <= BUDGET_MS ? 'within' : 'OVER'}`,
  );
  if (worst > BUDGET_MS) process.exitCode = 1;
} finally {
  await standIns.stop();
}
