import type { StaffAction } from '../../admin-api.ts';
import { formatUkDate } from '../../dates.ts';
import type { Deps } from '../../deps.ts';
import type { Restriction, RightsRequest, Subject } from '../../entities.ts';
import { DomainError } from '../../errors.ts';
import { eraseLoaded, erasureLetter } from '../../fulfilment/erase.ts';
import { forgetWhatSystemsFound, systemsErasureLetter, withSystemsPart } from '../../fulfilment/erase-systems.ts';
import { CONSENT_CATEGORY } from '../../marketing/preferences.ts';
import { replyAddress } from '../../requests/file.ts';
import { isOpen } from '../../requests/lifecycle.ts';
import { saveStep } from '../../requests/save-step.ts';
import { pushEffects } from '../../systems/marketing-push.ts';
import { type StaffContext, staffActor } from '../context.ts';
import type { RequestCase } from './case.ts';
import { closeSuperseded, supersededLine } from './supersede.ts';

/**
 * The work a request asks for, done by the product: erasure, restriction (and telling the subject
 * before lifting it), an upheld objection. Each that answers a request completes it, emailing the
 * subject what was done.
 */

type Input<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;

/** The categories a request covers: '*' for everything, or the ids it names. */
const scopeOf = (r: RightsRequest): '*' | string[] =>
  r.details.scope === 'some' && Array.isArray(r.details.categories) ? r.details.categories : '*';

const restrictionReasons: Record<string, string> = {
  accuracy: 'You contest the accuracy of the data, while we check it.',
  unlawful: 'You say the processing is unlawful and asked us to restrict rather than erase.',
  'legal-claims': 'You need the data kept for a legal claim.',
  objection: 'You objected to the processing, while we weigh your reasons against ours.',
};

const notNow = ({ request }: RequestCase) => `This request is ${request.status}: that step is not possible now.`;
const noRestriction = 'There is no restriction on this person’s data.';
const tellFirst = 'Tell the requester first: the law requires them to be told before a restriction is lifted.';

/** The restriction this request placed, if it is still on. */
const ownRestriction = ({ request, subject }: RequestCase) =>
  request.kind === 'restriction' && subject?.restriction?.requestId === request.id ? subject.restriction : undefined;

/** In which states each of the doing-the-work actions may be taken (see the action table). */
export const fulfilRefusals = {
  erasure: (c: RequestCase) => (isOpen(c.request.status) && c.request.kind === 'erasure' ? undefined : notNow(c)),
  applyRestriction: (c: RequestCase) => {
    if (isOpen(c.request.status) && c.request.kind === 'restriction' && !c.subject?.restriction) return undefined;
    return c.subject?.restriction ? 'Their data is restricted already.' : notNow(c);
  },
  upholdObjection: (c: RequestCase) =>
    isOpen(c.request.status) && c.request.kind === 'objection' && c.request.details.processing !== 'direct-marketing'
      ? undefined
      : notNow(c),
  notifyLift: (c: RequestCase) => {
    const own = ownRestriction(c);
    if (own && !own.liftNoticeAt) return undefined;
    return c.subject?.restriction ? notNow(c) : noRestriction;
  },
  lift: (c: RequestCase) => {
    if (ownRestriction(c)?.liftNoticeAt) return undefined;
    if (c.subject?.restriction && !c.subject.restriction.liftNoticeAt) return tellFirst;
    return c.subject?.restriction ? notNow(c) : noRestriction;
  },
};

/** Completes the request with what was done, emailing the subject (or the address they had). */
async function complete(
  deps: Deps,
  ctx: StaffContext,
  c: RequestCase,
  message: string,
  auditDetail: Record<string, string | number | boolean>,
  to = replyAddress(c.request, c.subject),
): Promise<RequestCase> {
  const action = { type: 'complete', message } as const;
  const request = await saveStep(deps, {
    tenant: ctx.tenant,
    request: c.request,
    to,
    action,
    actor: staffActor(ctx),
    auditDetail,
  });
  return { ...c, request };
}

/** An erasure of single records says which ones the letter is about (the counts below are theirs). */
const singleRecordsLine = (request: RightsRequest) =>
  Array.isArray(request.details.recordNames)
    ? `You asked us to erase these records: ${request.details.recordNames.join('; ')}.`
    : '';

/** Erases as asked (except holds and retention obligations) and sends the letter. */
export async function carryOutErasure(
  deps: Deps,
  ctx: StaffContext,
  c: RequestCase,
  input: Input<'carry-out-erasure'>,
): Promise<RequestCase> {
  const { request } = c;
  // What the connected systems did is read before the erasure takes the person's data from the run.
  const run = await deps.systemRuns.get(ctx.tenant.slug, request.subjectId, request.id);
  // A whole erasure leaves no one to answer their other open requests: staff decide each first.
  const closed = scopeOf(request) === '*' ? await closeSuperseded(deps, ctx, request, input.others ?? []) : [];
  const erasure = await eraseLoaded(deps, {
    tenant: ctx.tenant,
    subjectId: request.subjectId,
    subject: c.subject,
    categories: scopeOf(request),
    ...(Array.isArray(request.details.recordIds) ? { records: request.details.recordIds } : {}),
    actor: staffActor(ctx),
    requestId: request.id,
  });
  const { report } = erasure;
  if (report.whole && report.performed) {
    await forgetWhatSystemsFound(deps, {
      tenant: ctx.tenant.slug,
      subjectId: request.subjectId,
      actor: staffActor(ctx),
      requestId: request.id,
    });
  }
  // Erasure redacted the request (a new version): complete it as saved. The letter goes to the
  // address they had: erasure removes it from everywhere else.
  const redacted = erasure.requests.find((r) => r.id === request.id) ?? request;
  return complete(
    deps,
    ctx,
    { request: redacted, subject: erasure.subject },
    [
      singleRecordsLine(request),
      withSystemsPart(erasureLetter(report, formatUkDate), systemsErasureLetter(ctx.tenant, run, formatUkDate)),
      supersededLine(closed),
    ]
      .filter(Boolean)
      .join('\n'),
    {
      erased: report.erased.reduce((n, e) => n + e.records, 0),
      kept: report.kept.reduce((n, k) => n + k.records, 0),
      keptWhy: report.kept.map((k) => `${k.category}: ${k.reason}`).join(' | ') || 'nothing',
      ...(run ? { systems: run.results.map((r) => `${r.step.systemId}:${r.outcome.state}`).join(',') } : {}),
    },
    replyAddress(request, c.subject),
  );
}

