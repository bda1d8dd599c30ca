import { formatUkDate } from '../dates.ts';
import { daysLeft } from '../deadlines.ts';
import type { RequestEventType, RightsRequest } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { InformationPurpose } from '../vocabulary.ts';
import { clockStopped, dueOnFor, waitingForIdentity } from './clock.ts';
import { clockNote } from './clock-note.ts';
import { feeGroundsText, pounds, waitingForFee } from './fee-model.ts';
import { requestKindInfo, requestStatusText } from './kinds.ts';
import { answeredIdentityInWords, isOpen } from './lifecycle.ts';

const eventText: Record<RequestEventType, string> = {
  received: 'We received your request.',
  started: 'We started working on your request.',
  'information-requested': 'We asked you for information. The time limit is paused until you answer.',
  'information-provided': 'You answered. The time limit runs again.',
  extended: 'We extended the time limit.',
  completed: 'We completed your request.',
  refused: 'We refused your request.',
  withdrawn: 'The request was withdrawn.',
  'fee-requested': 'We asked for a fee. The time limit starts when it is paid.',
  'fee-paid': 'We received the fee. The time limit counts from that day.',
  'fee-unpaid': 'The fee was not paid in time, so we closed the request.',
  merged: 'This request was joined with your other request for the same thing: we answer both together.',
  added: 'You added to your request.',
};

const historyText = (h: RightsRequest['history'][number]) => {
  if (h.type === 'information-requested' && h.purpose === 'identity') {
    return 'We asked you for information to confirm your identity. The time limit starts again from the day it arrives.';
  }
  if (h.clockRunning) {
    return h.type === 'information-requested'
      ? 'We asked you for information. The time limit keeps running while we wait for your answer.'
      : 'You answered.';
  }
  if (h.type === 'information-provided' && h.purpose === 'identity') {
    // Their own answer may only say the proof is on its way: say what happened, not that we have it.
    return h.actor.type === 'subject'
      ? 'You answered our request to confirm your identity. The time limit counts from that day, or from the day what we asked for reaches us if it comes another way.'
      : 'The information to confirm your identity reached us. The time limit counts from that day.';
  }
  return eventText[h.type];
};

/** What the question waiting for an answer does to the time limit. */
/** Once the time limit has passed (a late clarification of a request other than access), it says so instead of promising a past date. */
const questionNote = (asked: RightsRequest['history'][number] | undefined, dueOn: string, today: string) =>
  asked?.purpose === 'identity'
    ? 'The one-month time limit counts again from the day we have your answer.'
    : asked?.clockRunning
      ? today > dueOn
        ? `The time limit keeps running while we wait for your answer. Our response was due by ${formatUkDate(dueOn)}: it is late, and we will respond as soon as we can.`
        : `The time limit keeps running while we wait for your answer: we will respond by ${formatUkDate(dueOn)} at the latest.`
      : 'The time limit is paused until you answer. It runs again from the day we have your answer.';

/** What a stopped clock waits for (an answer, or a fee), and the due date if it came today. */
const waitingWords = (r: RightsRequest, dueOn: string) => {
  const due = formatUkDate(dueOn);
  if (waitingForFee(r.clock))
    return `Waiting for the fee: the time limit starts when it is paid (due by ${due} if it is paid today)`;
  const what = waitingForIdentity(r.clock) ? 'Waiting for your answer' : 'The time limit is paused until you answer';
  return `${what} (due by ${due} if you answer today)`;
};

