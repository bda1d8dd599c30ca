import type { RightsRequest } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { RequestKind } from '../vocabulary.ts';
import { type Correction, correctionOf, systemsHolding } from './correction.ts';
import { systemsOf } from './declared.ts';
import type { Operation } from './kinds.ts';
import type { SystemResult, SystemStep } from './outcome.ts';
import { holdsGivenData, planRequest } from './plan.ts';
import type { SystemRun, SystemRunRequest } from './ports.ts';

/**
 * WHAT RUNS WHEN. Starting an access, portability, erasure, rectification or restriction request
 * asks for a run of every system the tenant declares, in the same transaction as the start:
 * - access and portability: a search ('read'), whose records go into the export;
 * - erasure: a search first, so staff see what is held where before anything is erased; the
 *   erasure in each system ('erase') when the handler asks for it, before the centre erases its
 *   own data (so what was done where is still there for the letter and the evidence pack);
 * - rectification naming a record's field: a search first too, so staff see a preview of what the
 *   correction will change where (system, record, field, old → new); the correction ('correct') in
 *   each system that holds the field when the handler asks for it, before the centre applies it
 *   to its own record. A free-text one: each system is a handler's task to correct by hand;
 * - restriction: the suppression, which no shipped connector makes by itself (Mailchimp aside),
 *   so each system becomes a handler's task with the declaration's words.
 * Objections are answered from the centre's own records and run nothing.
 */
export const runsOnStart: readonly RequestKind[] = ['access', 'portability', 'erasure', 'rectification', 'restriction'];

/**
 * The plan a started request's run follows: an erasure, or a rectification naming a record's
 * field, is searched (as an access request) first. A free-text rectification names nothing the
 * centre can map to a system's field: each system is a handler's task to correct by hand.
 */
export function planOnStart(
  tenant: TenantConfig,
  kind: RequestKind,
  request?: Pick<RightsRequest, 'kind' | 'details'>,
): SystemStep[] {
  if (!runsOnStart.includes(kind)) return [];
  const systems = systemsOf(tenant);
  // Portability covers what the person gave us: a system that holds none of it is not searched.
  if (kind === 'portability')
    return planRequest(
      systems.filter((s) => holdsGivenData(tenant, s)),
      kind,
    );
  if (kind === 'rectification' && !(request && correctionOf(request)))
    return planRequest(systems, kind).map((step) => ({ ...step, automatic: false }));
  return planRequest(systems, kind === 'erasure' || kind === 'rectification' ? 'access' : kind);
}

const pending = (step: SystemStep): SystemResult => ({ step, outcome: { state: 'pending' } });

/** A new run (version 1 above `previous`) of `steps`, every system pending. */
export function newRun(input: {
  request: Pick<RightsRequest, 'tenant' | 'subjectId' | 'id'> & { dueOn?: string };
  operation: Operation;
  steps: readonly SystemStep[];
  by: string;
  now: string;
  previous?: SystemRun;
}): SystemRun {
  const { request, previous } = input;
  return {
    tenant: request.tenant,
    subjectId: request.subjectId,
    requestId: request.id,
    operation: input.operation,
    results: input.steps.map(pending),
    requestedAt: input.now,
    requestedBy: input.by,
    updatedAt: input.now,
    version: (previous?.version ?? 0) + 1,
    ...(request.dueOn ? { dueOn: request.dueOn } : {}),
    ...(previous ? { searched: withoutRecords(previous.results) } : {}),
  };
}

/** Outcomes with their counts but not their records (what an earlier search found, kept small). */
export function withoutRecords(results: readonly SystemResult[]): SystemResult[] {
  return results.map((r) => ('records' in r.outcome ? { ...r, outcome: { ...r.outcome, records: [] } } : r));
}

/** The run a request's start asks for, to be written with the start; undefined when none. */
export function runOnStart(tenant: TenantConfig, request: RightsRequest, now: string): SystemRunRequest | undefined {
  // An erasure of single records of the centre's (one call recording) is not a search of every system.
  if (request.details.recordIds) return undefined;
  const steps = planOnStart(tenant, request.kind, request);
  if (steps.length === 0) return undefined;
  const operation = steps[0]!.operation;
  return { run: newRun({ request, operation, steps, by: 'system', now }), expectedVersion: 0 };
}

/** The erasure in every system, replacing the erasure request's search. */
export function eraseRun(tenant: TenantConfig, request: RightsRequest, previous: SystemRun | undefined, by: string, now: string) {
  const steps = planRequest(systemsOf(tenant), 'erasure');
  return newRun({ request, operation: 'erase', steps, by, now, ...(previous ? { previous } : {}) });
}

/**
 * The correction in every system whose declaration holds the corrected field, replacing the
 * rectification's search; a system that cannot change it by itself becomes a handler's task.
 */
export function correctRun(
  tenant: TenantConfig,
  request: RightsRequest,
  previous: SystemRun | undefined,
  correction: Correction,
  by: string,
  now: string,
): SystemRun {
  const holding = new Set(systemsHolding(systemsOf(tenant), correction).map((s) => s.id));
  const steps = planRequest(systemsOf(tenant), 'rectification').filter((s) => holding.has(s.systemId));
  return { ...newRun({ request, operation: 'correct', steps, by, now, ...(previous ? { previous } : {}) }), correction };
}

/**
 * A retry of the failed systems: each goes back to pending with the attempts it has had, the
 * rest stay as they are.
 */
export function retryFailed(run: SystemRun, by: string, now: string): SystemRun {
  return {
    ...run,
    results: run.results.map((r) =>
      r.outcome.state === 'failed' ? { step: r.step, outcome: { state: 'pending', attempts: r.outcome.attempts } } : r,
    ),
    requestedAt: now,
    requestedBy: by,
    updatedAt: now,
    version: run.version + 1,
  };
}
