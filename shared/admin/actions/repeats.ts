import type { StaffAction } from '../../admin-api.ts';
import { formatUkDate } from '../../dates.ts';
import { ukDate } from '../../deadlines.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import { answeredOn } from '../../requests/duplicates.ts';
import { feeFor } from '../../requests/fee-model.ts';
import { applyAction, isOpen, stepRefusal } from '../../requests/lifecycle.ts';
import { mergeDuplicates } from '../../requests/merge.ts';
import { type StaffContext, staffActor } from '../context.ts';
import { type ActionTable, identityFirst, type Now, type RequestCase } from './case.ts';
import { workflowStep } from './workflow.ts';

type Input<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;
type RepeatAction = Extract<StaffAction, { type: 'merge-duplicate' | 'answer-by-reference' | 'ask-fee' | 'fee-paid' }>;

const otherOf = async (deps: Deps, ctx: StaffContext, c: RequestCase, id: string) => {
  // The other request is looked for in this person's own requests only: no merging across people.
  const other = await deps.requests.get(ctx.tenant.slug, c.request.subjectId, id);
  if (!other) throw new DomainError('not_found', 'That request is not one of this person’s requests.');
  return other;
};

/** Merges a duplicate: both saved together (versions checked), audited, the person told which reference answers. */
async function mergeDuplicate(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'merge-duplicate'>) {
  const other = await otherOf(deps, ctx, c, input.duplicateId);
  const { survivor, merged, effects } = mergeDuplicates(c.request, other, { actor: staffActor(ctx), now: deps.clock.now() });
  const before = (id: string) => (id === c.request.id ? c.request.version : other.version);
  const to = c.subject?.email;
  await deps.requests.updateTogether(
    [
      { request: survivor, expectedVersion: before(survivor.id) },
      { request: merged, expectedVersion: before(merged.id) },
    ],
    {
      ...effects,
      mail: to ? [{ template: 'request-update', to, requestId: merged.id, subjectId: merged.subjectId, event: 'merged' }] : [],
    },
  );
  return { ...c, request: survivor };
}

/**
 * A repeat of a request answered before, nothing changed since: completes it by pointing to the
 * earlier answer, with the reason the person is told (the completion email tells them they may
 * complain, here and to the ICO).
 */
async function answerByReference(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'answer-by-reference'>) {
  const earlier = await otherOf(deps, ctx, c, input.earlierId);
  const on = answeredOn(earlier);
  // Closed as superseded by an erasure, it was never answered: nothing to point to.
  if (earlier.kind !== c.request.kind || earlier.status !== 'completed' || earlier.outcome === 'superseded' || !on)
    throw new DomainError('conflict', 'Point to an earlier request of the same kind that was completed.');
  const message = `You asked for the same thing in request ${earlier.reference}, which we answered on ${formatUkDate(ukDate(on))}. Nothing has changed since, so that answer stands and we have not made it again: ${input.message}`;
  const actor = staffActor(ctx);
  const next = {
    ...applyAction(c.request, { type: 'complete', message }, { tenant: ctx.tenant, actor, now: deps.clock.now() }),
    repeatOf: { id: earlier.id, reference: earlier.reference },
  };
  const to = c.subject?.email;
  await deps.requests.update(next, c.request.version, {
    audit: [
      {
        action: 'request.completed',
        actor,
        subjectId: next.subjectId,
        detail: { requestId: next.id, reference: next.reference, status: next.status, repeatOf: earlier.reference },
      },
    ],
    mail: to ? [{ template: 'request-update', to, requestId: next.id, subjectId: next.subjectId, event: 'completed' }] : [],
  });
  return { ...c, request: next };
}

const whileOpen = (c: RequestCase) =>
  isOpen(c.request.status) ? undefined : `This request is ${c.request.status}: that step is not possible now.`;

/** The table's lines for duplicates, repeats and fees (shared/admin/actions/table.ts spreads them in). */
export const repeatActions: ActionTable<RequestCase, RepeatAction> = {
  'merge-duplicate': { permission: 'act', refusal: whileOpen, run: mergeDuplicate },
  'answer-by-reference': {
    permission: 'act',
    refusal: identityFirst((c: RequestCase, now: Now) => stepRefusal(c.request, 'complete', now)),
    run: answerByReference,
  },
  'ask-fee': {
    permission: 'act',
    refusal: (c: RequestCase, now: Now) => stepRefusal(c.request, 'ask-fee', now),
    run: (deps, ctx, c, { grounds, reason }) =>
      workflowStep(
        deps,
        ctx,
        c,
        { type: 'ask-fee', grounds, reason },
        { grounds, amountPence: feeFor(ctx.tenant, grounds) ?? 0 },
      ),
  },
  'fee-paid': {
    permission: 'act',
    refusal: (c: RequestCase, now: Now) => stepRefusal(c.request, 'fee-paid', now),
    run: (deps, ctx, c, { paidOn, via }) => workflowStep(deps, ctx, c, { type: 'fee-paid', paidOn, via }, { paidOn, via }),
  },
};
