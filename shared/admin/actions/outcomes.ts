import type { StaffAction } from '../../admin-api.ts';
import { newId } from '../../crypto.ts';
import { planCorrection } from '../../data-tools/correct.ts';
import { formatUkDate } from '../../dates.ts';
import { ukDate } from '../../deadlines.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import { countByCategory } from '../../exports/records.ts';
import { systemsCorrectionLetter } from '../../fulfilment/correct-systems.ts';
import { clockStopped } from '../../requests/clock.ts';
import { isOpen } from '../../requests/lifecycle.ts';
import { describeSearch, type SearchRecord } from '../../requests/search-record.ts';
import { correctionOf } from '../../systems/correction.ts';
import { yourField } from '../../systems/report.ts';
import { type StaffContext, staffActor } from '../context.ts';
import type { RequestCase } from './case.ts';
import { nothingHeldInSystems } from './nothing-held.ts';
import { withSystemSearches, workflowStep } from './workflow.ts';

/**
 * How a request ends beyond "done" and a refusal: nothing held, an objection not upheld, a
 * rectification refused because the data is accurate, or one applied from the request itself.
 * Each completes the request with its own words to the person and its outcome for the reports.
 */

type Input<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;

const notNow = ({ request }: RequestCase) => `This request is ${request.status}: that step is not possible now.`;
// Not while the clock stands still for the person's answer (to confirm who they are, above all: an
// outcome would tell an unconfirmed requester about the data); a question that leaves it running
// (clarificationStopsClock) does not hold an outcome up, since the due date does not wait either.
const open = (c: RequestCase) =>
  isOpen(c.request.status) && !(c.request.status === 'awaiting-information' && clockStopped(c.request));

/** In which states each outcome may be given (see the action table). */
export const outcomeRefusals = {
  nothingHeld: (c: RequestCase) => (open(c) ? undefined : notNow(c)),
  objectionNotUpheld: (c: RequestCase) =>
    open(c) && c.request.kind === 'objection' && c.request.details.processing !== 'direct-marketing' ? undefined : notNow(c),
  dataAccurate: (c: RequestCase) => (open(c) && c.request.kind === 'rectification' ? undefined : notNow(c)),
  applyRectification: (c: RequestCase) => {
    if (!open(c) || c.request.kind !== 'rectification') return notNow(c);
    return c.request.details.recordId
      ? undefined
      : 'This request names no record: correct it on the person’s page, then complete the request.';
  },
};

const nothingToDo: Record<string, string> = {
  access: 'so there is nothing to give you a copy of',
  portability: 'so there is nothing to give you',
  erasure: 'so there is nothing to erase',
  rectification: 'so there is nothing to correct',
  restriction: 'so there is nothing to restrict',
  objection: 'so we do not use any data about you',
  'automated-decision': 'so no decision about you is made from it',
};

/**
 * Nothing held: the centre searches its own records (every category of the policy, the consent
 * ledger included, counted as an export counts them) and records that search. Connected systems
 * are searched by their own run for the request (shared/systems/, the systems worker): while
 * that run has not found nothing everywhere, "nothing held" is refused.
 */
