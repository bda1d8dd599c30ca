import type { SuppressScope } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { systemsOf, type WithSystems } from './declared.ts';
import type { SystemStep } from './outcome.ts';
import { runsAutomatically } from './plan.ts';
import type { SystemRun } from './ports.ts';

/** The tenant's marketing systems: those the centre may unsubscribe people in by itself. */
export function marketingSystems(tenant: WithSystems): SystemDeclaration[] {
  return systemsOf(tenant).filter((s) => s.may.includes('suppress') && runsAutomatically(s, 'suppress'));
}

/** Which systems a scope reaches: every marketing system, or those with a list mapped to one of the topics. */
function reached(tenant: WithSystems, scope: SuppressScope): SystemDeclaration[] {
  return marketingSystems(tenant).filter(
    (s) => scope.everywhere || (s.lists ?? []).some((list) => scope.topics.includes(list.topic)),
  );
}

/**
 * A push of an opt-out (marketing-push.ts) planned by the worker: one pending step for each
 * marketing system its scope reaches, none when it reaches none (the run then ends as asked for,
 * with nothing to tell).
 */
export function planMarketingPush(tenant: WithSystems, run: SystemRun): SystemRun {
  const { plan: _, ...rest } = run;
  const steps: SystemStep[] = reached(tenant, run.suppress ?? { everywhere: true }).map((s) => ({
    systemId: s.id,
    systemName: s.name,
    operation: 'suppress',
    identity: s.identities[0] ?? 'email',
    automatic: true,
  }));
  return { ...rest, results: steps.map((step) => ({ step, outcome: { state: 'pending' } })) };
}
