import { newId } from '../crypto.ts';
import type { ConsentEvent } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { SuppressScope } from './connector.ts';
import type { SystemRun, SystemRunRequest } from './ports.ts';

/**
 * OPT-OUTS REACH THE MAILERS. When a person stops a topic by email, stops all marketing, objects
 * to direct marketing or is restricted, every marketing system the tenant declares (one the
 * centre may `suppress` in) is told in the background: a run asked for in the same transaction
 * as the change, worked by the systems worker like a request's run (retries, outcome, audit).
 * Its id starts `mkt-`: it belongs to no request. Nobody is ever subscribed by the centre.
 */
export const MARKETING_RUN_PREFIX = 'mkt-';

/** The one run per person that holds what reconciliation last did or found in each marketing system. */
export const RECONCILE_RUN = `${MARKETING_RUN_PREFIX}reconcile`;

export const isMarketingRun = (requestId: string) => requestId.startsWith(MARKETING_RUN_PREFIX);

/** The scope of new consent events: stop all reaches every list, topics turned off by email their lists. */
export function scopeOfEvents(events: readonly Pick<ConsentEvent, 'channel' | 'topic' | 'granted'>[]): SuppressScope | undefined {
  const off = events.filter((e) => !e.granted);
  if (off.some((e) => e.channel === '*' && e.topic === '*')) return { everywhere: true };
  const topics = [...new Set(off.filter((e) => e.channel === 'email').map((e) => e.topic))];
  return topics.length > 0 ? { everywhere: false, topics } : undefined;
}

/**
 * The run that tells the tenant's marketing systems, to be written with the change that asks for
 * it (`Effects.systemRuns`); undefined when there is nothing to tell or the tenant declares no
 * systems. A new run each time (its own id, version 1): it never conflicts with a push the worker
 * is still busy with. Its steps are left to the worker (`plan: 'marketing'`,
 * marketing-systems.ts), which reads the systems' declarations: what asks for a push (the portal,
 * a staff action) does not, so it carries none of their schema (issue 13's budget).
 */
export function marketingPush(input: {
  tenant: Pick<TenantConfig, 'slug' | 'systems'>;
  subjectId: string;
  scope: SuppressScope | undefined;
  now: string;
  /** A staff member's email, the person's id, or 'system'. */
  by: string;
}): SystemRunRequest | undefined {
  if (!input.scope || !mayReach(input.tenant, input.scope)) return undefined;
  const run: SystemRun = {
    tenant: input.tenant.slug,
    subjectId: input.subjectId,
    requestId: `${MARKETING_RUN_PREFIX}${newId()}`,
    operation: 'suppress',
    plan: 'marketing',
    results: [],
    requestedAt: input.now,
    requestedBy: input.by,
    updatedAt: input.now,
    version: 1,
    suppress: input.scope,
  };
  return { run, expectedVersion: 0 };
}

/**
 * Whether a push of this scope may reach one of the tenant's systems, read from the policy as
 * declared (without the declarations' schema, which the portal does not carry): a system allowed
 * to `suppress`, with, for topics, a list carrying one of them. The worker decides exactly, from
 * the checked declarations; this only spares a run when no declared system could be told.
 */
function mayReach(tenant: Pick<TenantConfig, 'systems'>, scope: SuppressScope): boolean {
  return (tenant.systems ?? []).some((raw) => {
    const system = raw as { may?: unknown; lists?: unknown } | null;
    if (!Array.isArray(system?.may) || !system.may.includes('suppress')) return false;
    if (scope.everywhere) return true;
    const lists = Array.isArray(system.lists) ? (system.lists as { topic?: unknown }[]) : [];
    return lists.some((list) => scope.topics.includes(list?.topic as string));
  });
}

/** `Effects` holding the push, or nothing (spread into a change's effects). */
export function pushEffects(...args: Parameters<typeof marketingPush>): { systemRuns?: SystemRunRequest[] } {
  const push = marketingPush(...args);
  return push ? { systemRuns: [push] } : {};
}
