import { type ClockStartReason, clockStart, daysBetween, dueDate, fixedPeriodDueDate } from '../deadlines.ts';
import type { RequestClock } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { waitingForFee } from './fee-model.ts';

/** Whether the clock stands still waiting for identity information (Art. 12A: it will start again). */
export const waitingForIdentity = (clock: RequestClock) => Boolean(clock.pausedSince) && clock.pausedFor === 'identity';

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
