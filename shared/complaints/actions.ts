import type { ActionTable, Now } from '../admin/actions/case.ts';
import { type StaffContext, staffActor } from '../admin/context.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { Actor, AuditEvent } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { listStaff } from '../staff/directory.ts';
import { can, requirePermission } from '../staff/permissions.ts';
import type { ComplaintDetailT, ComplaintStaffAction } from './complaint-api.ts';
import {
  applyComplaintInternal,
  applyComplaintStep,
  type ComplaintInternalStep,
  type ComplaintStep,
  complaintStepRefusal,
} from './lifecycle.ts';
import type { Complaint } from './model.ts';
import { type ComplaintCase, describeComplaint, loadComplaint } from './staff.ts';

type AuditInput = Omit<AuditEvent, 'id' | 'at' | 'tenant'>;

/** Saves a changed complaint with its audit event and, for steps the person sees, their email. */
async function save(deps: Deps, c: ComplaintCase, next: Complaint, actor: Actor, emailed: boolean): Promise<ComplaintCase> {
  const last = next.history.at(-1);
  const internal = next.internal?.at(-1);
  const stepped = next.history.length > c.complaint.history.length;
  const action = stepped && last ? `complaint.${last.type}` : `complaint.${internal?.type ?? 'changed'}`;
  const audit: AuditInput = {
    action,
    actor,
    subjectId: next.subjectId,
    detail: { complaintId: next.id, reference: next.reference, status: next.status },
  };
  const to = c.subject?.erasedAt ? undefined : c.subject?.email;
  await deps.complaints.update(next, c.complaint.version, {
    audit: [audit],
    mail:
      emailed && to && last
        ? [{ template: 'complaint-update', to, subjectId: next.subjectId, complaintId: next.id, event: last.type }]
        : [],
  });
  return { ...c, complaint: next };
}

const step =
  (toStep: (a: ComplaintStaffAction) => ComplaintStep) =>
  (deps: Deps, ctx: StaffContext, c: ComplaintCase, a: ComplaintStaffAction) =>
    save(
      deps,
      c,
      applyComplaintStep(c.complaint, toStep(a), { actor: staffActor(ctx), now: deps.clock.now() }),
      staffActor(ctx),
      true,
    );

const internal =
  (toStep: (a: ComplaintStaffAction) => ComplaintInternalStep) =>
  async (deps: Deps, ctx: StaffContext, c: ComplaintCase, a: ComplaintStaffAction) => {
    const s = toStep(a);
    let assigneeName: string | undefined;
    if (s.type === 'assign' && s.assignee) {
      const member = (await listStaff(deps, ctx.tenant)).find((m) => m.email === s.assignee && can(m.role, 'act'));
      if (!member) throw new DomainError('bad_request', 'Choose a handler or admin of this privacy centre.');
      assigneeName = member.name;
    }
    const next = applyComplaintInternal(c.complaint, s, { actor: staffActor(ctx), now: deps.clock.now(), assigneeName });
    return save(deps, c, next, staffActor(ctx), false);
  };

const when = (type: ComplaintStaffAction['type']) => (c: ComplaintCase, _now: Now) =>
  type === 'note' ? undefined : complaintStepRefusal(c.complaint, type);

/**
 * The complaint actions, in the staff action table's shape (shared/admin/actions/table.ts lists
 * them as the `complaint` kind of case): who may take each, when, and what it does.
 */
export const complaintActions: ActionTable<ComplaintCase, ComplaintStaffAction> = {
  assign: { permission: 'act', refusal: when('assign'), run: internal((a) => a as ComplaintInternalStep) },
  acknowledge: { permission: 'act', refusal: when('acknowledge'), run: step((a) => a as ComplaintStep) },
  'ask-information': { permission: 'act', refusal: when('ask-information'), run: step((a) => a as ComplaintStep) },
  'record-enquiry': { permission: 'act', refusal: when('record-enquiry'), run: internal((a) => a as ComplaintInternalStep) },
  note: { permission: 'act', refusal: when('note'), run: internal((a) => a as ComplaintInternalStep) },
  close: { permission: 'act', refusal: when('close'), run: step((a) => a as ComplaintStep) },
};

const allowed = (c: ComplaintCase, now: Now) =>
  (Object.keys(complaintActions) as ComplaintStaffAction['type'][]).filter(
    (t) => complaintActions[t].refusal(c, now) === undefined,
  );

/** A complaint for staff: an audited read. */
export async function complaintDetail(
  deps: Deps,
  ctx: StaffContext,
  ids: { subjectId: string; complaintId: string },
): Promise<ComplaintDetailT> {
  const c = await loadComplaint(deps, ctx, ids.subjectId, ids.complaintId);
  const today = ukDate(deps.clock.now());
  await deps.audit.commit(ctx.tenant.slug, {
    audit: [
      {
        action: 'complaint.viewed',
        actor: staffActor(ctx),
        subjectId: ids.subjectId,
        detail: { complaintId: ids.complaintId, reference: c.complaint.reference },
      },
    ],
  });
  return describeComplaint(ctx, today, c, await listStaff(deps, ctx.tenant), allowed(c, { tenant: ctx.tenant, today }));
}

/** One staff action on a complaint, as the table says: permission, version seen, state; then audited. */
export async function takeComplaintAction(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; complaintId: string; expectedVersion: number; action: ComplaintStaffAction },
): Promise<ComplaintDetailT> {
  const rule = complaintActions[input.action.type] as ActionTable<ComplaintCase, ComplaintStaffAction>[keyof ActionTable<
    ComplaintCase,
    ComplaintStaffAction
  >];
  await requirePermission(deps, ctx, rule.permission, `complaint.${input.action.type}`);
  const c = await loadComplaint(deps, ctx, input.subjectId, input.complaintId);
  if (c.complaint.version !== input.expectedVersion) {
    throw new DomainError('conflict', 'This complaint was changed meanwhile. Please look at it again.');
  }
  const today = ukDate(deps.clock.now());
  const now = { tenant: ctx.tenant, today };
  const refusal = rule.refusal(c, now);
  if (refusal) throw new DomainError('conflict', refusal);
  const saved = await (
    rule.run as (d: Deps, x: StaffContext, k: ComplaintCase, a: ComplaintStaffAction) => Promise<ComplaintCase>
  )(deps, ctx, c, input.action);
  return describeComplaint(ctx, today, saved, await listStaff(deps, ctx.tenant), allowed(saved, now));
}

/** The person's answer to our question about their complaint (theirs only: the key is theirs). */
export async function answerComplaint(
  deps: Deps,
  input: { tenantSlug: string; subjectId: string; complaintId: string; message: string },
): Promise<Complaint> {
  const [complaint, subject] = await Promise.all([
    deps.complaints.get(input.tenantSlug, input.subjectId, input.complaintId),
    deps.subjects.get(input.tenantSlug, input.subjectId),
  ]);
  if (!complaint) throw new DomainError('not_found', 'That complaint does not exist.');
  const actor: Actor = { type: 'subject', id: input.subjectId };
  const next = applyComplaintStep(
    complaint,
    { type: 'provide-information', message: input.message },
    { actor, now: deps.clock.now() },
  );
  const saved = await save(deps, { complaint, subject }, next, actor, false);
  return saved.complaint;
}
