import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { Actor, Deps, RequestEventType, RightsRequest } from '../ports.ts';
import { applyAction, type RequestAction } from './lifecycle.ts';

/** The steps the subject hears about by email; the rest show on their page. */
const emailed = new Set<RequestEventType>(['received', 'information-requested', 'extended', 'completed', 'refused', 'withdrawn']);

/**
 * Applies a workflow step and saves it with its audit event (and the subject's email where the
 * step matters) in one transaction, guarded by the request's version.
 */
export async function actOnRequest(
  deps: Deps,
  input: { tenant: TenantConfig; subjectId: string; requestId: string; action: RequestAction; actor: Actor },
): Promise<RightsRequest> {
  const { tenant, subjectId } = input;
  const [request, subject] = await Promise.all([
    deps.requests.get(tenant.slug, subjectId, input.requestId),
    deps.subjects.get(tenant.slug, subjectId),
  ]);
  if (!request || !subject) throw new DomainError('not_found', 'That request does not exist.');
  const next = applyAction(request, input.action, { tenant, actor: input.actor, now: deps.clock.now() });
  const event = next.history.at(-1)?.type as RequestEventType;
  await deps.requests.update(next, request.version, {
    audit: [
      {
        action: `request.${event}`,
        actor: input.actor,
        subjectId,
        detail: { requestId: next.id, reference: next.reference, status: next.status, dueOn: next.dueOn },
      },
    ],
    mail: emailed.has(event) ? [{ template: 'request-update', to: subject.email, requestId: next.id, subjectId, event }] : [],
  });
  return next;
}
