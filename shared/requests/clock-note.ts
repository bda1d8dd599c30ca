import { formatUkDate } from '../dates.ts';
import { addCalendarMonths, addDays, type ClockStartReason } from '../deadlines.ts';
import type { RequestClock } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { clockFrom, dueOnFor, waitingForIdentity } from './clock.ts';
import { waitingForFee } from './fee-model.ts';

/** Who reads the note: the requester ("you") or staff ("the requester"). */
export type ClockReader = 'subject' | 'staff';

const startWords: Record<ClockStartReason, Record<ClockReader, string>> = {
  request: { subject: 'the day we received your request', staff: 'the day the request was received' },
  identity: {
    subject: 'the day we received the information we asked for to confirm your identity',
    staff: 'the day the identity information asked for arrived',
  },
  fee: { subject: 'the day we received the fee', staff: 'the day the fee was received' },
};

/**
 * The identity start when it is the person's own typed answer (lifecycle.ts,
 * `answeredIdentityInWords`): what they wrote may be the information or only say it is on its way,
 * so the note says what happened, not that the information arrived.
 */
const answeredWords: Record<ClockReader, string> = {
  subject: 'the day you answered our question about your identity',
  staff:
    'the day the requester answered the identity question on their page (if the proof came another way, record the day it arrived)',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Which rule sets the date, and why it is what it is, in plain words: the page (both sides) and
 * the emails show it. The law: one calendar month (UK GDPR Art. 12(3)) from the latest of the
 * request, the identity information asked for and a fee (Art. 12A); asking to clarify an access
 * request stops the clock (a question on any other leaves it running, and the note is the plain
 * one); an extension adds up to two months; a tenant's shorter promise counts from
 * the same start; the date moves past weekends and bank holidays.
 */
export function clockNote(
  tenant: TenantConfig,
  request: {
    receivedOn: string;
    clock: RequestClock;
    open: boolean;
    dueOn: string;
    /** The identity start is the person's typed answer (`answeredIdentityInWords`). */
    identityInWords?: boolean;
  },
  today: string,
  reader: ClockReader,
): string {
  const { clock } = request;
  const you = reader === 'subject' ? 'you' : 'the requester';
  const your = reader === 'subject' ? 'your' : "the requester's";
  if (request.open && waitingForIdentity(clock)) {
    const ifToday = dueOnFor(tenant, request.receivedOn, clock, today);
    return (
      `We are waiting for information to confirm ${your} identity. The time limit starts again on the day it arrives: ` +
      `one calendar month from that day (UK GDPR Article 12A), whatever happened before. If it arrived today, the date would be ${formatUkDate(ifToday)}.`
    );
  }
  if (request.open && waitingForFee(clock)) {
    const ifToday = dueOnFor(tenant, request.receivedOn, clock, today);
    return (
      `We are waiting for the fee asked for. The time limit starts on the day it is paid: one calendar month from that day ` +
      `(UK GDPR Article 12A). If it were paid today, the date would be ${formatUkDate(ifToday)}.`
    );
  }
  if (request.open && clock.pausedSince) {
    return (
      `The time limit is paused while we wait for ${you} to clarify the request: each day we wait moves the date on by a day. ` +
      `It runs again once ${you} answer${reader === 'subject' ? '' : 's'}.`
    );
  }
  const start = clockFrom(request.receivedOn, clock, request.open ? today : undefined);
  const from = start.from === 'identity' && request.identityInWords ? answeredWords[reader] : startWords[start.from][reader];
  const parts: string[] = [];
  const fixed = clock.extensionMonths === 0 ? tenant.deadline.fixedDays : undefined;
  const months = 1 + clock.extensionMonths;
  let raw: string;
  if (fixed) {
    raw = addDays(start.on, fixed + start.pausedDays);
    const legal = addDays(addCalendarMonths(start.on, 1), start.pausedDays);
    const shorter = raw < legal;
    parts.push(
      shorter
        ? `${fixed} days (our promise, shorter than the one calendar month the law allows) from ${formatUkDate(start.on)}, ${from}`
        : `one calendar month (the law's limit, shorter than our promise of ${fixed} days) from ${formatUkDate(start.on)}, ${from}`,
    );
    if (!shorter) raw = legal;
  } else {
    raw = addDays(addCalendarMonths(start.on, months), start.pausedDays);
    parts.push(
      `${months === 1 ? 'one calendar month' : `${months} calendar months (one, extended by ${plural(clock.extensionMonths, 'month')})`} from ${formatUkDate(start.on)}, ${from}`,
    );
  }
  if (start.pausedDays > 0)
    parts.push(`plus ${plural(start.pausedDays, 'day')} the clock stood still waiting for a clarification`);
  if (raw !== request.dueOn) parts.push('moved on past a weekend or bank holiday');
  const why =
    start.from === 'request'
      ? ''
      : ' The time counts from the latest of the request, the identity information asked for and any fee (UK GDPR Article 12A).';
  return `${request.open ? 'Due' : 'Was due'} ${formatUkDate(request.dueOn)}: ${parts.join(', ')}.${why}`;
}
