import {
  type Connector,
  type Identity,
  type RecordErasure,
  type SuppressScope,
  SystemCallError,
  type SystemRecord,
} from './connector.ts';
import { type Correction, correctionsFor } from './correction.ts';
import type { SystemDeclaration } from './declaration.ts';
import type { SystemOutcome, SystemResult, SystemStep } from './outcome.ts';
import { taskDueAt } from './task-due.ts';

export interface RunPlanInput {
  steps: readonly SystemStep[];
  systems: readonly SystemDeclaration[];
  /** The person's identities by kind; values never leave the run except to the connector. */
  identities: Partial<Record<string, string>>;
  /** Earlier results: resolved systems are kept, failed ones tried again. */
  previous?: readonly SystemResult[];
  /** For 'suppress' steps: which lists (absent: every one). */
  suppress?: SuppressScope;
  /** For a correction: the field and its new value (each system's declaration says where it sits there). */
  correction?: Correction;
  /** The request's due date: a handler's task is due no later. */
  dueOn?: string;
}

export interface RunPlanDeps {
  connectorFor(system: SystemDeclaration): Connector;
  now(): string;
  /** Told of each outcome as it happens (progress per system). */
  onOutcome?(result: SystemResult): void | Promise<void>;
}

/**
 * Runs each system of a plan independently: a slow or failing system never holds up or sinks the
 * others, and each ends with its own outcome.
 */
export async function runPlan(input: RunPlanInput, deps: RunPlanDeps): Promise<SystemResult[]> {
  return Promise.all(input.steps.map((step) => runStep(step, input, deps)));
}

async function runStep(step: SystemStep, input: RunPlanInput, deps: RunPlanDeps): Promise<SystemResult> {
  const before = input.previous?.find((r) => r.step.systemId === step.systemId);
  if (before && !['failed', 'pending', 'searching'].includes(before.outcome.state)) return before;
  const tried = before?.outcome.state === 'failed' || before?.outcome.state === 'pending' ? before.outcome.attempts : 0;
  const attempts = (tried ?? 0) + 1;
  const report = async (outcome: SystemOutcome) => {
    const result = { step, outcome };
    await deps.onOutcome?.(result);
    return result;
  };
  const system = input.systems.find((s) => s.id === step.systemId);
  if (!system)
    return report({ state: 'failed', reason: 'the system is no longer declared', retryable: false, attempts, at: deps.now() });
  if (!step.automatic) {
    const instructions =
      (system.kind === 'manual' ? system.instructions[step.operation] : undefined) ??
      `The centre may not ${step.operation} in ${system.name} by itself: do it there and record what you found or did.`;
    return report({
      state: 'waiting-for-handler',
      role: system.kind === 'manual' ? system.handler.role : 'handler',
      ...(system.kind === 'manual' && system.handler.name ? { handlerName: system.handler.name } : {}),
      instructions,
      dueAt: taskDueAt(deps.now(), system.kind === 'manual' ? system.dueDays : 5, input.dueOn),
    });
  }
  const value = input.identities[step.identity];
  if (!value)
    return report({
      state: 'failed',
      reason: `the request has no ${step.identity} to search with`,
      retryable: false,
      attempts,
      at: deps.now(),
    });
  await report({ state: 'searching', startedAt: deps.now() });
  try {
    const connector = deps.connectorFor(system);
    const people = await connector.find({ kind: step.identity, value } as Identity);
    if (people.length === 0) return report({ state: 'not-found', at: deps.now() });
    if (step.operation === 'suppress') {
      if (!connector.suppress) throw new SystemCallError('rejected', `${system.name} cannot unsubscribe a person`, false);
      const scope = input.suppress ?? { everywhere: true };
      const done = await sequential(people, (p) => connector.suppress!(p, scope));
      const records = done
        .filter((d) => d.result !== 'out-of-scope')
        .map(
          (d): RecordErasure =>
            d.result === 'absent'
              ? { ref: d.ref, object: 'member', result: 'absent' }
              : { ref: d.ref, object: 'member', result: 'unsubscribed', ...(d.result === 'already' ? { already: true } : {}) },
        );
      return report({ state: 'done', records, at: deps.now() });
    }
    if (step.operation === 'erase') {
      const records = (await sequential(people, (p) => connector.erase(p))).flat();
      return report({ state: 'done', records, at: deps.now() });
    }
    if (step.operation === 'correct') {
      const changes = input.correction ? correctionsFor(system, input.correction) : [];
      if (changes.length === 0 || !connector.correct)
        throw new SystemCallError('rejected', `${system.name} holds no field this correction changes`, false);
      const correct = connector.correct.bind(connector);
      const records = (await sequential(people, (p) => correct(p, changes))).flat();
      return report({ state: 'done', records, at: deps.now() });
    }
    const records = uniqueRecords((await sequential(people, (p) => connector.read(p))).flat());
    return report({ state: 'found', count: records.length, records, at: deps.now() });
  } catch (error) {
    const known = error instanceof SystemCallError;
    return report({
      state: 'failed',
      // Anything else may carry a vendor's words or personal data: not shown, not stored.
      reason: known ? error.message : 'an unexpected error in the connector',
      retryable: known ? error.retryable : true,
      attempts,
      at: deps.now(),
    });
  }
}

async function sequential<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

/** Two people found by the same address may share records (a ticket both are on): count each once. */
function uniqueRecords(records: SystemRecord[]): SystemRecord[] {
  const seen = new Map<string, SystemRecord>();
  for (const record of records) if (!seen.has(record.ref)) seen.set(record.ref, record);
  return [...seen.values()];
}
