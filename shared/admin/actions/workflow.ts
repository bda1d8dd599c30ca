import type { StaffAction } from '../../admin-api.ts';
import type { Deps } from '../../deps.ts';
import type { Effects } from '../../entities.ts';
import { countByCategory } from '../../exports/records.ts';
import { replyAddress } from '../../requests/file.ts';
import type { RequestAction } from '../../requests/lifecycle.ts';
import { saveStep } from '../../requests/save-step.ts';
import { keepsSearchRecord } from '../../requests/search-record.ts';
import type { SystemRunRequest } from '../../systems/ports.ts';
import { runOnStart } from '../../systems/request-run.ts';
import { searchesFromRun } from '../../systems/search-records.ts';
import { type StaffContext, staffActor } from '../context.ts';
import type { RequestCase } from './case.ts';

type Input<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;

const groundsText = {
  'manifestly-unfounded': 'We consider the request manifestly unfounded.',
  'manifestly-excessive': 'We consider the request manifestly excessive.',
} as const;

/**
 * A step of the workflow the subject sees (the lifecycle's rules), saved with its audit event and,
 * where the step matters, an email to the subject.
 */
export async function workflowStep(
  deps: Deps,
  ctx: StaffContext,
  c: RequestCase,
  action: RequestAction,
  auditDetail?: Record<string, string | number | boolean>,
  systemRun?: SystemRunRequest,
  also?: Pick<Effects, 'audit' | 'records'>,
): Promise<RequestCase> {
  const request = await saveStep(deps, {
    tenant: ctx.tenant,
    request: c.request,
    to: replyAddress(c.request, c.subject),
    action,
    actor: staffActor(ctx),
    ...(auditDetail ? { auditDetail } : {}),
    ...(systemRun ? { systemRuns: [systemRun] } : {}),
    ...(also ? { also } : {}),
  });
  return { ...c, request, ...(systemRun ? { systemRun: systemRun.run } : {}) };
}

/**
 * Starts work on the request, asking in the same transaction for the run through the tenant's
 * connected systems the request needs (see shared/systems/request-run.ts): no start without it.
 */
export function start(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestCase> {
  const run = runOnStart(ctx.tenant, c.request, deps.clock.now().toISOString());
  return workflowStep(deps, ctx, c, { type: 'start' }, run ? { systems: run.run.results.length } : undefined, run);
}

export const refuse = (deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'refuse'>) =>
  workflowStep(
    deps,
    ctx,
    c,
    { type: 'refuse', reason: `${groundsText[input.grounds]} ${input.reason}` },
    { grounds: input.grounds },
  );

/**
 * An access or portability request as answered: its search record gains an entry for each
 * connected system its run searched (automatically, or by a handler by hand), so the evidence
 * pack's record of the searches says when, by whom or automatically, and what was found.
 */
export function withSystemSearches(deps: Pick<Deps, 'clock'>, ctx: StaffContext, c: RequestCase): RequestCase {
  if (!keepsSearchRecord(c.request.kind)) return c;
  const added = searchesFromRun({
    tenant: ctx.tenant,
    run: c.systemRun,
    identity: c.subject?.email ?? '(no address)',
    recordedAt: deps.clock.now().toISOString(),
  });
  if (added.length === 0) return c;
  return { ...c, request: { ...c.request, searches: [...(c.request.searches ?? []), ...added] } };
}

/**
 * Completes the request. The evidence pack must show which categories were searched (every one in
 * the tenant's policy) and how many records each held then, and what was withheld and why.
 */
export async function complete(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'complete'>) {
  // Counted as the export counts them (the consent ledger included): the pack and the ZIP agree.
  const counts = await countByCategory(deps, ctx.tenant, c.request.subjectId);
  const searched = [...counts].map(([id, n]) => `${id}:${n}`).join(',');
  const facts = { searched, withheld: input.withheld?.trim() || 'nothing' };
  return workflowStep(
    deps,
    ctx,
    withSystemSearches(deps, ctx, c),
    { type: 'complete', message: input.message, ...(input.outcome ? { outcome: input.outcome } : {}) },
    { ...facts, outcome: input.outcome ?? 'done' },
  );
}