/** Stops using the data as asked (marketing and disclosures are refused). */
export async function applyRestriction(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestCase> {
  const { request } = c;
  const categories = scopeOf(request);
  const restriction: Restriction = {
    categories,
    since: deps.clock.now().toISOString(),
    reason: restrictionReasons[String(request.details.reason)] ?? 'You asked us to.',
    requestId: request.id,
  };
  const detail = { requestId: request.id, categories: categories === '*' ? 'all' : categories.join(',') };
  await deps.subjects.setRestriction({
    tenant: ctx.tenant.slug,
    subjectId: request.subjectId,
    restriction,
    effects: {
      audit: [{ action: 'restriction.applied', actor: staffActor(ctx), subjectId: request.subjectId, detail }],
      // Restricted marketing data is not used: every marketing system is told to stop mailing them.
      ...(categories === '*' || categories.includes(CONSENT_CATEGORY)
        ? pushEffects({
            tenant: ctx.tenant,
            subjectId: request.subjectId,
            scope: { everywhere: true },
            now: restriction.since,
            by: ctx.member.email,
          })
        : {}),
    },
  });
  const what = categories === '*' ? 'all your data' : String(request.details.categoryNames ?? categories.join(', '));
  return complete(
    deps,
    ctx,
    { ...c, subject: c.subject && { ...c.subject, restriction } },
    `We have restricted ${what}: we keep it but do not use it — no marketing, and we disclose it to no one but you — until the restriction is lifted. We will tell you before we lift it.`,
    { restricted: detail.categories },
  );
}

/** The subject whose restriction the action changes: the refusal rules make sure there is one. */
function restricted(c: RequestCase): Subject & { restriction: Restriction } {
  if (!c.subject?.restriction) throw new DomainError('conflict', noRestriction);
  return c.subject as Subject & { restriction: Restriction };
}

/** Before lifting a restriction the subject must be told (Art. 18(3)): emails them why and when. */
export async function notifyRestrictionLift(
  deps: Deps,
  ctx: StaffContext,
  c: RequestCase,
  input: Input<'notify-restriction-lift'>,
): Promise<RequestCase> {
  const subject = restricted(c);
  const requestId = c.request.id;
  const restriction = { ...subject.restriction, liftNoticeAt: deps.clock.now().toISOString() };
  await deps.subjects.setRestriction({
    tenant: ctx.tenant.slug,
    subjectId: subject.id,
    restriction,
    effects: {
      audit: [{ action: 'restriction.lift_notified', actor: staffActor(ctx), subjectId: subject.id, detail: { requestId } }],
      mail: [{ template: 'restriction-lifting', to: subject.email, subjectId: subject.id, requestId, reason: input.reason }],
    },
  });
  return { ...c, subject: { ...subject, restriction } };
}

export async function liftRestriction(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestCase> {
  const { restriction: _lifted, ...subject } = restricted(c);
  if (!_lifted.liftNoticeAt) throw new DomainError('conflict', tellFirst);
  await deps.subjects.setRestriction({
    tenant: ctx.tenant.slug,
    subjectId: subject.id,
    restriction: null,
    effects: {
      audit: [
        { action: 'restriction.lifted', actor: staffActor(ctx), subjectId: subject.id, detail: { requestId: c.request.id } },
      ],
    },
  });
  return { ...c, subject };
}

/** Stops the processing objected to, recorded per purpose. */
export async function upholdObjection(
  deps: Deps,
  ctx: StaffContext,
  c: RequestCase,
  input: Input<'uphold-objection'>,
): Promise<RequestCase> {
  const { request } = c;
  const category = String(request.details.processing ?? '');
  if (!ctx.tenant.categories.some((cat) => cat.id === category)) {
    throw new DomainError('conflict', 'This objection is not to one of the purposes in the policy.');
  }
  const objection = { at: deps.clock.now().toISOString(), requestId: request.id };
  await deps.subjects.addObjection({
    tenant: ctx.tenant.slug,
    subjectId: request.subjectId,
    category,
    objection,
    effects: {
      audit: [
        {
          action: 'objection.upheld',
          actor: staffActor(ctx),
          subjectId: request.subjectId,
          detail: { requestId: request.id, category },
        },
      ],
      // An upheld objection to marketing: every marketing system is told to stop mailing them.
      ...(category === CONSENT_CATEGORY
        ? pushEffects({
            tenant: ctx.tenant,
            subjectId: request.subjectId,
            scope: { everywhere: true },
            now: objection.at,
            by: ctx.member.email,
          })
        : {}),
    },
  });
  const subject = c.subject && { ...c.subject, objections: { ...c.subject.objections, [category]: objection } };
  return complete(deps, ctx, { ...c, subject }, input.message, { objectionUpheld: category });
}
