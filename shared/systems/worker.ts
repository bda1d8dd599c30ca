import type { Clock, TenantDirectory } from '../deps.ts';
import type { AuditEventInput } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { SubjectStore } from '../ports.ts';
import { escalateFailures } from './completion.ts';
import type { Connector } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { isSystemsDeclarationError, systemsOf } from './declared.ts';
import { planMarketingPush } from './marketing-systems.ts';
import type { SystemResult } from './outcome.ts';
import type { SystemRun, SystemRunStore } from './ports.ts';
import { endRelationshipFrom, saysInactive } from './relationship-end.ts';
import { runPlan } from './run.ts';

export interface SystemsWorkerDeps {
  systemRuns: SystemRunStore;
  /** setRelationship: a PSA saying the person is inactive ends their relationship (relationship-end.ts). */
  subjects: Pick<SubjectStore, 'get' | 'setRelationship'>;
  tenants: TenantDirectory;
  clock: Clock;
  /** The connector of one of a tenant's API systems (on AWS: only the worker holds this code). */
  connectorFor(tenant: string, system: SystemDeclaration): Connector;
  /** Attempts before a failing system becomes a handler's task (default 3). */
  maxAttempts?: number;
  /** A system 'searching' for longer than this was left by a worker that stopped: it is taken again. */
  staleMs?: number;
  /** One line per finished system: ids and states only, never the person's identity or records. */
  log?(line: Record<string, string | number | boolean>): void;
}

export interface RunRef {
  tenant: string;
  subjectId: string;
  requestId: string;
}

const DEFAULT_STALE_MS = 5 * 60_000;
/** A conflict means someone else saved meanwhile (staff resolving a system, another worker): read again, a few times. */
const SAVE_TRIES = 5;

const isConflict = (error: unknown) => error instanceof DomainError && error.code === 'conflict';
const system = { type: 'system' } as const;

/** The audit event of one system's outcome: what happened there, with ids and counts only. */
function outcomeAudit(run: SystemRun, result: SystemResult, action = 'systems.outcome'): AuditEventInput {
  const { outcome, step } = result;
  return {
    action,
    actor: system,
    subjectId: run.subjectId,
    detail: {
      requestId: run.requestId,
      systemId: step.systemId,
      operation: step.operation,
      identity: step.identity,
      state: outcome.state,
      ...(outcome.state === 'found' ? { count: outcome.count } : {}),
      ...(outcome.state === 'done' ? { records: outcome.records.length } : {}),
      ...(outcome.state === 'failed' ? { attempts: outcome.attempts, retryable: outcome.retryable } : {}),
    },
  };
}

/**
 * Saves a change to the latest run: `change` is applied to the run as stored now and saved
 * against its version; on a conflict the run is read again and the change applied afresh.
 * `change` returns undefined when there is nothing (left) to do.
 */
async function saveChange(
  deps: SystemsWorkerDeps,
  ref: RunRef,
  start: SystemRun,
  change: (run: SystemRun) => { run: SystemRun; audit: AuditEventInput[] } | undefined,
): Promise<SystemRun> {
  let current = start;
  for (let attempt = 1; ; attempt++) {
    const next = change(current);
    if (!next) return current;
    const saved = { ...next.run, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
    try {
      await deps.systemRuns.save(saved, current.version, { audit: next.audit });
      return saved;
    } catch (error) {
      if (!isConflict(error) || attempt >= SAVE_TRIES) throw error;
      const fresh = await deps.systemRuns.get(ref.tenant, ref.subjectId, ref.requestId);
      if (!fresh) return current;
      current = fresh;
    }
  }
}

const replace = (run: SystemRun, result: SystemResult) => ({
  ...run,
  results: run.results.map((r) => (r.step.systemId === result.step.systemId ? result : r)),
});

/**
 * A run that cannot be worked because the tenant's systems declarations no longer pass: each system
 * this worker could claim fails with the reason, not to be retried by itself (staff see why on the
 * request, and retry once a corrected policy is published). Whether anything was refused.
 */
async function refuseRun(
  deps: SystemsWorkerDeps,
  ref: RunRef,
  stored: SystemRun,
  reason: string,
  claimable: (r: SystemResult) => boolean,
): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  let refused = false;
  await saveChange(deps, ref, stored, (run) => {
    // Only what this worker could claim: a system another worker is searching now stays theirs.
    const results = run.results.map(
      (r): SystemResult =>
        claimable(r) ? { step: r.step, outcome: { state: 'failed', reason, retryable: false, attempts: 1, at } } : r,
    );
    const changed = results.filter((r, i) => r !== run.results[i]);
    refused = changed.length > 0;
    if (!refused) return undefined;
    return { run: { ...run, results }, audit: changed.map((r) => outcomeAudit(run, r)) };
  });
  return refused;
}

/**
 * Works one request's run: claims the systems waiting to be tried (so a second worker leaves
 * them), tries each through its connector (one failing never holds up the others), saves each
 * outcome as it comes with its audit event, then turns a system that failed too often (or cannot
 * succeed by trying again) into a handler's task. Safe to call twice: a claimed system is not
 * claimed again until it is stale, a resolved one is never touched.
 */
