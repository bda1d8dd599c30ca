import type { StaffAction } from '../../admin-api.ts';
import { complaintActions } from '../../complaints/actions.ts';
import { isOpen, stepRefusal } from '../../requests/lifecycle.ts';
import { keepsSearchRecord } from '../../requests/search-record.ts';
import { can } from '../../staff/permissions.ts';
import type { StaffContext } from '../context.ts';
import { authorityRefusal, recordAuthority } from './authority.ts';
import { type ActionTable, identityFirst, type Now, type RequestCase } from './case.ts';
import * as fulfil from './fulfil.ts';
import { assign, note, recordSearch, verifyIdentity } from './internal.ts';
import * as outcomes from './outcomes.ts';
import { repeatActions } from './repeats.ts';
import { correctInSystems, eraseInSystems, resolveSystem, retrySystems, systemRefusals, systemsBlock } from './systems.ts';
import { explainedTitles } from './titles.ts';
import { complete, refuse, start, workflowStep } from './workflow.ts';

/**
 * THE STAFF ACTION TABLE: for each action on a rights request, who may take it (a permission of
 * shared/staff/permissions.ts), in which states (the refusal staff see, or undefined), and what
 * it does. What it needs is its schema in `StaffAction` (shared/admin-api.ts), the form the page
 * sends. The page's list of allowed actions (`allowedActions`), the API's refusal
 * (`takeStaffAction`) and the lifecycle's own rules (`stepRefusal`, also the subject's) are read
 * from here. The order is the order the page offers them in.
 *
 * Adding an action: its schema in `StaffAction`, a line here, and its form on the page.
 */

/** Internal steps (assigning, identity checks) while the request is open. */
const whileOpen = (c: RequestCase) =>
  isOpen(c.request.status) ? undefined : `This request is ${c.request.status}: that step is not possible now.`;
/** A step of the lifecycle: the lifecycle's own rule says when. */
const lifecycle =
  (type: 'start' | 'ask-information' | 'identity-received' | 'extend' | 'refuse' | 'complete') => (c: RequestCase, now: Now) =>
    stepRefusal(c.request, type, now);

/**
 * A rectification that names a record is completed by applying it (or answered "data accurate",
 * or refused): a plain completion would tell the person it was done while the record here still
 * says what it did (found in a user trial).
 */
const namedRecord = ({ request }: RequestCase) =>
  request.kind === 'rectification' && request.details.recordId
    ? 'This request names a record: use “Apply the correction”, which changes it here, says what changed in each connected system and completes the request; or answer that the data is accurate, or refuse.'
    : undefined;

/**
 * An erasure, a restriction or an objection is completed by the step that does it here (and says
 * what was done), or answered another way: a plain "Done as asked" would tell the person their
 * data was erased while every record stayed (found in a user trial).
 */
const doneByItsOwnStep = ({ request }: RequestCase) => {
  const other = 'or refuse.';
  switch (request.kind) {
    case 'erasure':
      return `This is an erasure: use “Carry out the erasure”, which erases the data here, says what was kept and why, and completes the request; or “Answer: nothing held”, ${other}`;
    case 'restriction':
      return `This is a restriction: use “Restrict their data”, which restricts it here and completes the request; or “Answer: nothing held”, ${other}`;
    case 'objection':
      return request.details.processing === 'direct-marketing'
        ? undefined
        : `This is an objection: use “Uphold the objection”, which stops that use and completes the request; or “Objection not upheld”, ${other}`;
    default:
      return undefined;
  }
};

