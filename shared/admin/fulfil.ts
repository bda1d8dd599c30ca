import type { StaffAction } from '../admin-api.ts';
import { formatUkDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { eraseSubject, erasureLetter } from '../fulfilment/erase.ts';
import type { Deps, Restriction, RightsRequest } from '../ports.ts';
import { actOnRequest } from '../requests/act.ts';
import { type StaffContext, staffActor } from './context.ts';

export type FulfilAction = Extract<
  StaffAction,
  { type: 'carry-out-erasure' | 'apply-restriction' | 'notify-restriction-lift' | 'lift-restriction' | 'uphold-objection' }
>;

export const fulfilTypes = new Set<string>([
  'carry-out-erasure',
  'apply-restriction',
  'notify-restriction-lift',
  'lift-restriction',
  'uphold-objection',
]);

/** The categories a request covers: '*' for everything, or the ids it names. */
const scopeOf = (r: RightsRequest): '*' | string[] =>
  r.details.scope === 'some' && Array.isArray(r.details.categories) ? r.details.categories : '*';

const restrictionReasons: Record<string, string> = {
  accuracy: 'You contest the accuracy of the data, while we check it.',
  unlawful: 'You say the processing is unlawful and asked us to restrict rather than erase.',
  'legal-claims': 'You need the data kept for a legal claim.',
  objection: 'You objected to the processing, while we weigh your reasons against ours.',
};

function complete(
  deps: Deps,
  ctx: StaffContext,
  r: RightsRequest,
  message: string,
  auditDetail: Record<string, string | number | boolean>,
  emailTo?: string,
) {
  return actOnRequest(deps, {
    ...(emailTo ? { emailTo } : {}),
    tenant: ctx.tenant,
    subjectId: r.subjectId,
    requestId: r.id,
    action: { type: 'complete', message },
    actor: staffActor(ctx),
    expectedVersion: r.version,
    auditDetail,
  });
}

/**
 * The work a request asks for, done by the product: erasure, restriction (and telling the subject
 * before lifting it), an upheld objection. Each that answers a request completes it, emailing the
 * subject what was done.
 */
export async function fulfil(deps: Deps, ctx: StaffContext, request: RightsRequest, action: FulfilAction): Promise<void> {
  const slug = ctx.tenant.slug;
  const actor = staffActor(ctx);
  switch (action.type) {
    case 'carry-out-erasure': {
      // The letter goes to the address they had: erasure removes it from everywhere else.
      const email = (await deps.subjects.get(slug, request.subjectId))?.email;
      const report = await eraseSubject(deps, {
        tenant: ctx.tenant,
        subjectId: request.subjectId,
        categories: scopeOf(request),
        actor,
        requestId: request.id,
      });
      // Erasure redacted the request (a new version): complete what is stored now.
      const current = (await deps.requests.get(slug, request.subjectId, request.id)) ?? request;
      await complete(
        deps,
        ctx,
        current,
        erasureLetter(report, formatUkDate),
        {
          erased: report.erased.reduce((n, e) => n + e.records, 0),
          kept: report.kept.reduce((n, k) => n + k.records, 0),
          keptWhy: report.kept.map((k) => `${k.category}: ${k.reason}`).join(' | ') || 'nothing',
        },
        email || undefined,
      );
      return;
    }
    case 'apply-restriction': {
      const categories = scopeOf(request);
      const restriction: Restriction = {
        categories,
        since: deps.clock.now().toISOString(),
        reason: restrictionReasons[String(request.details.reason)] ?? 'You asked us to.',
        requestId: request.id,
      };
      await deps.subjects.setRestriction({
        tenant: slug,
        subjectId: request.subjectId,
        restriction,
        effects: {
          audit: [
            {
              action: 'restriction.applied',
              actor,
              subjectId: request.subjectId,
              detail: { requestId: request.id, categories: categories === '*' ? 'all' : categories.join(',') },
            },
          ],
        },
      });
      const what = categories === '*' ? 'all your data' : String(request.details.categoryNames ?? categories.join(', '));
      await complete(
        deps,
        ctx,
        request,
        `We have restricted ${what}: we keep it but do not use it — no marketing, and we disclose it to no one but you — until the restriction is lifted. We will tell you before we lift it.`,
        { restricted: categories === '*' ? 'all' : categories.join(',') },
      );
      return;
    }
    case 'notify-restriction-lift': {
      const subject = await deps.subjects.get(slug, request.subjectId);
      if (!subject?.restriction) throw new DomainError('conflict', 'There is no restriction on this person’s data.');
      await deps.subjects.setRestriction({
        tenant: slug,
        subjectId: subject.id,
        restriction: { ...subject.restriction, liftNoticeAt: deps.clock.now().toISOString() },
        effects: {
          audit: [{ action: 'restriction.lift_notified', actor, subjectId: subject.id, detail: { requestId: request.id } }],
          mail: [
            {
              template: 'restriction-lifting',
              to: subject.email,
              subjectId: subject.id,
              requestId: request.id,
              reason: action.reason,
            },
          ],
        },
      });
      return;
    }
    case 'lift-restriction': {
      const subject = await deps.subjects.get(slug, request.subjectId);
      if (!subject?.restriction) throw new DomainError('conflict', 'There is no restriction on this person’s data.');
      if (!subject.restriction.liftNoticeAt) {
        throw new DomainError(
          'conflict',
          'Tell the requester first: the law requires them to be told before a restriction is lifted.',
        );
      }
      await deps.subjects.setRestriction({
        tenant: slug,
        subjectId: subject.id,
        restriction: null,
        effects: { audit: [{ action: 'restriction.lifted', actor, subjectId: subject.id, detail: { requestId: request.id } }] },
      });
      return;
    }
    case 'uphold-objection': {
      const category = String(request.details.processing ?? '');
      if (!ctx.tenant.categories.some((c) => c.id === category)) {
        throw new DomainError('conflict', 'This objection is not to one of the purposes in the policy.');
      }
      await deps.subjects.addObjection({
        tenant: slug,
        subjectId: request.subjectId,
        category,
        objection: { at: deps.clock.now().toISOString(), requestId: request.id },
        effects: {
          audit: [
            { action: 'objection.upheld', actor, subjectId: request.subjectId, detail: { requestId: request.id, category } },
          ],
        },
      });
      await complete(deps, ctx, request, action.message, { objectionUpheld: category });
      return;
    }
  }
}

/** Which of the doing-the-work actions fit this request now. */
export function fulfilActions(
  request: RightsRequest,
  subject: { restriction?: Restriction } | undefined,
  open: boolean,
): FulfilAction['type'][] {
  const out: FulfilAction['type'][] = [];
  if (open && request.kind === 'erasure') out.push('carry-out-erasure');
  if (open && request.kind === 'restriction' && !subject?.restriction) out.push('apply-restriction');
  if (open && request.kind === 'objection' && request.details.processing !== 'direct-marketing') out.push('uphold-objection');
  if (request.kind === 'restriction' && subject?.restriction?.requestId === request.id) {
    out.push(subject.restriction.liftNoticeAt ? 'lift-restriction' : 'notify-restriction-lift');
  }
  return out;
}

/** Why a doing-the-work action is not possible now, in words staff can act on. */
export function fulfilRefusal(
  action: FulfilAction['type'],
  request: RightsRequest,
  subject: { restriction?: Restriction } | undefined,
): string {
  if (action === 'lift-restriction' && subject?.restriction && !subject.restriction.liftNoticeAt) {
    return 'Tell the requester first: the law requires them to be told before a restriction is lifted.';
  }
  if ((action === 'lift-restriction' || action === 'notify-restriction-lift') && !subject?.restriction) {
    return 'There is no restriction on this person’s data.';
  }
  if (action === 'apply-restriction' && subject?.restriction) return 'Their data is restricted already.';
  return `This request is ${request.status}: that step is not possible now.`;
}
