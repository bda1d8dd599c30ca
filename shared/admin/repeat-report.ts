import { ukDate } from '../deadlines.ts';
import type { RightsRequest } from '../entities.ts';

export interface RepeatFigures {
  /** Duplicates merged into the request received first, in the range. */
  duplicatesMerged: number;
  /** Repeats answered by pointing to an earlier answer, in the range. */
  repeatsAnsweredByReference: number;
  /** Fees asked for (further copies, manifestly unfounded or excessive requests), in the range. */
  feesAsked: number;
  /** Fees recorded as paid, in the range. */
  feesPaid: number;
  /** Requests closed because the fee was not paid in time, in the range. */
  feesUnpaid: number;
}

const on = (r: RightsRequest, type: string) => {
  const event = [...r.history].reverse().find((h) => h.type === type);
  return event ? ukDate(event.at) : undefined;
};

/** Duplicates merged, repeats answered by reference, and fees asked, paid and unpaid, by the day each happened. */
export function repeatFigures(requests: RightsRequest[], range: { from: string; to: string }): RepeatFigures {
  const within = (day: string | undefined) => Boolean(day && day >= range.from && day <= range.to);
  const count = (test: (r: RightsRequest) => boolean) => requests.filter(test).length;
  return {
    duplicatesMerged: count((r) => r.status === 'merged' && within(on(r, 'merged'))),
    repeatsAnsweredByReference: count((r) => Boolean(r.repeatOf) && within(on(r, 'completed'))),
    feesAsked: count((r) => within(r.clock.fee?.askedOn)),
    feesPaid: count((r) => within(r.clock.fee?.paidOn)),
    feesUnpaid: count((r) => r.status === 'fee-unpaid' && within(on(r, 'fee-unpaid'))),
  };
}
