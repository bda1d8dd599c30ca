import type { StaffAction } from '../../admin-api.ts';
import type { Deps } from '../../deps.ts';
import type { AuditEventInput } from '../../entities.ts';
import { DomainError } from '../../errors.ts';
import { isOpen } from '../../requests/lifecycle.ts';
import { completionBlockers, resolveByHandler } from '../../systems/completion.ts';
import { correctionOf, systemsHolding } from '../../systems/correction.ts';
import { systemsOf, systemsOrNone } from '../../systems/declared.ts';
import type { SystemRun } from '../../systems/ports.ts';
import { correctRun, eraseRun, retryFailed } from '../../systems/request-run.ts';
import { type StaffContext, staffActor } from '../context.ts';
import type { Now, RequestCase } from './case.ts';

type Input<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;

const declares = (now: Now) => systemsOf(now.tenant).length > 0;
/**
 * Why the tenant's systems cannot be acted on: its declarations no longer pass (a published policy
 * after a schema change; shared/systems/declared.ts). A refusal, so the request's page still shows.
 */
function declarationsProblem(now: Now): string | undefined {
  let problem: string | undefined;
  systemsOrNone(now.tenant, (error) => {
    problem = error.message;
  });
  return problem;
}
const started = (c: RequestCase) => isOpen(c.request.status) && c.request.status !== 'received';
const names = (run: SystemRun) =>
  completionBlockers(run.results)
    .map((r) => r.step.systemName)
    .join(', ');

/**
 * Why the request cannot be completed yet because of its connected systems, or undefined. A
 * system is in the way until it answered or a handler recorded what happened there and why
 * (`assertCanComplete`). An erasure must also have been carried out in every system first.
 */
export function systemsBlock(c: RequestCase, now: Now): string | undefined {
  const run = c.systemRun;
  if (c.request.kind === 'erasure' || c.request.kind === 'rectification') {
    const problem = declarationsProblem(now);
    if (problem) return problem;
  }
  if (c.request.kind === 'erasure' && declares(now) && run?.operation !== 'erase') {
    return run
      ? 'Erase the person in the connected systems first: what was done there goes into the letter.'
      : 'Start the request first: its connected systems are searched, then the person is erased there before the centre’s own data.';
  }
  const correction = correctionOf(c.request);
  const holding = correction ? systemsHolding(systemsOf(now.tenant), correction) : [];
  if (c.request.kind === 'rectification' && holding.length > 0 && run?.operation !== 'correct') {
    const where = holding.map((s) => s.name).join(', ');
    return run
      ? `Correct it in the connected systems that hold it first (${where}): what was changed there goes into the letter.`
      : `Start the request first: its connected systems are searched, then the correction is offered to those that hold it (${where}).`;
  }
  if (!run || completionBlockers(run.results).length === 0) return undefined;
  return `Not every connected system is resolved (${names(run)}): retry a failed system, or record what was found or done there, or why it stays as it is.`;
}

/** In which states each systems action may be taken (see the action table). */
export const systemRefusals = {
  erase: (c: RequestCase, now: Now) => {
    if (c.request.kind !== 'erasure' || !started(c))
      return 'Only an erasure request that has been started can be erased in the connected systems.';
    const problem = declarationsProblem(now);
    if (problem) return problem;
    if (!declares(now)) return 'This privacy centre has no connected systems.';
    return c.systemRun?.operation === 'erase' ? 'The erasure in the connected systems has been asked for already.' : undefined;
  },
  correct: (c: RequestCase, now: Now) => {
    if (c.request.kind !== 'rectification' || !started(c))
      return 'Only a rectification request that has been started can be corrected in the connected systems.';
    const correction = correctionOf(c.request);
    if (!correction) return 'This request names no field of a record: correct it in each system by hand, then record it.';
    const problem = declarationsProblem(now);
    if (problem) return problem;
    if (systemsHolding(systemsOf(now.tenant), correction).length === 0)
      return `No connected system holds ${correction.label}, as their declarations say.`;
    return c.systemRun?.operation === 'correct'
      ? 'The correction in the connected systems has been asked for already.'
      : undefined;
  },
  retry: (c: RequestCase) =>
    isOpen(c.request.status) && c.systemRun?.results.some((r) => r.outcome.state === 'failed')
      ? undefined
      : 'No connected system has failed on this request.',
  resolve: (c: RequestCase) =>
    isOpen(c.request.status) &&
    c.systemRun &&
    completionBlockers(c.systemRun.results).some((r) => r.outcome.state !== 'searching')
      ? undefined
      : 'No connected system is waiting for a handler on this request.',
};

