import type { StaffContext } from '../admin/context.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { StaffMember, Subject } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { listStaff } from '../staff/directory.ts';
import { can } from '../staff/permissions.ts';
import type { ComplaintDetailT, ComplaintStaffAction } from './complaint-api.ts';
import type { Complaint } from './model.ts';
import { complaintQueueItem, complaintTimeline } from './view.ts';

/** A complaint as a staff action finds it, loaded once: the complaint and its person. */
export interface ComplaintCase {
  complaint: Complaint;
  subject: Subject | undefined;
}

export async function loadComplaint(
  deps: Deps,
  ctx: StaffContext,
  subjectId: string,
  complaintId: string,
): Promise<ComplaintCase> {
  const [complaint, subject] = await Promise.all([
    deps.complaints.get(ctx.tenant.slug, subjectId, complaintId),
    deps.subjects.get(ctx.tenant.slug, subjectId),
  ]);
  if (!complaint) throw new DomainError('not_found', 'That complaint does not exist in this privacy centre.');
  return { complaint, subject };
}

/** The queue of complaints: open first, unacknowledged by the day they must be acknowledged. */
export async function complaintQueue(deps: Deps, ctx: StaffContext, query: { open?: boolean }) {
  const today = ukDate(deps.clock.now());
  const [all, staff] = await Promise.all([deps.complaints.listForTenant(ctx.tenant.slug), listStaff(deps, ctx.tenant)]);
  const items = all.map((c) => complaintQueueItem(c, today, staff));
  const shown = items
    .filter((i) => query.open === false || i.open)
    .sort(
      (a, b) =>
        Number(b.open) - Number(a.open) ||
        (a.daysLeft ?? 9999) - (b.daysLeft ?? 9999) ||
        a.receivedOn.localeCompare(b.receivedOn),
    );
  return {
    complaints: shown,
    counts: {
      open: items.filter((i) => i.open).length,
      toAcknowledge: items.filter((i) => i.daysLeft !== null).length,
      overdue: items.filter((i) => i.overdue).length,
    },
  };
}

export function describeComplaint(
  ctx: StaffContext,
  today: string,
  c: ComplaintCase,
  staff: StaffMember[],
  actions: ComplaintStaffAction['type'][],
): ComplaintDetailT {
  const { complaint, subject } = c;
  const erased = !subject || Boolean(subject.erasedAt);
  return {
    complaint: {
      ...complaintQueueItem(complaint, today, staff),
      what: complaint.what,
      request: complaint.requestId ? { id: complaint.requestId, reference: complaint.requestReference ?? '' } : null,
      acknowledgedOn: complaint.acknowledgedOn ?? null,
      closedOn: complaint.closedOn ?? null,
      outcome: complaint.outcome ?? null,
      history: complaintTimeline(complaint, staff),
      version: complaint.version,
    },
    person: {
      id: complaint.subjectId,
      email: erased ? '(erased)' : (subject?.email ?? ''),
      name: erased ? '(erased)' : (subject?.email ?? ''),
    },
    actions: can(ctx.member.role, 'act') ? actions : [],
  };
}
