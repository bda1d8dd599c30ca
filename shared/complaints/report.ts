import { daysBetween } from '../deadlines.ts';
import { DomainError } from '../errors.ts';
import { type ComplaintAbout, complaintAbouts } from '../vocabulary.ts';
import { acknowledgementOverdue } from './lifecycle.ts';
import type { Complaint } from './model.ts';
import { complaintAboutText } from './view.ts';

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface ComplaintReportRow {
  about: ComplaintAbout;
  aboutText: string;
  /** Received in the range. */
  received: number;
  /** Of those received in the range and acknowledged, how many by the last of their 30 days. */
  acknowledged: number;
  acknowledgedOnTime: number;
  /** Closed with an outcome in the range, and the median calendar days from receipt to outcome. */
  closed: number;
  medianDaysToOutcome: number | null;
  /** Unacknowledged past their 30 days today. */
  overdueNow: number;
}

export interface ComplaintReport extends Omit<ComplaintReportRow, 'about' | 'aboutText'> {
  from: string;
  to: string;
  rows: ComplaintReportRow[];
}

/** Complaints received, acknowledged on time, median days to outcome, by what they were about. */
export function complaintReport(complaints: Complaint[], range: { from: string; to: string }, today: string): ComplaintReport {
  if (range.from > range.to) {
    throw new DomainError('bad_request', 'The first day must be on or before the last day.', {
      fields: [{ field: 'from', message: 'The first day must be on or before the last day' }],
    });
  }
  const inRange = (day: string | undefined) => day !== undefined && day >= range.from && day <= range.to;
  const tally = (about: ComplaintAbout | undefined) => {
    const list = complaints.filter((c) => about === undefined || c.about === about);
    const received = list.filter((c) => inRange(c.receivedOn));
    const acknowledged = received.filter((c) => c.acknowledgedOn);
    const closed = list.filter((c) => inRange(c.closedOn));
    return {
      received: received.length,
      acknowledged: acknowledged.length,
      acknowledgedOnTime: acknowledged.filter((c) => (c.acknowledgedOn as string) <= c.acknowledgeBy).length,
      closed: closed.length,
      medianDaysToOutcome: median(closed.map((c) => daysBetween(c.receivedOn, c.closedOn as string))),
      overdueNow: list.filter((c) => acknowledgementOverdue(c, today)).length,
    };
  };
  return {
    from: range.from,
    to: range.to,
    ...tally(undefined),
    rows: complaintAbouts.map((about) => ({ about, aboutText: complaintAboutText[about], ...tally(about) })),
  };
}