export interface RequestView {
  id: string;
  reference: string;
  kind: RightsRequest['kind'];
  kindName: string;
  status: RightsRequest['status'];
  statusText: string;
  open: boolean;
  receivedOn: string;
  /** Live: while the clock stands still, it moves on day by day. */
  dueOn: string;
  daysLeft: number;
  paused: boolean;
  extensionReason?: string;
  /** The question we are waiting for an answer to. */
  question?: string;
  /** What the question is for: identity restarts the month once answered (Art. 12A), clarification pauses it. */
  questionPurpose?: InformationPurpose;
  /** What the question does to the time limit, in words: stops it, restarts it, or leaves it running. */
  questionNote?: string;
  /** While the clock stands still: what we wait for, and the date if it came today. */
  waiting?: string;
  /** Which rule sets the due date and why it is what it is, in plain words. */
  clockNote: string;
  /** Our response, once completed or refused. */
  outcome?: string;
  details: RightsRequest['details'];
  /** A fee asked for: how much, why, how and by when to pay, and when it was paid. */
  fee?: { amount: string; grounds: string; reason: string; payBy: string; howToPay: string; basis: string; paidOn?: string };
  /** Joined to the person's earlier request for the same thing, which answers both. */
  mergedInto?: { id: string; reference: string };
  /** Answered by pointing to their earlier answer to the same thing: no new answer was made. */
  repeatOf?: { id: string; reference: string };
  history: { at: string; type: RequestEventType; text: string; message?: string; purpose?: InformationPurpose; byYou: boolean }[];
}

/** A request as its subject sees it: their words and ours, never staff identities. */
export function requestView(tenant: TenantConfig, r: RightsRequest, today: string): RequestView {
  const dueOn = isOpen(r.status) ? dueOnFor(tenant, r.receivedOn, r.clock, today) : r.dueOn;
  const last = (type: RequestEventType) => [...r.history].reverse().find((h) => h.type === type);
  const stopped = clockStopped(r);
  const asked = r.status === 'awaiting-information' ? last('information-requested') : undefined;
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    kindName: requestKindInfo[r.kind].name,
    status: r.status,
    statusText: requestStatusText[r.status],
    open: isOpen(r.status),
    receivedOn: r.receivedOn,
    dueOn,
    daysLeft: daysLeft(dueOn, today),
    paused: stopped,
    ...(stopped ? { waiting: waitingWords(r, dueOn) } : {}),
    ...(r.clock.extensionReason ? { extensionReason: r.clock.extensionReason } : {}),
    ...(r.status === 'awaiting-information'
      ? {
          question: asked?.message,
          questionPurpose: asked?.purpose ?? 'clarification',
          questionNote: questionNote(asked, dueOn, today),
        }
      : {}),
    clockNote: clockNote(
      tenant,
      { receivedOn: r.receivedOn, clock: r.clock, open: isOpen(r.status), dueOn, identityInWords: answeredIdentityInWords(r) },
      today,
      'subject',
    ),
    ...(r.status === 'completed' || r.status === 'refused' || r.status === 'fee-unpaid'
      ? { outcome: last(r.status === 'fee-unpaid' ? 'fee-unpaid' : r.status)?.message }
      : {}),
    details: r.details,
    ...(r.onBehalf
      ? { actingFor: { name: r.onBehalf.name, capacity: r.onBehalf.capacity, checked: Boolean(r.onBehalf.checked) } }
      : {}),
    ...(r.clock.fee
      ? {
          fee: {
            amount: pounds(r.clock.fee.amountPence),
            grounds: feeGroundsText[r.clock.fee.grounds],
            reason: r.clock.fee.reason,
            payBy: r.clock.fee.payBy,
            howToPay: tenant.fees?.howToPay ?? `Contact ${tenant.contact.email}.`,
            basis: tenant.fees?.basis ?? '',
            ...(r.clock.fee.paidOn ? { paidOn: r.clock.fee.paidOn } : {}),
          },
        }
      : {}),
    ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
    ...(r.repeatOf ? { repeatOf: r.repeatOf } : {}),
    history: r.history.map((h) => ({
      at: h.at,
      type: h.type,
      text: historyText(h),
      ...(h.message ? { message: h.message } : {}),
      ...(h.purpose ? { purpose: h.purpose } : {}),
      byYou: h.actor.type === 'subject',
    })),
  };
}
