import { describe, expect, it } from 'vitest';
import { acknowledgeByFor, acknowledgementOverdue, applyComplaintInternal, applyComplaintStep } from './lifecycle.ts';
import type { Complaint } from './model.ts';
import { complaintReport } from './report.ts';

const staff = { type: 'staff', id: 'sam@x' } as const;
const at = (day: string) => new Date(`${day}T10:00:00Z`);

function complaint(receivedOn: string, over: Partial<Complaint> = {}): Complaint {
  return {
    id: 'c1',
    tenant: 't',
    subjectId: 's1',
    reference: 'T-C-2026-000001',
    about: 'data-use',
    what: 'x',
    receivedAt: `${receivedOn}T12:00:00.000Z`,
    receivedOn,
    receivedVia: 'phone',
    status: 'received',
    acknowledgeBy: acknowledgeByFor(receivedOn),
    history: [],
    version: 1,
    ...over,
  };
}

describe('the complaint clock (DPA 2018 s.164A: 30 days beginning with the day received)', () => {
  it.each([
    ['2026-06-19', '2026-07-18'],
    ['2026-01-31', '2026-03-01'],
    ['2028-02-01', '2028-03-01'], // leap year
  ])('received %s: acknowledge by %s', (received, by) => {
    expect(acknowledgeByFor(received)).toBe(by);
  });

  it('is overdue from day 31, and not once acknowledged', () => {
    const c = complaint('2026-06-19');
    expect(acknowledgementOverdue(c, '2026-07-18')).toBe(false);
    expect(acknowledgementOverdue(c, '2026-07-19')).toBe(true);
    const acked = applyComplaintStep(c, { type: 'acknowledge' }, { actor: staff, now: at('2026-07-20') });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedOn: '2026-07-20', version: 2 });
    expect(acknowledgementOverdue(acked, '2026-08-01')).toBe(false);
  });

  it('asking for more or closing acknowledges too; a closed complaint changes no more', () => {
    const asked = applyComplaintStep(
      complaint('2026-07-01'),
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
      applyComplaintStep(complaint('2026-07-01'), { type: 'close', outcome: '  ' }, { actor: staff, now: at('2026-07-02') }),
    ).toThrow(/outcome/);
  });
});

describe('the complaint report', () => {
  it('counts received, acknowledged on time, median days to outcome, by what they were about', () => {
    const list: Complaint[] = [
      complaint('2026-07-01', { acknowledgedOn: '2026-07-01', status: 'closed', closedOn: '2026-07-11' }),
      complaint('2026-07-01', {
        about: 'request-handling',
        acknowledgedOn: '2026-08-05',
        status: 'closed',
        closedOn: '2026-07-21',
      }),
      complaint('2026-06-01'),
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
