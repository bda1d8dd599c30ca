import type { Nation } from '../bank-holidays.ts';
import { addDays, daysLeft, nextWorkingDay, ukDate } from '../deadlines.ts';
import type { Actor } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { ComplaintStatus } from '../vocabulary.ts';
import type { Complaint, ComplaintEventType, ComplaintInternalEvent } from './model.ts';

/**
 * DPA 2018 s.164A: acknowledge a complaint within 30 days of receiving it. As the ICO's guidance
 * ("How to deal with data protection complaints", 2026) counts them: the 30 days start the day
 * after it was received, and a last day on a weekend or bank holiday moves to the next working day.
 */
export const ACKNOWLEDGE_WITHIN_DAYS = 30;
export const acknowledgeByFor = (receivedOn: string, nation: Nation) =>
  nextWorkingDay(addDays(receivedOn, ACKNOWLEDGE_WITHIN_DAYS), nation);

export const isOpenComplaint = (status: ComplaintStatus) => status !== 'closed';
/** Still to be acknowledged: the 30-day clock runs. */
export const awaitsAcknowledgement = (c: Complaint) => c.status === 'received';
export const acknowledgementOverdue = (c: Complaint, today: string) =>
  awaitsAcknowledgement(c) && daysLeft(c.acknowledgeBy, today) < 0;

export type ComplaintStep =
  | { type: 'acknowledge'; message?: string }
  | { type: 'ask-information'; message: string }
  | { type: 'provide-information'; message: string }
  | { type: 'close'; outcome: string };

export type ComplaintInternalStep =
  | { type: 'assign'; assignee: string | null }
  | { type: 'note'; text: string }
  | { type: 'record-enquiry'; text: string };

/** Why this step cannot be taken on this complaint now, or undefined when it can. */
export function complaintStepRefusal(
  c: Complaint,
  type: ComplaintStep['type'] | ComplaintInternalStep['type'],
): string | undefined {
  if (!isOpenComplaint(c.status)) return 'This complaint is closed: it cannot change any more.';
  switch (type) {
    case 'acknowledge':
      return c.status === 'received' ? undefined : 'This complaint has been acknowledged already.';
    case 'ask-information':
      return c.status === 'awaiting-information' ? 'We are already waiting for the person to answer.' : undefined;
    case 'provide-information':
      return c.status === 'awaiting-information' ? undefined : 'No information was asked for on this complaint.';
    default:
      return undefined;
  }
}

function required(text: string | undefined, field: string, what: string): string {
  const value = text?.trim() ?? '';
  if (!value)
    throw new DomainError('bad_request', `Please give ${what}.`, { fields: [{ field, message: `Please give ${what}` }] });
  return value;
}

const eventOf: Record<ComplaintStep['type'], ComplaintEventType> = {
  acknowledge: 'acknowledged',
  'ask-information': 'information-requested',
  'provide-information': 'information-provided',
  close: 'closed',
};

/**
 * One step a complaint's person sees: acknowledging it (stops the 30-day clock), asking for more,
 * their answer, closing with an outcome in plain words. Asking for more or closing acknowledges
 * it too, since the person has then heard from us. Returns the changed complaint.
 */
export function applyComplaintStep(c: Complaint, step: ComplaintStep, context: { actor: Actor; now: Date }): Complaint {
  const refusal = complaintStepRefusal(c, step.type);
  if (refusal) throw new DomainError('conflict', refusal);
  const today = ukDate(context.now);
  const next: Complaint = { ...c };
  let message: string | undefined;
  const acknowledge = () => {
    if (!next.acknowledgedOn) next.acknowledgedOn = today;
  };
  switch (step.type) {
    case 'acknowledge':
      message = step.message?.trim() || undefined;
      acknowledge();
      next.status = 'acknowledged';
      break;
    case 'ask-information':
      message = required(step.message, 'message', 'the question for the person');
      acknowledge();
      next.status = 'awaiting-information';
      break;
    case 'provide-information':
      message = required(step.message, 'message', 'your answer');
      next.status = 'acknowledged';
      break;
    case 'close':
      message = required(step.outcome, 'outcome', 'the outcome, in plain words (the person is emailed it)');
      acknowledge();
      next.status = 'closed';
      next.closedOn = today;
      next.outcome = message;
      break;
  }
  next.history = [
    ...c.history,
    {
      at: context.now.toISOString(),
      type: eventOf[step.type],
      status: next.status,
      actor: context.actor,
      ...(message ? { message } : {}),
    },
  ];
  next.version = c.version + 1;
  return next;
}

/** A staff-only step: assignment, a note, an enquiry made. Returns the changed complaint. */
export function applyComplaintInternal(
  c: Complaint,
  step: ComplaintInternalStep,
  context: { actor: Actor; now: Date; assigneeName?: string },
): Complaint {
  const refusal = complaintStepRefusal(c, step.type);
  if (refusal && step.type !== 'note') throw new DomainError('conflict', refusal);
  const at = context.now.toISOString();
  let event: ComplaintInternalEvent;
  const next: Complaint = { ...c, version: c.version + 1 };
  switch (step.type) {
    case 'assign':
      if (step.assignee) next.assignee = step.assignee;
      else delete next.assignee;
      event = {
        at,
        type: 'assigned',
        actor: context.actor,
        message: step.assignee ? (context.assigneeName ?? step.assignee) : 'No one',
      };
      break;
    case 'note':
      event = { at, type: 'note', actor: context.actor, message: required(step.text, 'text', 'the note') };
      break;
    case 'record-enquiry':
      event = {
        at,
        type: 'enquiry',
        actor: context.actor,
        message: required(step.text, 'text', 'what you looked into and found'),
      };
      break;
  }
  next.internal = [...(c.internal ?? []), event];
  return next;
}
