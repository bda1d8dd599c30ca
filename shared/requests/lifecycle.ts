import { formatUkDate } from '../dates.ts';
import { canExtend, daysBetween, ukDate } from '../deadlines.ts';
import type { Actor, RequestClock, RequestEventType, RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { IdentityArrivedVia, InformationPurpose, RequestOutcome, RequestStatus } from '../vocabulary.ts';
import { clarificationStopsClock, clockFrom, clockStopped, dueOnFor, waitingForIdentity } from './clock.ts';
import { askFee, askFeeRefusal, type FeeGrounds, type FeePaidVia, feePaid, feeUnpaidMessage } from './fee-model.ts';

export const openStatuses: readonly RequestStatus[] = [
  'received',
  'in-progress',
  'awaiting-information',
  'extended',
  'awaiting-fee',
];
export const isOpen = (status: RequestStatus) => openStatuses.includes(status);

export type RequestAction =
  | { type: 'start' }
  | { type: 'ask-information'; message: string; purpose?: InformationPurpose }
  | { type: 'provide-information'; message: string }
  /** Staff record identity information that arrived another way (post, email, in person, phone), on the day it arrived. */
  | { type: 'identity-received'; receivedOn: string; via: IdentityArrivedVia; note?: string }
  | { type: 'extend'; months: 1 | 2; reason: string }
  /** How it ended (absent: done); each outcome has its own words to the person and line in the reports. */
  | { type: 'complete'; message: string; outcome?: Exclude<RequestOutcome, 'refused'> }
  | { type: 'refuse'; reason: string }
  | { type: 'withdraw'; message?: string }
  /** A fee where the law allows one (Art. 15(3), 12(5)): the clock stops until it is paid. */
  | { type: 'ask-fee'; grounds: FeeGrounds; reason: string }
  /** Staff record the fee paid, on the day it arrived: the month counts from that day (Art. 12A). */
  | { type: 'fee-paid'; paidOn: string; via: FeePaidVia }
  /** Not paid within the tenant's period: the request closes (the fee sweep). */
  | { type: 'fee-unpaid' }
  /** The person adds to their open request instead of filing it again. */
  | { type: 'add'; message: string };

const eventOf: Record<RequestAction['type'], RequestEventType> = {
  start: 'started',
  'ask-information': 'information-requested',
  'provide-information': 'information-provided',
  'identity-received': 'information-provided',
  extend: 'extended',
  complete: 'completed',
  refuse: 'refused',
  withdraw: 'withdrawn',
  'ask-fee': 'fee-requested',
  'fee-paid': 'fee-paid',
  'fee-unpaid': 'fee-unpaid',
  add: 'added',
};

function refuse(message: string): never {
  throw new DomainError('conflict', message);
}

function required(text: string | undefined, what: string): string {
  const value = text?.trim() ?? '';
  if (!value)
    throw new DomainError('bad_request', `Please give ${what}.`, {
      fields: [{ field: 'message', message: `Please give ${what}` }],
    });
  return value;
}

const arrivedVia: Record<IdentityArrivedVia, string> = {
  post: 'by post',
  email: 'by email',
  'in-person': 'in person',
  phone: 'by phone',
};

const badArrival = (message: string): never => {
  throw new DomainError('bad_request', `${message}.`, { fields: [{ field: 'receivedOn', message }] });
};

/** The day identity information arrived can be neither in the future nor before the request or the ask. */
function arrivalRefusal(on: string, days: { filedOn: string; askedOn: string; today: string }) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) badArrival('Give the day the information arrived');
  if (on > days.today) badArrival('The day it arrived cannot be in the future');
  if (on < days.filedOn) badArrival(`It cannot have arrived before the request was received (${formatUkDate(days.filedOn)})`);
  if (on < days.askedOn) badArrival(`It cannot have arrived before we asked for it (${formatUkDate(days.askedOn)})`);
}

const tooLong = 'A request can be extended by at most two further months in all.';

/**
 * The person answered our request to confirm who they are on their request page, and staff have
 * not recorded since when the proof arrived. A typed answer may be the proof (a date of birth, an
 * account number) or only say it is on its way ("I have posted my council tax bill", found in a
 * user trial): staff may then record the day it really arrived, and the month counts from that day.
 */
export function answeredIdentityInWords(request: RightsRequest): boolean {
  const last = [...request.history].reverse().find((h) => h.type === 'information-provided' && h.purpose === 'identity');
  return last?.actor.type === 'subject' && request.clock.identityReceivedOn !== undefined;
}

/**
 * Staff asked the requester to confirm who they are and have recorded no identity check since. An
 * answer, or proof arriving, is not yet staff being satisfied: until the check is recorded nothing
 * is done that acts on the person's data or answers them (the staff action table and exports read
 * this); the request may still be refused, for instance because it could not be confirmed.
 */
