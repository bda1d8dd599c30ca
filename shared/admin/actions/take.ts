import type { RequestDetail, StaffAction } from '../../admin-api.ts';
import { ukDate } from '../../deadlines.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import { staleRequest } from '../../requests/save-step.ts';
import { requirePermission } from '../../staff/permissions.ts';
import type { StaffContext } from '../context.ts';
import { detailOfCase, loadRequest } from '../detail.ts';
import type { ActionRule, RequestCase } from './case.ts';
import { requestActions } from './table.ts';

/**
 * One staff action on a request, as the action table says: the role's permission (a refusal is a
 * 403 and an audit event), the version the member of staff saw, the state the request is in;
 * then the action, audited, the subject emailed where the step matters. The request and its
 * subject are read once here and passed down; the answer is built from what was saved.
 */
export async function takeStaffAction(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string; expectedVersion: number; action: StaffAction },
): Promise<RequestDetail> {
  const { action } = input;
  const rule = requestActions[action.type] as ActionRule<RequestCase, StaffAction>;
  await requirePermission(deps, ctx, rule.permission, action.type);
  const [request, subject, systemRun] = await Promise.all([
    loadRequest(deps, ctx, input.subjectId, input.requestId),
    deps.subjects.get(ctx.tenant.slug, input.subjectId),
    deps.systemRuns.get(ctx.tenant.slug, input.subjectId, input.requestId),
  ]);
  if (request.version !== input.expectedVersion) throw staleRequest();
  const c: RequestCase = { request, subject, ...(systemRun ? { systemRun } : {}) };
  const refusal = rule.refusal(c, { tenant: ctx.tenant, today: ukDate(deps.clock.now()) });
  if (refusal) throw new DomainError('conflict', refusal);
  return detailOfCase(deps, ctx, await rule.run(deps, ctx, c, action));
}
