import { type ClockStartReason, clockStart, daysBetween, dueDate, fixedPeriodDueDate } from '../deadlines.ts';
import type { RequestClock, RightsRequest } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { RequestKind } from '../vocabulary.ts';
import { waitingForFee } from './fee-model.ts';

/** Whether the clock stands still waiting for identity information (Art. 12A: it will start again). */
export const waitingForIdentity = (clock: RequestClock) => Boolean(clock.pausedSince) && clock.pausedFor === 'identity';

/**
 * Whether asking to clarify a request of this kind stops the clock. The Data (Use and Access) Act
 * 2025 s.76 lets the time stand still while the controller waits for what it reasonably needs to
 * identify the information or processing activities a request *for access* relates to (its words
 * in DPA 2018 s.54(3C), "a request under section 45(1)"; its example, a large amount of
 * information), as the ICO's guidance on the right of access did before. Nothing stops the month
 * for a question on any other kind of request: it runs on while we wait, which is also the reading
 * that can never make a due date later than the law's.
 */
export const clarificationStopsClock = (kind: RequestKind) => kind === 'access';

/** Whether the clock stands still now: waiting for identity information, an access request's clarification or a fee. */
export const clockStopped = (r: Pick<RightsRequest, 'status' | 'clock'>) =>
  (r.status === 'awaiting-information' || r.status === 'awaiting-fee') && Boolean(r.clock.pausedSince);

/**
 * Where the time to answer counts from now (UK GDPR Art. 12A): the latest of the day the request
 * arrived, the day the identity information asked for arrived and the day a fee was paid; and the
 * days the clock stood still since. While we wait for identity information, today is the earliest
 * it can arrive, so the start moves on day by day; while we wait for a clarification, today
 * counts as paused.
 */
export function clockFrom(
  receivedOn: string,
  clock: RequestClock,
  today?: string,
): { on: string; from: ClockStartReason; pausedDays: number } {
  const start = clockStart({
    received: receivedOn,
    identityReceived: clock.identityReceivedOn,
    feeReceived: clock.feeReceivedOn,
  });
  // Waiting for identity information or a fee: today is the earliest it can arrive (Art. 12A).
  const leg = waitingForIdentity(clock) ? 'identity' : waitingForFee(clock) ? 'fee' : undefined;
  if (leg && today) {
    const waiting = clockStart(
      leg === 'identity' ? { received: start.on, identityReceived: today } : { received: start.on, feeReceived: today },
    );
    return { on: waiting.on, from: waiting.from === leg ? leg : start.from, pausedDays: 0 };
  }
  const running = clock.pausedSince && today ? Math.max(0, daysBetween(clock.pausedSince, today)) : 0;
  return { ...start, pausedDays: clock.pausedDays + running };
}

/**
 * The due date for this clock: one calendar month (or the tenant's shorter promise, measured from
 * the same start) plus any extension, from the start `clockFrom` gives, plus the days the clock
 * stood still since, moved to the next working day.
 */
export function dueOnFor(tenant: TenantConfig, receivedOn: string, clock: RequestClock, today?: string): string {
  const { on: received, pausedDays } = clockFrom(receivedOn, clock, today);
  if (clock.extensionMonths === 0 && tenant.deadline.fixedDays) {
    return fixedPeriodDueDate({ received, nation: tenant.nation, days: tenant.deadline.fixedDays, pausedDays });
  }
  return dueDate({ received, nation: tenant.nation, extensionMonths: clock.extensionMonths, pausedDays });
}

/** The first, unextended statutory deadline: an extension is allowed only until it passes. */
export function firstDeadlineFor(tenant: TenantConfig, receivedOn: string, clock: RequestClock, today?: string): string {
  const { on: received, pausedDays } = clockFrom(receivedOn, clock, today);
  return dueDate({ received, nation: tenant.nation, pausedDays });
}