export async function answerNothingHeld(deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'answer-nothing-held'>) {
  const { request } = c;
  const counts = await countByCategory(deps, ctx.tenant, request.subjectId);
  const held = [...counts.values()].reduce((a, b) => a + b, 0);
  if (held > 0) {
    throw new DomainError(
      'conflict',
      `This centre holds ${held} record${held === 1 ? '' : 's'} about this person: answer with what is held.`,
    );
  }
  const run = await deps.systemRuns.get(ctx.tenant.slug, request.subjectId, request.id);
  const systems = nothingHeldInSystems(ctx.tenant, request.kind, run);
  if (systems.refusal) throw new DomainError('conflict', systems.refusal);
  const now = deps.clock.now();
  const search: SearchRecord = {
    id: newId(),
    place: `${ctx.tenant.name} privacy centre: every category of the privacy policy`,
    identity: c.subject?.email ?? '(no address)',
    searchedOn: ukDate(now),
    by: staffActor(ctx),
    automatic: true,
    found: false,
    count: 0,
    note: `${input.note ? `${input.note} ` : ''}${systems.searched}`,
    recordedAt: now.toISOString(),
  };
  const searched = {
    ...c,
    request: {
      ...request,
      searches: [...(request.searches ?? []), search],
      internal: [
        ...(request.internal ?? []),
        { at: now.toISOString(), type: 'search-recorded' as const, actor: staffActor(ctx), message: describeSearch(search) },
      ],
    },
  };
  return workflowStep(
    deps,
    ctx,
    withSystemSearches(deps, ctx, run ? { ...searched, systemRun: run } : searched),
    {
      type: 'complete',
      outcome: 'nothing-held',
      message: `We have searched the records we keep for personal data about you and we hold none, ${nothingToDo[request.kind] ?? 'so there is nothing more to do'}. If you think we should hold something, reply and tell us where you expect it to be.`,
    },
    { searched: [...counts].map(([id, n]) => `${id}:${n}`).join(','), withheld: 'nothing', outcome: 'nothing-held' },
  );
}

export const objectionNotUpheld = (deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'objection-not-upheld'>) =>
  workflowStep(
    deps,
    ctx,
    c,
    {
      type: 'complete',
      outcome: 'objection-not-upheld',
      message: `We have considered your objection to ${String(c.request.details.processingName ?? 'this use of your data')} and we will continue it, because we have compelling legitimate grounds that override your interests, rights and freedoms: ${input.grounds}`,
    },
    { outcome: 'objection-not-upheld' },
  );

export const dataAccurate = (deps: Deps, ctx: StaffContext, c: RequestCase, input: Input<'data-accurate'>) =>
  workflowStep(
    deps,
    ctx,
    c,
    {
      type: 'complete',
      outcome: 'data-accurate',
      message: `We have checked ${String(c.request.details.fieldLabel ?? 'the information')} and believe it is accurate, so we have not changed it: ${input.explanation} You can ask us to add a statement of your own to the record.`,
    },
    { outcome: 'data-accurate' },
  );

/**
 * Applies the change the rectification asks for and completes the request saying what changed,
 * in ONE transaction: the record (guarded by the person's version), its audit event, the request
 * (guarded by its version), the request's audit event and the email. A change to either meanwhile
 * and nothing is written. The email also says where the correction was (and was not) made in
 * each connected system (it is offered to them first, `correct-in-systems`).
 */
export async function applyRectification(deps: Deps, ctx: StaffContext, c: RequestCase) {
  const { details } = c.request;
  const correction = correctionOf(c.request);
  const systemsPart = correction ? systemsCorrectionLetter(ctx.tenant, c.systemRun, correction, formatUkDate) : '';
  if (!c.subject) throw new DomainError('conflict', 'This person’s data has been erased.');
  const field = String(details.field);
  const plan = await planCorrection(deps, ctx, {
    subjectId: c.request.subjectId,
    recordId: String(details.recordId),
    changes: { [field]: String(details.value) },
  });
  const corrected = plan.changed.length > 0;
  return workflowStep(
    deps,
    ctx,
    c,
    {
      type: 'complete',
      message: [
        `We have corrected ${yourField(String(details.fieldLabel ?? details.field))} as you asked: it now reads “${String(plan.updated.data[field] ?? details.value)}”.`,
        systemsPart,
      ]
        .filter(Boolean)
        .join('\n'),
    },
    { outcome: 'done', corrected: field },
    undefined,
    corrected
      ? {
          audit: plan.audit,
          // The person as this case loaded them: a change to their details since, and nothing is written.
          records: [{ subjectId: c.request.subjectId, record: plan.updated, expectedSubjectVersion: c.subject.version }],
        }
      : undefined,
  );
}
