import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { Actor, Deps, RequestEventType, RightsRequest } from '../ports.ts';
import { applyAction, type RequestAction } from './lifecycle.ts';

export const staleRequest = () => new DomainError('conflict', 'This request was changed meanwhile. Please look at it again.');

/** The steps the subject hears about by email; the rest show on their page. */
const emailed = new Set<RequestEventType>(['received', 'information-requested', 'extended', 'completed', 'refused', 'withdrawn']);

/**
 * Applies a workflow step and saves it with its audit event (and the subject's email where the
 * step matters) in one transaction, guarded by the request's version.
 */
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
    /** Facts for the audit event beyond the request's own (e.g. what was searched). */
    auditDetail?: Record<string, string | number | boolean>;
    /** Where the email goes when the subject's own address is gone (the erasure letter). */
    emailTo?: string;
  },
): Promise<RightsRequest> {
  const { tenant, subjectId } = input;
  const [request, subject] = await Promise.all([
    deps.requests.get(tenant.slug, subjectId, input.requestId),
    deps.subjects.get(tenant.slug, subjectId),
  ]);
  const to = input.emailTo ?? subject?.email;
  if (!request || !to) throw new DomainError('not_found', 'That request does not exist.');
  if (input.expectedVersion !== undefined && input.expectedVersion !== request.version) throw staleRequest();
  const next = applyAction(request, input.action, { tenant, actor: input.actor, now: deps.clock.now() });
  const event = next.history.at(-1)?.type as RequestEventType;
  await deps.requests.update(next, request.version, {
    audit: [
      {
        action: `request.${event}`,
        actor: input.actor,
        subjectId,
        detail: { requestId: next.id, reference: next.reference, status: next.status, dueOn: next.dueOn, ...input.auditDetail },
      },
    ],
    mail: emailed.has(event) ? [{ template: 'request-update', to, requestId: next.id, subjectId, event }] : [],
  });
  return next;
}
