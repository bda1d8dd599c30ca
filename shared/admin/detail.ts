import type { RequestDetail } from '../admin-api.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { Actor, DataRecord, InternalEventType, RequestEventType, RightsRequest, StaffMember } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { firstDeadlineFor } from '../requests/clock.ts';
import { clockNote } from '../requests/clock-note.ts';
import { newestFirst, requestRef } from '../requests/kinds.ts';
import { answeredIdentityInWords, isOpen } from '../requests/lifecycle.ts';
import { listStaff } from '../staff/directory.ts';
import type { RequestCase } from './actions/case.ts';
import { systemsBlock } from './actions/systems.ts';
import { allowedActions, notOffered } from './actions/table.ts';
import { auditStaffRead, type StaffContext } from './context.ts';
import { queueItem } from './queue.ts';
import { relatedRequests } from './related.ts';
import { correctionView, systemsView } from './systems-view.ts';

const publicText: Record<RequestEventType, string> = {
  received: 'Request received',
  started: 'Work started',
  'information-requested': 'Information asked of the requester (clock paused)',
  'information-provided': 'The requester answered (clock running again)',
  extended: 'Deadline extended',
  completed: 'Completed',
  refused: 'Refused',
  withdrawn: 'Withdrawn by the requester',
  'fee-requested': 'Fee asked for (clock stopped until paid, Art. 12A)',
  'fee-paid': 'Fee recorded as paid (the month counts from that day, Art. 12A)',
  'fee-unpaid': 'Closed: the fee was not paid in time',
  merged: 'Merged with a duplicate',
  added: 'The requester added to the request',
};

const internalText: Record<InternalEventType, string> = {
  assigned: 'Assigned',
  'identity-verified': 'Identity verified',
  note: 'Internal note',
  logged: 'Logged by staff',
  viewed: 'Viewed',
  'search-recorded': 'Search recorded',
  'authority-checked': 'Authority of the person acting checked',
  merged: 'Merged',
};

export function actorName(actor: Actor, staff: StaffMember[]): string {
  if (actor.type === 'subject') return 'the requester';
  if (actor.type === 'staff') return staff.find((s) => s.email === actor.id)?.name ?? actor.id;
  return actor.type === 'system' ? 'the system' : 'someone not signed in';
}

/** A step of the request's own history in staff's words: what it did to the clock, where it did something. */
function staffEventText(h: RightsRequest['history'][number]): string {
  const asked = h.type === 'information-requested';
  if (h.clockRunning) {
    return asked
      ? 'Information asked of the requester (the clock keeps running: only an access request’s clarification stops it)'
      : 'The requester answered';
  }
  if (h.purpose !== 'identity') return publicText[h.type];
  if (asked) return 'Identity information asked of the requester (the month restarts when it arrives)';
  return h.actor.type === 'staff'
    ? 'Identity information received, recorded by staff (the month counts from the day it arrived)'
    : // Their answer may only say the proof is on its way: it is not called the information.
      'The requester answered the identity question (the month counts from that day until an arrival is recorded)';
}

