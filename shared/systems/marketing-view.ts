import type { StaffMarketingView } from '../admin-api/marketing.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { systemsOrNone } from './declared.ts';
import { isMarketingRun, RECONCILE_RUN } from './marketing-push.ts';
import { marketingSystems } from './marketing-systems.ts';
import { describeOutcome, type SystemResult } from './outcome.ts';
import type { SystemRun } from './ports.ts';
import { outcomeAt } from './report.ts';

type Line = NonNullable<StaffMarketingView['systems'][number]['push']>;

const attention = new Set(['failed', 'waiting-for-handler']);

/** A push's outcome in words: as a request's systems say it, but a mismatch's own words in full. */
function line(result: SystemResult, at: string, reconciled: boolean): Line {
  const { outcome } = result;
  const text =
    outcome.state === 'waiting-for-handler'
      ? outcome.instructions
      : outcome.state === 'done' && outcome.records.length === 0
        ? reconciled
          ? 'In step with the centre'
          : 'Not subscribed in any list the opt-out reaches'
        : describeOutcome(outcome);
  return { at: outcomeAt(outcome) ?? at, state: outcome.state, text, attention: attention.has(outcome.state) };
}

/**
 * Each marketing system as the person's staff page shows it: the latest push of an opt-out there
 * (runs `mkt-…`, newest first) and what the last reconciliation did or could not settle.
 */
export function marketingSystemsView(tenant: TenantConfig, runs: readonly SystemRun[]): StaffMarketingView['systems'] {
  const pushes = runs
    .filter((r) => isMarketingRun(r.requestId) && r.requestId !== RECONCILE_RUN)
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  const reconcile = runs.find((r) => r.requestId === RECONCILE_RUN);
  // Declarations that no longer pass name no system here (the push and reconciliation say why).
  const systems = systemsOrNone(tenant, () => {}).length > 0 ? marketingSystems(tenant) : [];
  return systems.map((system) => {
    const pushRun = pushes.find((r) => r.results.some((x) => x.step.systemId === system.id));
    const push = pushRun?.results.find((x) => x.step.systemId === system.id);
    const checked = reconcile?.results.find((x) => x.step.systemId === system.id);
    return {
      systemId: system.id,
      name: system.name,
      push: push && pushRun ? line(push, pushRun.requestedAt, false) : null,
      reconciled: checked && reconcile ? line(checked, reconcile.requestedAt, true) : null,
    };
  });
}
