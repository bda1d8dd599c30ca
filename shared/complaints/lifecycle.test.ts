import { describe, expect, it } from 'vitest';
import { complaintFixture } from './fixtures.ts';
import { acknowledgeByFor, acknowledgementOverdue, applyComplaintInternal, applyComplaintStep } from './lifecycle.ts';
import type { Complaint } from './model.ts';
import { complaintReport } from './report.ts';

const staff = { type: 'staff', id: 'sam@x' } as const;
const at = (day: string) => new Date(`${day}T10:00:00Z`);

describe('the complaint clock (DPA 2018 s.164A, counted as the ICO does: 30 days from the day after receipt, then the next working day)', () => {
  it.each([
    ['2026-06-19', 'england-and-wales', '2026-07-20'], // day 30 is a Sunday: Monday
    ['2026-01-31', 'england-and-wales', '2026-03-02'],
    ['2028-02-01', 'england-and-wales', '2028-03-02'], // leap year
    ['2026-11-25', 'england-and-wales', '2026-12-29'], // Christmas Day, a weekend, then Boxing Day's Monday
    ['2026-12-03', 'england-and-wales', '2027-01-04'], // 2 January is a Saturday
    ['2026-12-03', 'scotland', '2027-01-05'], // in Scotland 2 January is a holiday too: its Monday
    ['2026-02-15', 'northern-ireland', '2026-03-18'], // St Patrick's Day
    ['2026-02-15', 'england-and-wales', '2026-03-17'], // an ordinary Tuesday elsewhere
  ] as const)('received %s in %s: acknowledge by %s', (received, nation, by) => {
    expect(acknowledgeByFor(received, nation)).toBe(by);
  });

  it('is overdue the day after its last day, and not once acknowledged', () => {
    const c = complaintFixture('2026-06-19');
    expect(acknowledgementOverdue(c, '2026-07-20')).toBe(false);
    expect(acknowledgementOverdue(c, '2026-07-21')).toBe(true);
    const acked = applyComplaintStep(c, { type: 'acknowledge' }, { actor: staff, now: at('2026-07-20') });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedOn: '2026-07-20', version: 2 });
    expect(acknowledgementOverdue(acked, '2026-08-01')).toBe(false);
  });

  it('asking for more or closing acknowledges too; a closed complaint changes no more', () => {
    const asked = applyComplaintStep(
      complaintFixture('2026-07-01'),
      { type: 'ask-information', message: 'When?' },
      { actor: staff, now: at('2026-07-02') },
    );
    expect(asked).toMatchObject({ status: 'awaiting-information', acknowledgedOn: '2026-07-02' });
    expect(() =>
      applyComplaintStep(asked, { type: 'ask-information', message: 'Again?' }, { actor: staff, now: at('2026-07-03') }),
    ).toThrow(/already waiting/);
    const closed = applyComplaintStep(asked, { type: 'close', outcome: 'Fixed.' }, { actor: staff, now: at('2026-07-05') });
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-07-05', outcome: 'Fixed.' });
    expect(() => applyComplaintStep(closed, { type: 'acknowledge' }, { actor: staff, now: at('2026-07-06') })).toThrow(/closed/);
    expect(() =>
      applyComplaintInternal(closed, { type: 'record-enquiry', text: 'x' }, { actor: staff, now: at('2026-07-06') }),
    ).toThrow(/closed/);
    expect(
      applyComplaintInternal(closed, { type: 'note', text: 'For the file.' }, { actor: staff, now: at('2026-07-06') }).internal,
    ).toHaveLength(1);
  });

  it('refuses an outcome without words', () => {
    expect(() =>
      applyComplaintStep(
        complaintFixture('2026-07-01'),
        { type: 'close', outcome: '  ' },
        { actor: staff, now: at('2026-07-02') },
      ),
    ).toThrow(/outcome/);
  });
});

describe('the complaint report', () => {
  it('counts received, acknowledged on time, median days to outcome, by what they were about', () => {
    const list: Complaint[] = [
      complaintFixture('2026-07-01', { acknowledgedOn: '2026-07-01', status: 'closed', closedOn: '2026-07-11' }),
      complaintFixture('2026-07-01', {
        about: 'request-handling',
        acknowledgedOn: '2026-08-05',
        status: 'closed',
        closedOn: '2026-07-21',
      }),
      complaintFixture('2026-06-01'),
    ];
    const r = complaintReport(list, { from: '2026-07-01', to: '2026-07-31' }, '2026-08-10');
    expect(r).toMatchObject({
      received: 2,
      acknowledged: 2,
      acknowledgedOnTime: 1,
      closed: 2,
      medianDaysToOutcome: 15,
      overdueNow: 1,
    });
    expect(r.rows.find((x) => x.about === 'data-use')).toMatchObject({
      received: 1,
      acknowledgedOnTime: 1,
      medianDaysToOutcome: 10,
    });
    expect(() => complaintReport(list, { from: '2026-08-01', to: '2026-07-01' }, '2026-08-10')).toThrow(/first day/);
  });
});
