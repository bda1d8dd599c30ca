import type { TenantConfig } from '../policy/schema.ts';
import type { RequestKind } from '../vocabulary.ts';
import type { SystemDeclaration } from './declaration.ts';
import { kindOperations, type Operation } from './kinds.ts';
import type { SystemStep } from './outcome.ts';

/** The operation each kind of request needs in a connected system; absent: none. */
export const operationFor: Partial<Record<RequestKind, Operation>> = {
  access: 'read',
  portability: 'read',
  erasure: 'erase',
  rectification: 'correct',
  restriction: 'suppress',
  objection: 'suppress',
};

/** Whether the declaration lets the centre carry out `operation` there by itself. */
export function runsAutomatically(system: SystemDeclaration, operation: Operation): boolean {
  if (system.kind === 'manual') return false;
  const may = (op: Operation) => system.may.includes(op) && kindOperations[system.kind].includes(op);
  if (!may('find')) return false;
  if (operation === 'erase') return may('erase') || may('anonymise');
  return may(operation);
}

/**
 * Which systems a request goes to, with which identity and which operation. Every declared
 * system is in the plan: one the centre cannot act on by itself becomes a handler's task, so no
 * system is silently left out of a search.
 */
export function planRequest(systems: readonly SystemDeclaration[], kind: RequestKind): SystemStep[] {
  const operation = operationFor[kind];
  if (!operation) return [];
  return systems.map((system) => ({
    systemId: system.id,
    systemName: system.name,
    operation,
    identity: system.identities[0] ?? 'email',
    automatic: runsAutomatically(system, operation),
  }));
}

/** Whether a system holds a category the person provides themselves (what portability covers). */
export const holdsGivenData = (tenant: Pick<TenantConfig, 'categories'>, system: Pick<SystemDeclaration, 'objects'>) =>
  system.objects.some((o) => tenant.categories.some((c) => c.id === o.category && c.providedBySubject));