export async function workOnRun(deps: SystemsWorkerDeps, ref: RunRef): Promise<'worked' | 'nothing-to-do'> {
  const tenant = deps.tenants.get(ref.tenant);
  let stored = await deps.systemRuns.get(ref.tenant, ref.subjectId, ref.requestId);
  if (!tenant || !stored) return 'nothing-to-do';
  const staleBefore = deps.clock.now().getTime() - (deps.staleMs ?? DEFAULT_STALE_MS);
  const claimable = (r: SystemResult) =>
    r.outcome.state === 'pending' || (r.outcome.state === 'searching' && Date.parse(r.outcome.startedAt) < staleBefore);
  // The declarations, checked: a policy whose declarations no longer pass (a code change tightened
  // the schema after it was published) fails each system to try, with the field named.
  let systems: SystemDeclaration[];
  try {
    systems = systemsOf(tenant);
  } catch (error) {
    if (!isSystemsDeclarationError(error)) throw error;
    deps.log?.({ event: 'systems-declarations-invalid', tenant: ref.tenant, requestId: ref.requestId });
    // A push still to plan waits on the pending index: the sweep plans it once a corrected policy is in force.
    if (stored.plan) return 'nothing-to-do';
    return (await refuseRun(deps, ref, stored, error.message, claimable)) ? 'worked' : 'nothing-to-do';
  }
  // A marketing push asked for without reading the declarations: its steps are planned here.
  if (stored.plan === 'marketing') {
    stored = await saveChange(deps, ref, stored, (run) =>
      run.plan === 'marketing' ? { run: planMarketingPush(tenant, run), audit: [] } : undefined,
    );
  }

  // Claim: every system to try is marked searching in one versioned save.
  let claimed: SystemResult[] = [];
  const afterClaim = await saveChange(deps, ref, stored, (run) => {
    claimed = run.results.filter(claimable);
    if (claimed.length === 0) return undefined;
    const startedAt = deps.clock.now().toISOString();
    const ids = new Set(claimed.map((r) => r.step.systemId));
    return {
      run: {
        ...run,
        results: run.results.map((r) =>
          ids.has(r.step.systemId) ? { step: r.step, outcome: { state: 'searching', startedAt } } : r,
        ),
      },
      audit: [],
    };
  });
  if (claimed.length === 0) return 'nothing-to-do';

  const subject = await deps.subjects.get(ref.tenant, ref.subjectId);
  let current = afterClaim;
  let queue = Promise.resolve();
  const record = (result: SystemResult) => {
    queue = queue.then(async () => {
      current = await saveChange(deps, ref, current, (run) => {
        // Only a system this worker claimed and still holds: staff may have resolved it meanwhile.
        const mine = run.results.find((r) => r.step.systemId === result.step.systemId);
        if (mine?.outcome.state !== 'searching') return undefined;
        return { run: replace(run, result), audit: [outcomeAudit(run, result)] };
      });
      deps.log?.({
        event: 'system-outcome',
        tenant: ref.tenant,
        requestId: ref.requestId,
        systemId: result.step.systemId,
        operation: result.step.operation,
        state: result.outcome.state,
      });
    });
    return queue;
  };
  await runPlan(
    {
      steps: claimed.map((r) => r.step),
      systems,
      identities: subject?.email ? { email: subject.email } : {},
      previous: claimed,
      ...(stored.suppress ? { suppress: stored.suppress } : {}),
      ...(afterClaim.correction ? { correction: afterClaim.correction } : {}),
      ...(stored.dueOn ? { dueOn: stored.dueOn } : {}),
    },
    {
      connectorFor: (s) => deps.connectorFor(ref.tenant, s),
      now: () => deps.clock.now().toISOString(),
      onOutcome: (result) => (result.outcome.state === 'searching' ? undefined : record(result)),
    },
  );
  await queue;
  await endRelationshipsFrom(deps, ref, claimed, current, systems);

  // A system that stays down becomes a handler's task, with the reason.
  await saveChange(deps, ref, current, (run) => {
    const escalated = escalateFailures(run.results, systems, deps.clock.now().toISOString(), deps.maxAttempts, run.dueOn);
    const changed = escalated.filter((r, i) => r.outcome.state !== run.results[i]?.outcome.state);
    if (changed.length === 0) return undefined;
    return { run: { ...run, results: escalated }, audit: changed.map((r) => outcomeAudit(run, r, 'systems.escalated')) };
  });
  return 'worked';
}

/**
 * A system declared to end relationships that found the person only as inactive sets the end of
 * their relationship (once: an end already recorded is kept). A failure here is logged and left:
 * the search itself succeeded, and the next search or check tries again.
 */
async function endRelationshipsFrom(
  deps: SystemsWorkerDeps,
  ref: RunRef,
  claimed: SystemResult[],
  run: SystemRun,
  systems: readonly SystemDeclaration[],
): Promise<void> {
  const tried = new Set(claimed.map((r) => r.step.systemId));
  for (const { step, outcome } of run.results) {
    const declared = systems.find((s) => s.id === step.systemId);
    if (!tried.has(step.systemId) || outcome.state !== 'found' || !declared || !saysInactive(declared, outcome.records)) continue;
    try {
      if (await endRelationshipFrom(deps, ref, declared))
        deps.log?.({ event: 'relationship-ended', tenant: ref.tenant, systemId: declared.id });
    } catch (error) {
      deps.log?.({ event: 'relationship-end-failed', tenant: ref.tenant, systemId: declared.id, error: (error as Error).name });
    }
  }
}

/**
 * The sweep: every tenant's runs still waiting after `olderThanMs` (a trigger that was lost, a
 * worker that stopped) are worked again. Returns how many were looked at.
 */
export async function sweepSystemRuns(
  deps: SystemsWorkerDeps,
  olderThanMs = 2 * 60_000,
  workOn: (ref: RunRef) => Promise<unknown> = (ref) => workOnRun(deps, ref),
): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - olderThanMs).toISOString();
  let seen = 0;
  for (const tenant of deps.tenants.list()) {
    for (const pending of await deps.systemRuns.listPending(tenant.slug, before)) {
      seen++;
      await workOn(pending).catch((error: Error) =>
        deps.log?.({ event: 'system-run-failed', tenant: pending.tenant, requestId: pending.requestId, error: error.name }),
      );
    }
  }
  return seen;
}