/**
 * Applies a staff change to the run as stored now, saved with its audit event; if the worker
 * saved meanwhile, the change is applied again to what it saved (a few times).
 */
async function changeRun(
  deps: Deps,
  c: RequestCase,
  change: (run: SystemRun) => { run: SystemRun; audit: AuditEventInput },
): Promise<RequestCase> {
  let run = c.systemRun;
  for (let attempt = 1; run; attempt++) {
    const next = change(run);
    // A retry's tasks are due by the request's due date as it stands now (it may have been extended).
    const saved = { ...next.run, dueOn: c.request.dueOn, version: run.version + 1 };
    try {
      await deps.systemRuns.request(saved, run.version, { audit: [next.audit] });
      return { ...c, systemRun: saved };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'conflict') || attempt >= 3) throw error;
      run = await deps.systemRuns.get(c.request.tenant, c.request.subjectId, c.request.id);
    }
  }
  throw new DomainError('conflict', 'This request has no search of connected systems.');
}

/** Asks for the erasure in every connected system; the worker carries it out in the background. */
export async function eraseInSystems(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestCase> {
  if (c.request.details.recordIds)
    throw new DomainError('conflict', 'This erasure is of single records held in the centre: no connected system is asked.');
  const now = deps.clock.now().toISOString();
  const run = eraseRun(ctx.tenant, c.request, c.systemRun, ctx.member.email, now);
  const audit: AuditEventInput = {
    action: 'systems.erase_requested',
    actor: staffActor(ctx),
    subjectId: c.request.subjectId,
    detail: { requestId: c.request.id, systems: run.results.map((r) => r.step.systemId).join(',') },
  };
  await deps.systemRuns.request(run, c.systemRun?.version, { audit: [audit] });
  return { ...c, systemRun: run };
}

/** Asks for the correction in every connected system holding the field; the worker applies it in the background. */
export async function correctInSystems(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestCase> {
  const correction = correctionOf(c.request);
  if (!correction) throw new DomainError('conflict', 'This request names no field of a record.');
  const now = deps.clock.now().toISOString();
  const run = correctRun(ctx.tenant, c.request, c.systemRun, correction, ctx.member.email, now);
  const audit: AuditEventInput = {
    action: 'systems.correct_requested',
    actor: staffActor(ctx),
    subjectId: c.request.subjectId,
    // The field, not its value: the value is the person's data and stays in the run.
    detail: {
      requestId: c.request.id,
      category: correction.category,
      field: correction.field,
      systems: run.results.map((r) => r.step.systemId).join(','),
    },
  };
  await deps.systemRuns.request(run, c.systemRun?.version, { audit: [audit] });
  return { ...c, systemRun: run };
}

/** Tries the failed systems again (each keeps its count of attempts: too many and it becomes a handler's task). */
export async function retrySystems(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestCase> {
  const now = deps.clock.now().toISOString();
  return changeRun(deps, c, (run) => {
    const failed = run.results.filter((r) => r.outcome.state === 'failed').map((r) => r.step.systemId);
    if (failed.length === 0) throw new DomainError('conflict', 'No connected system has failed on this request.');
    return {
      run: retryFailed(run, ctx.member.email, now),
      audit: {
        action: 'systems.retry_requested',
        actor: staffActor(ctx),
        subjectId: c.request.subjectId,
        detail: { requestId: c.request.id, systems: failed.join(',') },
      },
    };
  });
}

/** Records what a handler found or did in a system, or why it stays as it is. */
export async function resolveSystem(
  deps: Deps,
  ctx: StaffContext,
  c: RequestCase,
  input: Input<'resolve-system'>,
): Promise<RequestCase> {
  const at = deps.clock.now().toISOString();
  return changeRun(deps, c, (run) => {
    const result = run.results.find((r) => r.step.systemId === input.systemId);
    if (!result) throw new DomainError('bad_request', 'That system is not part of this request.');
    if (result.outcome.state === 'searching')
      throw new DomainError('conflict', `${result.step.systemName} is being searched now.`);
    const resolved = resolveByHandler(result, {
      reason: input.reason,
      note: input.note,
      by: ctx.member.email,
      at,
      ...(input.count === undefined ? {} : { count: input.count }),
    });
    return {
      run: { ...run, results: run.results.map((r) => (r === result ? resolved : r)), updatedAt: at },
      audit: {
        action: 'systems.resolved',
        actor: staffActor(ctx),
        subjectId: c.request.subjectId,
        // The note stays in the run: it may name the person.
        detail: {
          requestId: c.request.id,
          systemId: input.systemId,
          reason: input.reason,
          was: result.outcome.state,
          ...(input.count === undefined ? {} : { count: input.count }),
        },
      },
    };
  });
}