export const requestActions: ActionTable<RequestCase, StaffAction> = {
  assign: { permission: 'act', refusal: whileOpen, run: assign },
  'verify-identity': { permission: 'act', refusal: whileOpen, run: verifyIdentity },
  // Someone acting for the person: their authority and how it was checked (issue 18).
  'record-authority': { permission: 'act', refusal: authorityRefusal, run: recordAuthority },
  'record-search': {
    permission: 'act',
    refusal: (c) =>
      keepsSearchRecord(c.request.kind) ? whileOpen(c) : 'Only access and portability requests keep a search record.',
    run: recordSearch,
  },
  start: { permission: 'act', refusal: lifecycle('start'), run: start },
  'ask-information': {
    permission: 'act',
    refusal: lifecycle('ask-information'),
    run: (deps, ctx, c, { type, message, purpose }) => workflowStep(deps, ctx, c, { type, message, purpose }),
  },
  'identity-received': {
    permission: 'act',
    refusal: lifecycle('identity-received'),
    run: (deps, ctx, c, { type, receivedOn, via, note }) =>
      workflowStep(deps, ctx, c, { type, receivedOn, via, ...(note ? { note } : {}) }, { via, arrivedOn: receivedOn }),
  },
  extend: {
    permission: 'act',
    refusal: lifecycle('extend'),
    run: (deps, ctx, c, { type, months, reason }) => workflowStep(deps, ctx, c, { type, months, reason }),
  },
  'erase-in-systems': { permission: 'act', refusal: identityFirst(systemRefusals.erase), run: eraseInSystems },
  'correct-in-systems': { permission: 'act', refusal: identityFirst(systemRefusals.correct), run: correctInSystems },
  'retry-systems': { permission: 'act', refusal: systemRefusals.retry, run: retrySystems },
  'resolve-system': { permission: 'act', refusal: systemRefusals.resolve, run: resolveSystem },
  'carry-out-erasure': {
    permission: 'act',
    refusal: identityFirst((c, now) => fulfil.fulfilRefusals.erasure(c) ?? systemsBlock(c, now)),
    run: fulfil.carryOutErasure,
  },
  'apply-restriction': {
    permission: 'act',
    refusal: identityFirst((c, now) => fulfil.fulfilRefusals.applyRestriction(c) ?? systemsBlock(c, now)),
    run: fulfil.applyRestriction,
  },
  'uphold-objection': {
    permission: 'act',
    refusal: identityFirst(fulfil.fulfilRefusals.upholdObjection),
    run: fulfil.upholdObjection,
  },
  'notify-restriction-lift': { permission: 'act', refusal: fulfil.fulfilRefusals.notifyLift, run: fulfil.notifyRestrictionLift },
  'lift-restriction': { permission: 'act', refusal: fulfil.fulfilRefusals.lift, run: fulfil.liftRestriction },
  refuse: { permission: 'act', refusal: lifecycle('refuse'), run: refuse },
  complete: {
    permission: 'act',
    refusal: identityFirst(
      (c, now) => stepRefusal(c.request, 'complete', now) ?? namedRecord(c) ?? doneByItsOwnStep(c) ?? systemsBlock(c, now),
    ),
    run: complete,
  },
  // Duplicates, repeats and fees (issue 20): merge, answer by reference, ask for a fee, record it paid.
  ...repeatActions,
  note: { permission: 'act', refusal: () => undefined, run: note },
  // Outcomes beyond done and refused (issue 18).
  'answer-nothing-held': {
    permission: 'act',
    refusal: identityFirst(outcomes.outcomeRefusals.nothingHeld),
    run: outcomes.answerNothingHeld,
  },
  'objection-not-upheld': {
    permission: 'act',
    refusal: identityFirst(outcomes.outcomeRefusals.objectionNotUpheld),
    run: outcomes.objectionNotUpheld,
  },
  'data-accurate': {
    permission: 'act',
    refusal: identityFirst(outcomes.outcomeRefusals.dataAccurate),
    run: outcomes.dataAccurate,
  },
  'apply-rectification': {
    permission: 'act',
    refusal: identityFirst((c, now) => outcomes.outcomeRefusals.applyRectification(c) ?? systemsBlock(c, now)),
    run: outcomes.applyRectification,
  },
};

/**
 * Every staff action, by kind of case and action: rights requests, and complaints (DPA 2018
 * s.164A, their table in shared/complaints/actions.ts, with its own case and actions).
 */
export const staffActions = { request: requestActions, complaint: complaintActions } as const;
export type CaseKind = keyof typeof staffActions;

/**
 * The steps staff look for on an open request, by the title of their form: when one is not
 * offered, the page says why (the rule's own refusal), instead of leaving staff to wonder where
 * "Extend the deadline" went once the first deadline has passed.
 */
const explained = explainedTitles satisfies Partial<Record<StaffAction['type'], string>>;

/** Those of the `explained` steps this member of staff could take but may not now, each with why. */
export function notOffered(ctx: StaffContext, c: RequestCase, today: string): { action: string; why: string }[] {
  if (!isOpen(c.request.status) || !can(ctx.member.role, 'act')) return [];
  const now = { tenant: ctx.tenant, today };
  return Object.entries(explained).flatMap(([type, action]) => {
    const why = requestActions[type as keyof typeof explained].refusal(c, now);
    return why ? [{ action, why }] : [];
  });
}

/** What this member of staff may do to this request now, in the table's order. */
export function allowedActions(ctx: StaffContext, c: RequestCase, today: string): StaffAction['type'][] {
  const now = { tenant: ctx.tenant, today };
  return (Object.keys(requestActions) as StaffAction['type'][]).filter((type) => {
    const rule = requestActions[type];
    return can(ctx.member.role, rule.permission) && rule.refusal(c, now) === undefined;
  });
}
