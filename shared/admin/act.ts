import type { RequestDetail, StaffAction } from '../admin-api.ts';
import { ukDate } from '../deadlines.ts';
import { DomainError } from '../errors.ts';
import type { Deps, InternalEvent, RightsRequest } from '../ports.ts';
import { actOnRequest, staleRequest } from '../requests/act.ts';
import { applyAction, type RequestAction } from '../requests/lifecycle.ts';
import { findStaff } from '../staff/directory.ts';
import { authorise, can } from '../staff/permissions.ts';
import { type StaffContext, staffActor } from './context.ts';
import { allowedActions, loadRequest, requestDetail } from './detail.ts';
import { type FulfilAction, fulfil, fulfilRefusal, fulfilTypes } from './fulfil.ts';

const groundsText = {
  'manifestly-unfounded': 'We consider the request manifestly unfounded.',
  'manifestly-excessive': 'We consider the request manifestly excessive.',
} as const;

/** The workflow steps the subject sees, in the lifecycle's terms. */
function workflowAction(action: StaffAction): RequestAction | undefined {
  switch (action.type) {
    case 'start':
      return { type: 'start' };
    case 'ask-information':
      return { type: 'ask-information', message: action.message };
    case 'extend':
      return { type: 'extend', months: action.months, reason: action.reason };
    case 'refuse':
      return { type: 'refuse', reason: `${groundsText[action.grounds]} ${action.reason}` };
    case 'complete':
      return { type: 'complete', message: action.message };
    default:
      return undefined;
  }
}

/**
 * What the evidence pack must show of a completion: which categories were searched (every one
 * in the tenant's policy) and how many records each held then, and what was withheld and why.
 */
async function completionFacts(deps: Deps, ctx: StaffContext, request: RightsRequest, withheld: string | undefined) {
  const records = await deps.subjects.listRecords(ctx.tenant.slug, request.subjectId);
  const searched = ctx.tenant.categories.map((c) => `${c.id}:${records.filter((r) => r.category === c.id).length}`).join(',');
  return { searched, withheld: withheld?.trim() || 'nothing' };
}

/** Assigning, checking identity and notes: staff-only steps, audited, never emailed. */
async function internalStep(
  deps: Deps,
  ctx: StaffContext,
  request: RightsRequest,
  action: Extract<StaffAction, { type: 'assign' | 'verify-identity' | 'note' }>,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const actor = staffActor(ctx);
  const next: RightsRequest = { ...request, internal: [...(request.internal ?? [])], version: request.version + 1 };
  let entry: InternalEvent;
  let detail: Record<string, string> = {};
  if (action.type === 'assign') {
    if (action.assignee === null) {
      delete next.assignee;
      entry = { at, type: 'assigned', actor, message: 'Unassigned' };
    } else {
      const assignee = await findStaff(deps, ctx.tenant, action.assignee);
      if (!assignee || !can(assignee.role, 'act')) {
        throw new DomainError('bad_request', 'Assign it to a handler or admin of this privacy centre.', {
          fields: [{ field: 'assignee', message: 'Choose a handler or admin of this privacy centre' }],
        });
      }
      next.assignee = assignee.email;
      entry = { at, type: 'assigned', actor, message: `Assigned to ${assignee.name}` };
      detail = { assignee: assignee.email };
    }
  } else if (action.type === 'verify-identity') {
    next.identity = { method: action.method, note: action.note, at, by: ctx.member.email };
    entry = { at, type: 'identity-verified', actor, message: action.note };
    detail = { method: action.method };
  } else {
    entry = { at, type: 'note', actor, message: action.text };
  }
  next.internal?.push(entry);
  await deps.requests.update(next, request.version, {
    audit: [
      {
        action: `request.${entry.type}`,
        actor,
        subjectId: request.subjectId,
        detail: { requestId: request.id, reference: request.reference, ...detail },
      },
    ],
  });
}

/**
 * One staff action on a request, checked against the role and the request's state, guarded by
 * the version the member of staff saw, audited; the subject is emailed where the step matters.
 */
export async function staffAct(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string; expectedVersion: number; action: StaffAction },
): Promise<RequestDetail> {
  const slug = ctx.tenant.slug;
  await authorise(deps, {
    tenant: slug,
    staffEmail: ctx.member.email,
    role: ctx.member.role,
    permission: 'act',
    what: input.action.type,
  });
  const request = await loadRequest(deps, ctx, input.subjectId, input.requestId);
  if (request.version !== input.expectedVersion) throw staleRequest();
  const subject = await deps.subjects.get(ctx.tenant.slug, input.subjectId);
  const allowed = allowedActions(ctx, request, ukDate(deps.clock.now()), subject);
  const workflow = workflowAction(input.action);
  if (!allowed.includes(input.action.type)) {
    if (fulfilTypes.has(input.action.type)) {
      throw new DomainError('conflict', fulfilRefusal(input.action.type as FulfilAction['type'], request, subject));
    }
    // Let the lifecycle explain the rule (e.g. extension after the first deadline); nothing is saved.
    if (workflow) applyAction(request, workflow, { tenant: ctx.tenant, actor: staffActor(ctx), now: deps.clock.now() });
    throw new DomainError('conflict', `This request is ${request.status}: that step is not possible now.`);
  }
  if (fulfilTypes.has(input.action.type)) {
    await fulfil(deps, ctx, request, input.action as FulfilAction);
  } else if (workflow) {
    await actOnRequest(deps, {
      tenant: ctx.tenant,
      subjectId: input.subjectId,
      requestId: input.requestId,
      action: workflow,
      actor: staffActor(ctx),
      expectedVersion: input.expectedVersion,
      ...(input.action.type === 'complete'
        ? { auditDetail: await completionFacts(deps, ctx, request, input.action.withheld) }
        : {}),
      ...(input.action.type === 'refuse' ? { auditDetail: { grounds: input.action.grounds } } : {}),
    });
  } else {
    await internalStep(deps, ctx, request, input.action as Extract<StaffAction, { type: 'assign' | 'verify-identity' | 'note' }>);
  }
  return requestDetail(deps, ctx, { subjectId: input.subjectId, requestId: input.requestId, audit: false });
}
