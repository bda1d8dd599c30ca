import type { ReportResponse } from '../admin-api.ts';
import { daysBetween, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { staffKindName } from '../requests/kinds.ts';
import { type RequestKind, requestKinds, requestOutcomes, requestStatuses } from '../vocabulary.ts';
import type { StaffContext } from './context.ts';
import { queueItem } from './queue.ts';
import { repeatFigures } from './repeat-report.ts';

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** When we answered (completed or refused), as a UK date; withdrawn requests were not answered. */
function answeredOn(r: RightsRequest): string | undefined {
  const last = [...r.history].reverse().find((h) => h.type === 'completed' || h.type === 'refused');
  return last ? ukDate(last.at) : undefined;
}

/** How an answered request ended (older requests carry no outcome: done, or refused). */
const outcomeOf = (r: RightsRequest) => r.outcome ?? (r.status === 'refused' ? 'refused' : 'done');

interface Tally {
  received: number;
  byStatus: Record<string, number>;
  closedDays: number[];
  closedOnTime: number;
  byOutcome: Record<string, number>;
  overdueNow: number;
}

/**
 * Requests received in the range by kind and status; those answered in the range, how fast
 * (median calendar days) and how many by their due date; and how many are overdue today.
 */
export async function requestReport(deps: Deps, ctx: StaffContext, range: { from: string; to: string }): Promise<ReportResponse> {
  if (range.from > range.to) {
    throw new DomainError('bad_request', 'The first day must be on or before the last day.', {
      fields: [{ field: 'from', message: 'The first day must be on or before the last day' }],
    });
  }
  const today = ukDate(deps.clock.now());
  const requests = await deps.requests.listForTenant(ctx.tenant.slug);
  const tallies = new Map<RequestKind, Tally>(
    requestKinds.map((k) => [k, { received: 0, byStatus: {}, closedDays: [], closedOnTime: 0, byOutcome: {}, overdueNow: 0 }]),
  );
  for (const r of requests) {
    const t = tallies.get(r.kind) as Tally;
    if (r.receivedOn >= range.from && r.receivedOn <= range.to) {
      t.received++;
      t.byStatus[r.status] = (t.byStatus[r.status] ?? 0) + 1;
    }
    const answered = answeredOn(r);
    if (answered && answered >= range.from && answered <= range.to) {
      t.closedDays.push(daysBetween(r.receivedOn, answered));
      if (answered <= r.dueOn) t.closedOnTime++;
      const outcome = outcomeOf(r);
      t.byOutcome[outcome] = (t.byOutcome[outcome] ?? 0) + 1;
    }
    if (queueItem(ctx, r, today, []).overdue) t.overdueNow++;
  }
  const rows = [...tallies].map(([kind, t]) => ({
    kind,
    kindName: staffKindName[kind],
    received: t.received,
    byStatus: t.byStatus,
    closed: t.closedDays.length,
    closedOnTime: t.closedOnTime,
    byOutcome: t.byOutcome,
    medianDaysToClose: median(t.closedDays),
    overdueNow: t.overdueNow,
  }));
  const allDays = [...tallies.values()].flatMap((t) => t.closedDays);
  const closed = allDays.length;
  const onTime = rows.reduce((n, r) => n + r.closedOnTime, 0);
  return {
    from: range.from,
    to: range.to,
    received: rows.reduce((n, r) => n + r.received, 0),
    closed,
    medianDaysToClose: median(allDays),
    closedOnTimeShare: closed ? onTime / closed : null,
    overdueNow: rows.reduce((n, r) => n + r.overdueNow, 0),
    rows,
    repeats: repeatFigures(requests, range),
  };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(tenant: string, report: ReportResponse): string {
  const header = [
    'tenant',
    'from',
    'to',
    'kind',
    'received',
    ...requestStatuses.map((s) => `received_now_${s.replace(/-/g, '_')}`),
    'answered',
    'answered_on_time',
    'median_days_to_answer',
    'overdue_now',
    ...requestOutcomes.map((o) => `answered_${o.replace(/-/g, '_')}`),
  ];
  const line = (kind: string, r: Omit<ReportResponse['rows'][number], 'kind' | 'kindName'>) =>
    [
      tenant,
      report.from,
      report.to,
      kind,
      r.received,
      ...requestStatuses.map((s) => r.byStatus[s] ?? 0),
      r.closed,
      r.closedOnTime,
      r.medianDaysToClose,
      r.overdueNow,
      ...requestOutcomes.map((o) => r.byOutcome[o] ?? 0),
    ]
      .map(csvCell)
      .join(',');
  const totalByStatus: Record<string, number> = {};
  for (const r of report.rows) for (const [s, n] of Object.entries(r.byStatus)) totalByStatus[s] = (totalByStatus[s] ?? 0) + n;
  const totalByOutcome: Record<string, number> = {};
  for (const r of report.rows) for (const [o, n] of Object.entries(r.byOutcome)) totalByOutcome[o] = (totalByOutcome[o] ?? 0) + n;
  const total = {
    byOutcome: totalByOutcome,
    received: report.received,
    byStatus: totalByStatus,
    closed: report.closed,
    closedOnTime: report.rows.reduce((n, r) => n + r.closedOnTime, 0),
    medianDaysToClose: report.medianDaysToClose,
    overdueNow: report.overdueNow,
  };
  return `${[header.join(','), ...report.rows.map((r) => line(r.kind, r)), line('all', total)].join('\r\n')}\r\n`;
}