/** The merged timeline: what the subject sees, and the internal steps they never see. */
export function timeline(r: RightsRequest, staff: StaffMember[]): RequestDetail['request']['history'] {
  const entries = [
    ...r.history.map((h) => ({
      at: h.at,
      type: h.type,
      text: staffEventText(h),
      status: h.status,
      by: actorName(h.actor, staff),
      ...(h.message ? { message: h.message } : {}),
      internal: false,
    })),
    ...(r.internal ?? []).map((h) => ({
      at: h.at,
      type: h.type,
      text: internalText[h.type],
      status: '',
      by: actorName(h.actor, staff),
      ...(h.message ? { message: h.message } : {}),
      internal: true,
    })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

export async function loadRequest(deps: Deps, ctx: StaffContext, subjectId: string, requestId: string): Promise<RightsRequest> {
  const request = await deps.requests.get(ctx.tenant.slug, subjectId, requestId);
  if (!request) throw new DomainError('not_found', 'That request does not exist in this privacy centre.');
  return request;
}

/**
 * A request with its subject and their data, for staff. Reading it is an audited read of the
 * subject's personal data (unless the caller has just audited an action on it).
 */
export async function requestDetail(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string; audit: boolean },
): Promise<RequestDetail> {
  const slug = ctx.tenant.slug;
  const [request, subject, records, all, staff, systemRun] = await Promise.all([
    loadRequest(deps, ctx, input.subjectId, input.requestId),
    deps.subjects.get(slug, input.subjectId),
    deps.subjects.listRecords(slug, input.subjectId),
    deps.requests.listForSubject(slug, input.subjectId),
    listStaff(deps, ctx.tenant),
    deps.systemRuns.get(slug, input.subjectId, input.requestId),
  ]);
  if (input.audit) {
    await auditStaffRead(deps, ctx, {
      action: 'staff.viewed_request',
      subjectId: request.subjectId,
      detail: { requestId: request.id, reference: request.reference, recordsShown: records.length },
    });
  }
  return describe(ctx, ukDate(deps.clock.now()), { request, subject, systemRun, records, all, staff });
}

/** The detail of a case an action has just saved (and audited): its request and subject as they are now. */
export async function detailOfCase(deps: Deps, ctx: StaffContext, c: RequestCase): Promise<RequestDetail> {
  const { slug } = ctx.tenant;
  const [records, all, staff] = await Promise.all([
    deps.subjects.listRecords(slug, c.request.subjectId),
    deps.requests.listForSubject(slug, c.request.subjectId),
    listStaff(deps, ctx.tenant),
  ]);
  return describe(ctx, ukDate(deps.clock.now()), { ...c, records, all, staff });
}

function describe(
  ctx: StaffContext,
  today: string,
  {
    request,
    subject,
    systemRun,
    records,
    all,
    staff,
  }: RequestCase & { records: DataRecord[]; all: RightsRequest[]; staff: StaffMember[] },
): RequestDetail {
  const c: RequestCase = { request, subject, ...(systemRun ? { systemRun } : {}) };
  const nameOf = (email: string) => actorName({ type: 'staff', id: email }, staff);
  const item = queueItem(ctx, request, today, staff);
  const identity = records.find((r) => r.category === 'identity');
  const erased = !subject || Boolean(subject.erasedAt);
  const name = erased
    ? '(erased)'
    : [identity?.data.firstName, identity?.data.lastName].filter(Boolean).join(' ') || (subject?.email ?? '');
  return {
    request: {
      ...item,
      extensionMonths: request.clock.extensionMonths,
      ...(request.clock.extensionReason ? { extensionReason: request.clock.extensionReason } : {}),
      pausedDays: request.clock.pausedDays,
      firstDeadline: firstDeadlineFor(ctx.tenant, request.receivedOn, request.clock, today),
      clockNote: clockNote(
        ctx.tenant,
        {
          receivedOn: request.receivedOn,
          clock: request.clock,
          open: item.open,
          dueOn: item.dueOn,
          identityInWords: answeredIdentityInWords(request),
        },
        today,
        'staff',
      ),
      details: request.details,
      identity: request.identity
        ? { ...request.identity, by: actorName({ type: 'staff', id: request.identity.by }, staff) }
        : null,
      history: timeline(request, staff),
      onBehalf: request.onBehalf
        ? {
            ...request.onBehalf,
            ...(request.onBehalf.checkedBy
              ? { checkedBy: actorName({ type: 'staff', id: request.onBehalf.checkedBy }, staff) }
              : {}),
          }
        : null,
      outcome: request.outcome ?? (request.status === 'refused' ? 'refused' : request.status === 'completed' ? 'done' : null),
      searches: (request.searches ?? []).map(({ id: _id, recordedAt: _at, by, ...s }) => ({ ...s, by: actorName(by, staff) })),
      version: request.version,
    },
    subject: {
      id: request.subjectId,
      email: erased ? '(erased)' : (subject?.email ?? ''),
      name,
      // Recorded only as a requester and holding nothing: no relationship to show, rather than one dated the day it was logged.
      relationship: subject && !(subject.requesterOnly && records.length === 0) ? subject.relationship : null,
      erased,
      restriction: subject?.restriction
        ? {
            categories: subject.restriction.categories,
            since: subject.restriction.since,
            reason: subject.restriction.reason,
            ...(subject.restriction.liftNoticeAt ? { liftNoticeAt: subject.restriction.liftNoticeAt } : {}),
          }
        : null,
      objections: Object.keys(subject?.objections ?? {}),
      categories: ctx.tenant.categories.map((c) => ({
        id: c.id,
        name: c.name,
        fields: c.fields.map((f) => ({ id: f.id, label: f.label })),
        records: records
          .filter((r) => r.category === c.id)
          .sort((a, b) => b.recordedOn.localeCompare(a.recordedOn))
          .map((r) => ({ id: r.id, recordedOn: r.recordedOn, data: r.data })),
      })),
      otherRequests: newestFirst(all.filter((r) => r.id !== request.id)).map(requestRef),
    },
    systems: systemsView(
      systemRun,
      isOpen(request.status) ? systemsBlock(c, { tenant: ctx.tenant, today }) : undefined,
      nameOf,
      correctionView(ctx.tenant, request, systemRun),
    ),
    actions: allowedActions(ctx, c, today),
    notOffered: notOffered(ctx, c, today),
    related: relatedRequests(ctx.tenant, request, all, today),
    staff: staff.filter((s) => s.role !== 'viewer').map((s) => ({ email: s.email, name: s.name })),
  };
}
