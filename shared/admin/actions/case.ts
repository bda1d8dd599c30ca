import type { Deps } from '../../deps.ts';
import type { RightsRequest, Subject } from '../../entities.ts';
import type { TenantConfig } from '../../policy/schema.ts';
import { IDENTITY_FIRST, identityUnconfirmed } from '../../requests/lifecycle.ts';
import type { Permission } from '../../staff/permissions.ts';
import type { SystemRun } from '../../systems/ports.ts';
import type { StaffContext } from '../context.ts';

/** A rights request as a staff action finds it, loaded once: the request and its subject (gone after erasure). */
export interface RequestCase {
  request: RightsRequest;
  subject: Subject | undefined;
  /** The request's run through the connected systems, when it has one. */
  systemRun?: SystemRun;
}

/** What the state rules need beyond the case: the centre (its nation's calendar) and today's UK date. */
export interface Now {
  tenant: TenantConfig;
  today: string;
}

/** One staff action: who may take it, in which states, and what it does. */
export interface ActionRule<Case, Input> {
  /** Who may take it. */
  permission: Permission;
  /** In which states: why not now (in words staff can act on), or undefined when it may be taken. */
  refusal(c: Case, now: Now): string | undefined;
  /** What it does: saves the change with its audit event (and email), and returns the case as saved. */
  run(deps: Deps, ctx: StaffContext, c: Case, input: Input): Promise<Case>;
}

/** A table of actions on one kind of case, keyed by action type; every type of `Action` has its rule. */
export type ActionTable<Case, Action extends { type: string }> = {
  [T in Action['type']]: ActionRule<Case, Extract<Action, { type: T }>>;
};

/** What acts on the person's data or answers them waits for the identity check staff asked for (`identityUnconfirmed`). */
export const identityFirst =
  <C extends RequestCase>(refusal: (c: C, now: Now) => string | undefined) =>
  (c: C, now: Now) =>
    identityUnconfirmed(c.request) ? IDENTITY_FIRST : refusal(c, now);
