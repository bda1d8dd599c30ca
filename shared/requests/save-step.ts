import type { Deps } from '../deps.ts';
import type { Actor, Effects, RequestEventType, RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { SystemRunRequest } from '../systems/ports.ts';
import { applyAction, type RequestAction } from './lifecycle.ts';

export const staleRequest = () => new DomainError('conflict', 'This request was changed meanwhile. Please look at it again.');

/** The steps the subject hears about by email (and identity information arriving, which sets a new date); the rest show on their page. */
const emailed = new Set<RequestEventType>([
  'received',
  'information-requested',
  'extended',
  'completed',
  'refused',
  'withdrawn',
  'fee-requested',
  'fee-paid',
  'fee-unpaid',
]);

/**
 * Applies a workflow step to a loaded request and saves it with its audit event (and the
 * subject's email where the step matters) in one transaction, guarded by the request's version.
 * Returns the request as saved.
 */
export async function saveStep(
  deps: Deps,
  input: {
    tenant: TenantConfig;
    request: RightsRequest;
    /** Where the email goes: the subject's address (or, for the erasure letter, the one they had). */
    to: string | undefined;
    action: RequestAction;
    actor: Actor;
    /** Facts for the audit event beyond the request's own (e.g. what was searched). */
    auditDetail?: Record<string, string | number | boolean>;
    /** Runs through connected systems the step asks for, in its transaction. */
    systemRuns?: SystemRunRequest[];
    /** More to save in the step's transaction: a corrected record and its audit events. */
    also?: Pick<Effects, 'audit' | 'records'>;
  },
): Promise<RightsRequest> {
  const { tenant, request, to } = input;
  // Never an email to an empty address, and never a step that says the person was told.
  if (!to) throw new DomainError('conflict', 'This person’s data has been erased: there is no address to write to.');
  const next = applyAction(request, input.action, { tenant, actor: input.actor, now: deps.clock.now() });
  const event = next.history.at(-1)?.type as RequestEventType;
  const subjectId = request.subjectId;
  await deps.requests.update(next, request.version, {
    audit: [
      {
        action: `request.${event}`,
        actor: input.actor,
        subjectId,
        detail: { requestId: next.id, reference: next.reference, status: next.status, dueOn: next.dueOn, ...input.auditDetail },
      },
      ...(input.also?.audit ?? []),
    ],
    mail:
      emailed.has(event) || (event === 'information-provided' && next.history.at(-1)?.purpose === 'identity')
        ? [{ template: 'request-update', to, requestId: next.id, subjectId, event }]
        : [],
    ...(input.systemRuns ? { systemRuns: input.systemRuns } : {}),
    ...(input.also?.records ? { records: input.also.records } : {}),
  });
  return next;
}

/** A workflow step on a request not loaded yet (the subject's own steps: answer, withdraw). */
export async function actOnRequest(
  deps: Deps,
  input: {
    tenant: TenantConfig;
    subjectId: string;
    requestId: string;
    action: RequestAction;
    actor: Actor;
    /** The version the actor saw: a request changed since is a conflict, nothing done. */
    expectedVersion?: number;
  },
): Promise<RightsRequest> {
  const { tenant, subjectId } = input;
  const [request, subject] = await Promise.all([
    deps.requests.get(tenant.slug, subjectId, input.requestId),
    deps.subjects.get(tenant.slug, subjectId),
  ]);
  if (!request || !subject?.email) throw new DomainError('not_found', 'That request does not exist.');
  if (input.expectedVersion !== undefined && input.expectedVersion !== request.version) throw staleRequest();
  return saveStep(deps, { tenant, request, to: subject.email, action: input.action, actor: input.actor });
}