export function identityUnconfirmed(request: RightsRequest): boolean {
  const asked = [...request.history].reverse().find((h) => h.type === 'information-requested' && h.purpose === 'identity');
  return asked !== undefined && !(request.identity && request.identity.at >= asked.at);
}
export const IDENTITY_FIRST =
  'You asked the requester to confirm who they are: record the identity check first (how you checked, and why it was enough), or refuse the request if it could not be confirmed.';

/**
 * Whether staff have started work on the request (the step that asks for its search of the
 * connected systems, shared/admin/actions/workflow.ts). A question or a fee asked before it does
 * not start it: once answered or paid the request is back where it was, to be started.
 */
export const everStarted = (request: RightsRequest) => request.history.some((h) => h.type === 'started');

/**
 * In which states each step may be taken: why it cannot be taken on this request now, or
 * undefined when it can. Only open requests move; asking for information waits for the answer;
 * an extension comes before the first deadline passes and adds up to at most two months. The
 * staff action table and `applyAction` both read this.
 */
export function stepRefusal(
  request: RightsRequest,
  type: RequestAction['type'],
  context: { tenant: TenantConfig; today: string },
): string | undefined {
  if (!isOpen(request.status)) return `This request is ${request.status}: it cannot change any more.`;
  const waiting = request.status === 'awaiting-information';
  const waitingFee = request.status === 'awaiting-fee';
  switch (type) {
    case 'start':
      // Also a request extended before it was started (or moved on without it by an older version).
      return !waiting && !waitingFee && !everStarted(request) ? undefined : 'Only a request not yet started can be started.';
    case 'ask-information':
      if (waitingFee) return 'We are waiting for the fee on this request.';
      if (waiting) return 'We are already waiting for information on this request.';
      // Late, a clarification that leaves the clock running hides nothing (one to confirm who they are: applyAction).
      return clarificationStopsClock(request.kind) ? overdueRefusal(request, context) : undefined;
    case 'ask-fee':
      return askFeeRefusal(request, context.tenant) ?? overdueRefusal(request, context);
    case 'fee-paid':
      return waitingFee ? undefined : 'No fee is awaited on this request.';
    case 'fee-unpaid':
      return waitingFee && request.clock.fee && context.today > request.clock.fee.payBy
        ? undefined
        : 'The fee is not awaited, or the time to pay it has not passed.';
    case 'provide-information':
      return waiting ? undefined : 'No information was asked for on this request.';
    case 'identity-received':
      return (waiting && waitingForIdentity(request.clock)) || (!waiting && !waitingFee && answeredIdentityInWords(request))
        ? undefined
        : 'This request is not waiting for identity information: nothing was asked for to confirm who the person is.';
    case 'extend': {
      // A question that leaves the clock running (clarificationStopsClock) does not hold the extension up.
      if (clockStopped(request)) return 'Extend once the requester has answered: the clock is stopped now.';
      const { clock } = request;
      const { on: received, pausedDays } = clockFrom(request.receivedOn, clock);
      if (!canExtend({ received, nation: context.tenant.nation, pausedDays, today: context.today })) {
        return 'The first deadline has passed: the law allows an extension only before it.';
      }
      return clock.extensionMonths >= 2 ? tooLong : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * An overdue request's clock is not stopped or restarted: the time limit has passed, and a
 * question or a fee asked for now would move the due date past the day it was missed and take the
 * request out of the overdue list (found in a user trial: asking for identity a month late made a
 * missed deadline look on time). Art. 12A's pauses and restarts are for what the controller
 * reasonably needs while the time runs, which is when it should ask.
 */
function overdueRefusal(
  request: RightsRequest,
  { tenant, today }: { tenant: TenantConfig; today: string },
  asking = 'for anything now would stop the clock',
): string | undefined {
  const due = dueOnFor(tenant, request.receivedOn, request.clock, today);
  return today > due
    ? `This request was due on ${formatUkDate(due)} and is overdue: asking the requester ${asking} after the time limit has passed, and hide that it was missed. Answer the request, or refuse it with your reasons.`
    : undefined;
}

/**
 * Applies one step of the workflow and returns the changed request (the input is not touched).
 * Refuses what `stepRefusal` refuses; asking the subject to confirm who they are, or to clarify
 * an access request, stops the clock and their answer restarts it, moving the due date by exactly
 * the paused days (a question on any other request leaves it running); an extension of at most
 * two further months needs a reason.
 */
export function applyAction(
  request: RightsRequest,
  action: RequestAction,
  context: { tenant: TenantConfig; actor: Actor; now: Date },
): RightsRequest {
  const today = ukDate(context.now);
  const refusal = stepRefusal(request, action.type, { tenant: context.tenant, today });
  if (refusal) refuse(refusal);
  const clock: RequestClock = { ...request.clock };
  let status: RequestStatus;
  let message: string | undefined;
  // Where the request stands once nothing is awaited: not started yet, it is still to be started.
  const resumed = () => (clock.extensionMonths > 0 ? 'extended' : everStarted(request) ? 'in-progress' : 'received');
  // Identity information arriving restarts the month from today, whatever happened before
  // (Art. 12A); a clarification only adds the days we waited. Closing a request just stops it.
  const stopPause = (answered = false, arrivedOn = today) => {
    if (answered && waitingForIdentity(clock)) {
      clock.identityReceivedOn = arrivedOn;
      clock.pausedDays = 0;
    } else if (clock.pausedSince && !waitingForIdentity(clock)) {
      clock.pausedDays += Math.max(0, daysBetween(clock.pausedSince, today));
    }
    delete clock.pausedSince;
    delete clock.pausedFor;
  };
  let purpose: InformationPurpose | undefined;
  let outcome: RequestOutcome | undefined;
  // A question, or its answer, that left the clock running (clarificationStopsClock).
  let clockRunning = false;

  switch (action.type) {
    case 'start':
      status = clock.extensionMonths > 0 ? 'extended' : 'in-progress';
      break;
    case 'ask-information':
      message = required(action.message, 'the question for the requester');
      purpose = action.purpose ?? 'clarification';
      if (purpose === 'identity') {
        const late = overdueRefusal(
          request,
          { tenant: context.tenant, today },
          'to confirm who they are now would start the month again',
        );
        if (late) refuse(late);
        clock.pausedSince = today;
        clock.pausedFor = 'identity';
      } else if (clarificationStopsClock(request.kind)) clock.pausedSince = today;
      else clockRunning = true;
      status = 'awaiting-information';
      break;
    case 'provide-information':
      message = required(action.message, 'your answer');
      if (waitingForIdentity(clock)) purpose = 'identity';
      clockRunning = !clock.pausedSince;
      stopPause(true);
      status = resumed();
      break;
    case 'identity-received': {
      const { receivedOn } = action;
      // After the person's own answer: not before it (what they sent or said was on its way came then or later).
      const askedOn = clock.pausedSince ?? clock.identityReceivedOn ?? request.receivedOn;
      arrivalRefusal(receivedOn, { filedOn: request.receivedOn, askedOn, today });
      message = `The information to confirm your identity arrived ${arrivedVia[action.via]} on ${formatUkDate(receivedOn)}.`;
      purpose = 'identity';
      if (request.status === 'awaiting-information') stopPause(true, receivedOn);
      else {
        // After the person's typed answer (answeredIdentityInWords): the month counts from the real arrival.
        clock.identityReceivedOn = receivedOn;
        clock.pausedDays = 0;
      }
      status = resumed();
      break;
    }
    case 'extend': {
      const total = clock.extensionMonths + action.months;
      if (total > 2) refuse(tooLong);
      message = required(action.reason, 'the reason for the extension (the requester is told it)');
      clock.extensionMonths = total as 1 | 2;
      clock.extensionReason = message;
      // Still waiting for an answer to a question that left the clock running.
      status = request.status === 'awaiting-information' ? request.status : 'extended';
      break;
    }
    case 'complete':
      message = required(action.message, 'a response note');
      stopPause();
      status = 'completed';
      outcome = action.outcome ?? 'done';
      break;
    case 'refuse':
      message = required(action.reason, 'the reason for refusing');
      stopPause();
      status = 'refused';
      outcome = 'refused';
      break;
    case 'withdraw':
      message = action.message?.trim() || undefined;
      stopPause();
      status = 'withdrawn';
      break;
    case 'ask-fee': {
      const refusal = askFeeRefusal(request, context.tenant, action.grounds);
      if (refusal) refuse(refusal);
      message = askFee(
        clock,
        context.tenant,
        action.grounds,
        required(action.reason, 'the reason for the fee (the requester is told it)'),
        today,
      );
      status = 'awaiting-fee';
      break;
    }
    case 'fee-paid':
      message = feePaid(clock, action.paidOn, action.via, today);
      status = resumed();
      break;
    case 'fee-unpaid':
      message = clock.fee ? feeUnpaidMessage(clock.fee) : undefined;
      stopPause();
      status = 'fee-unpaid';
      break;
    case 'add':
      message = required(action.message, 'what you want to add');
      status = request.status;
      break;
  }

  return {
    ...request,
    status,
    clock,
    dueOn: dueOnFor(context.tenant, request.receivedOn, clock, today),
    history: [
      ...request.history,
      {
        at: context.now.toISOString(),
        type: eventOf[action.type],
        status,
        actor: context.actor,
        ...(message ? { message } : {}),
        ...(purpose ? { purpose } : {}),
        ...(clockRunning ? { clockRunning: true as const } : {}),
      },
    ],
    ...(outcome ? { outcome } : {}),
    // Staff's own note on how it came stays internal: never shown or sent to the person.
    ...(action.type === 'identity-received' && action.note?.trim()
      ? {
          internal: [
            ...(request.internal ?? []),
            { at: context.now.toISOString(), type: 'note' as const, actor: context.actor, message: action.note.trim() },
          ],
        }
      : {}),
    version: request.version + 1,
  };
}
