import { DomainError } from '../errors.ts';
import type { SystemDeclaration } from './declaration.ts';
import type { HandlerResolution, SystemOutcome, SystemResult } from './outcome.ts';
import { taskDueAt } from './task-due.ts';

const settled = new Set<SystemOutcome['state']>(['found', 'not-found', 'done', 'resolved']);

/** A system is resolved when it answered, or a handler recorded what happened there and why. */
export const isResolved = (outcome: SystemOutcome) => settled.has(outcome.state);

/**
 * The rule: a request cannot complete while any system is unresolved (searching, failed,
 * waiting for a handler) unless the handler records why. Returns the systems in the way.
 */
export function completionBlockers(results: readonly SystemResult[]): SystemResult[] {
  return results.filter((result) => !isResolved(result.outcome));
}

export function assertCanComplete(results: readonly SystemResult[]): void {
  const blockers = completionBlockers(results);
  if (blockers.length > 0) {
    throw new DomainError(
      'conflict',
      `Not every connected system is resolved: ${blockers.map((b) => b.step.systemName).join(', ')}`,
      {
        systems: blockers.map((b) => ({ systemId: b.step.systemId, state: b.outcome.state })),
      },
    );
  }
}

/** A handler records what they found or did, or why the system stays as it is. */
export function resolveByHandler(result: SystemResult, resolution: HandlerResolution): SystemResult {
  if (!['failed', 'waiting-for-handler', 'pending'].includes(result.outcome.state)) {
    throw new DomainError('conflict', `${result.step.systemName} needs no handler: it is ${result.outcome.state}`);
  }
  if (resolution.note.trim() === '') throw new DomainError('bad_request', 'Say what was found or done, or why');
  const countProblem =
    resolution.count === undefined
      ? undefined
      : resolution.reason !== 'done-by-hand'
        ? 'A count of records found goes only with “done by hand”'
        : !Number.isInteger(resolution.count) || resolution.count < 1
          ? 'Give how many records you found, 1 or more (if none, choose “nothing held there”)'
          : undefined;
  if (countProblem) throw new DomainError('bad_request', countProblem, { fields: [{ field: 'count', message: countProblem }] });
  return { step: result.step, outcome: { state: 'resolved', resolution: { ...resolution, note: resolution.note.trim() } } };
}

/**
 * A system still failing after `maxAttempts` becomes a handler's task, with the reason, so the
 * request does not wait on a system that stays down.
 */
export function escalateFailures(
  results: readonly SystemResult[],
  systems: readonly SystemDeclaration[],
  now: string,
  maxAttempts = 3,
  requestDueOn?: string,
): SystemResult[] {
  return results.map((result) => {
    const { outcome } = result;
    if (outcome.state !== 'failed' || (outcome.retryable && outcome.attempts < maxAttempts)) return result;
    const system = systems.find((s) => s.id === result.step.systemId);
    const dueDays = system?.kind === 'manual' ? system.dueDays : 5;
    return {
      step: { ...result.step, automatic: false },
      outcome: {
        state: 'waiting-for-handler',
        role: 'handler',
        instructions:
          `The centre could not ${result.step.operation} in ${result.step.systemName} after ${outcome.attempts} attempt(s): ` +
          `${outcome.reason}. Do it in the system by hand and record what you found or did.`,
        dueAt: taskDueAt(now, dueDays, requestDueOn),
      },
    };
  });
}
