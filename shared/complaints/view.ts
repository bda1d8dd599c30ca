import { formatUkDate } from '../dates.ts';
import { daysLeft } from '../deadlines.ts';
import type { Actor, StaffMember } from '../entities.ts';
import type { ComplaintAbout, ComplaintStatus } from '../vocabulary.ts';
import type * as api from './complaint-api.ts';
import { acknowledgementOverdue, awaitsAcknowledgement, isOpenComplaint } from './lifecycle.ts';
import type { Complaint, ComplaintEventType } from './model.ts';

export const complaintAboutText: Record<ComplaintAbout, string> = {
  'request-handling': 'How a request was handled',
  'data-use': 'How personal data is used',
};

export const complaintStatusText: Record<ComplaintStatus, string> = {
  received: 'Received',
  acknowledged: 'Acknowledged: we are looking into it',
  'awaiting-information': 'Waiting for information from you',
  closed: 'Closed: outcome given',
};

const eventText: Record<ComplaintEventType, string> = {
  received: 'We received your complaint.',
  acknowledged: 'We acknowledged your complaint and are looking into it.',
  'information-requested': 'We asked you for more information.',
  'information-provided': 'You sent more information.',
  closed: 'We closed your complaint and told you the outcome.',
};

/** A complaint as its person sees it: their words and ours, never staff identities or enquiries. */
export function complaintView(c: Complaint): api.ComplaintViewT {
  const last = (type: ComplaintEventType) => [...c.history].reverse().find((h) => h.type === type);
  return {
    id: c.id,
    reference: c.reference,
    about: c.about,
    aboutText: complaintAboutText[c.about],
    what: c.what,
    ...(c.requestReference ? { requestReference: c.requestReference } : {}),
    status: c.status,
    statusText: complaintStatusText[c.status],
    open: isOpenComplaint(c.status),
    receivedOn: c.receivedOn,
    ...(c.acknowledgedOn ? { acknowledgedOn: c.acknowledgedOn } : {}),
    ...(c.status === 'awaiting-information' ? { question: last('information-requested')?.message } : {}),
    ...(c.outcome ? { outcome: c.outcome } : {}),
    history: c.history.map((h) => ({
      at: h.at,
      type: h.type,
      text: eventText[h.type],
      ...(h.message ? { message: h.message } : {}),
      byYou: h.actor.type === 'subject',
    })),
  };
}

export function actorName(actor: Actor, staff: StaffMember[]): string {
  if (actor.type === 'subject') return 'the person';
  if (actor.type === 'staff') return staff.find((s) => s.email === actor.id)?.name ?? actor.id;
  return 'the system';
}

/** Statuses as staff read them: about the person, not in the centre's voice to them ("we are looking into it"). */
const staffStatusText: Record<ComplaintStatus, string> = {
  ...complaintStatusText,
  acknowledged: 'Acknowledged, open until an outcome is given',
  'awaiting-information': 'Waiting for information from the person',
};

/** One line of the staff queue: overdue while unacknowledged past the 30 days. */
export function complaintQueueItem(c: Complaint, today: string, staff: StaffMember[]): api.ComplaintQueueItemT {
  const assignee = c.assignee ? { email: c.assignee, name: staff.find((s) => s.email === c.assignee)?.name ?? c.assignee } : null;
  return {
    id: c.id,
    subjectId: c.subjectId,
    reference: c.reference,
    aboutText: complaintAboutText[c.about],
    status: c.status,
    statusText: staffStatusText[c.status],
    open: isOpenComplaint(c.status),
    receivedOn: c.receivedOn,
    receivedVia: c.receivedVia,
    acknowledgeBy: c.acknowledgeBy,
    daysLeft: awaitsAcknowledgement(c) ? daysLeft(c.acknowledgeBy, today) : null,
    overdue: acknowledgementOverdue(c, today),
    assignee,
  };
}

const internalText = { logged: 'Logged by staff', assigned: 'Assigned', note: 'Internal note', enquiry: 'Enquiry made' } as const;
const staffEventText: Record<ComplaintEventType, string> = {
  received: 'Complaint received',
  acknowledged: 'Acknowledged (the person was emailed)',
  'information-requested': 'More information asked of the person',
  'information-provided': 'The person answered',
  closed: 'Closed with an outcome (the person was emailed)',
};

/** The merged timeline for staff: what the person sees, and the internal steps they never see. */
export function complaintTimeline(c: Complaint, staff: StaffMember[]): api.ComplaintDetailT['complaint']['history'] {
  return [
    ...c.history.map((h) => ({
      at: h.at,
      type: h.type,
      // A late acknowledgement says so where staff look, as the evidence pack does.
      text:
        h.type === 'acknowledged' && c.acknowledgedOn && c.acknowledgedOn > c.acknowledgeBy
          ? `Acknowledged late, after the 30 days (due by ${formatUkDate(c.acknowledgeBy)}; the person was emailed)`
          : staffEventText[h.type],
      by: actorName(h.actor, staff),
      ...(h.message ? { message: h.message } : {}),
      internal: false,
    })),
    ...(c.internal ?? []).map((h) => ({
      at: h.at,
      type: h.type,
      text: internalText[h.type],
      by: actorName(h.actor, staff),
      ...(h.message ? { message: h.message } : {}),
      internal: true,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}
