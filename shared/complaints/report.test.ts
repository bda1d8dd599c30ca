import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { complaintFixture } from './fixtures.ts';
import type { Complaint } from './model.ts';
import { complaintReport } from './report.ts';

let n = 0;
function complaint(receivedOn: string, over: Partial<Complaint> = {}): Complaint {
  n += 1;
  return complaintFixture(receivedOn, { id: `c${n}`, reference: `T-C-2026-00000${n}`, receivedVia: 'portal', ...over });
}

const july = { from: '2026-07-01', to: '2026-07-31' };
const closedAfter = (receivedOn: string, days: number, over: Partial<Complaint> = {}) =>
  complaint(receivedOn, {
    status: 'closed',
    acknowledgedOn: receivedOn,
    closedOn: new Date(Date.parse(`${receivedOn}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
    ...over,
  });

describe('the complaint report', () => {
  it('counts a complaint received on the first or the last day of the range, not the days either side', () => {
    const list = ['2026-06-30', '2026-07-01', '2026-07-31', '2026-08-01'].map((day) => complaint(day));
    expect(complaintReport(list, july, '2026-07-01').received).toBe(2);
  });

  it('a complaint acknowledged on its last day is on time, the day after is late; an unacknowledged one is neither', () => {
    const list = [
      // Received Wednesday 1 July: its 30 days, from the day after, end on Friday 31 July.
      complaint('2026-07-01', { acknowledgedOn: '2026-07-31' }),
      complaint('2026-07-01', { acknowledgedOn: '2026-08-01' }),
      complaint('2026-07-01'),
    ];
    expect(complaintReport(list, july, '2026-07-10')).toMatchObject({ received: 3, acknowledged: 2, acknowledgedOnTime: 1 });
  });

  it('counts a complaint closed in the range even when received before it, and not one closed after it', () => {
    const list = [closedAfter('2026-06-20', 11), closedAfter('2026-07-25', 7)];
    expect(complaintReport(list, july, '2026-08-10')).toMatchObject({ received: 1, closed: 1, medianDaysToOutcome: 11 });
  });

  it('the median days to outcome is the middle value, or the mean of the middle two', () => {
    const odd = [closedAfter('2026-07-01', 20), closedAfter('2026-07-01', 2), closedAfter('2026-07-01', 9)];
    expect(complaintReport(odd, july, '2026-07-31').medianDaysToOutcome).toBe(9);
    const even = [
      closedAfter('2026-07-01', 10),
      closedAfter('2026-07-01', 3),
      closedAfter('2026-07-01', 4),
      closedAfter('2026-07-01', 1),
    ];
    expect(complaintReport(even, july, '2026-07-31').medianDaysToOutcome).toBe(3.5);
  });

  it('with nothing closed there is no median, not zero', () => {
    expect(complaintReport([complaint('2026-07-01')], july, '2026-07-02')).toMatchObject({
      closed: 0,
      medianDaysToOutcome: null,
    });
  });

  it('overdue now counts unacknowledged complaints past their last day today, whenever received', () => {
    const list = [complaint('2026-05-01'), complaint('2026-07-01'), complaint('2026-07-02')];
    expect(complaintReport(list, july, '2026-08-01').overdueNow).toBe(2);
  });

  it('has one row per kind of complaint, in order, with its words, each counted on its own', () => {
    const list = [
      complaint('2026-07-02', { about: 'request-handling' }),
      complaint('2026-07-03', { about: 'request-handling' }),
      complaint('2026-07-04'),
    ];
    const r = complaintReport(list, july, '2026-07-05');
    expect(r).toMatchObject({ from: '2026-07-01', to: '2026-07-31', received: 3 });
    expect(r.rows.map((row) => [row.about, row.aboutText, row.received])).toEqual([
      ['request-handling', 'How a request was handled', 2],
      ['data-use', 'How personal data is used', 1],
    ]);
  });

  it('a one-day range is allowed; a range ending before it starts is refused, naming the first day', () => {
    expect(complaintReport([complaint('2026-07-01')], { from: '2026-07-01', to: '2026-07-01' }, '2026-07-02').received).toBe(1);
    let error: unknown;
    try {
      complaintReport([], { from: '2026-07-02', to: '2026-07-01' }, '2026-07-02');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'bad_request',
      message: 'The first day must be on or before the last day.',
      details: { fields: [{ field: 'from', message: 'The first day must be on or before the last day' }] },
    });
  });
});
