import { describe, expect, it } from 'vitest';
import type { ReconcileSummary } from '../../shared/systems/marketing-reconcile.ts';
import type { SystemsWorkerDeps } from '../../shared/systems/worker.ts';
import { systemsWorkerHandler } from './handler.ts';

/** Only what the sweep reads: no tenants, so it looks at nothing. */
const deps = {
  tenants: { list: () => [], get: () => undefined },
  clock: { now: () => new Date('2026-12-03T12:00:00.000Z') },
} as unknown as SystemsWorkerDeps;

describe('the connected-systems worker’s entry point', () => {
  it('reconciles the marketing systems when the reconciliation schedule invokes it, and only then', async () => {
    const summary: ReconcileSummary = {
      tenant: 'acme',
      systemId: 'mailchimp',
      members: 3,
      unsubscribedThere: 1,
      optedOutHere: 1,
      mismatches: 0,
      failed: 0,
    };
    let runs = 0;
    const handler = systemsWorkerHandler(deps, async () => {
      runs++;
      return [summary];
    });
    expect(await handler({ reconcile: true })).toEqual({ reconciled: [summary] });
    expect(await handler({ sweep: true })).toEqual({ looked: 0 });
    expect(runs).toBe(1);
  });

  it('refuses to reconcile when built without it, rather than passing silently', async () => {
    await expect(systemsWorkerHandler(deps)({ reconcile: true })).rejects.toThrow(/without reconciliation/);
  });
});
