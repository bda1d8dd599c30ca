import { describe, expect, it } from 'vitest';
import { canExtend, clockStart, dueDate, fixedPeriodDueDate } from './deadlines.ts';

describe('clockStart (UK GDPR Art. 12A): the latest of request, identity information and fee', () => {
  it.each([
    ['only the request', { received: '2026-03-10' }, { on: '2026-03-10', from: 'request' }],
    [
      'identity information later',
      { received: '2026-03-10', identityReceived: '2026-03-24' },
      { on: '2026-03-24', from: 'identity' },
    ],
    [
      'identity the same day: nothing moved',
      { received: '2026-03-10', identityReceived: '2026-03-10' },
      { on: '2026-03-10', from: 'request' },
    ],
    [
      'a fee paid after the identity information',
      { received: '2026-03-10', identityReceived: '2026-03-24', feeReceived: '2026-03-30' },
      { on: '2026-03-30', from: 'fee' },
    ],
    [
      'identity information after the fee',
      { received: '2026-03-10', identityReceived: '2026-04-02', feeReceived: '2026-03-30' },
      { on: '2026-04-02', from: 'identity' },
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(clockStart(input)).toEqual(expected);
  });

  it('rejects a malformed date', () => {
    expect(() => clockStart({ received: '2026-03-10', identityReceived: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('the month from the day identity information arrived, across each nation’s bank holidays', () => {
  it.each([
    // identity arrived, nation, due, why
    ['2026-03-24', 'england-and-wales', '2026-04-24', 'the issue’s case: filed 10 March, identity 24 March'],
    ['2026-07-31', 'england-and-wales', '2026-09-01', '31 Aug is the English summer bank holiday'],
    ['2026-07-31', 'scotland', '2026-08-31', '31 Aug is a working day in Scotland'],
    ['2026-07-03', 'scotland', '2026-08-04', '3 Aug is the Scottish summer bank holiday'],
    ['2026-07-03', 'england-and-wales', '2026-08-03', '3 Aug is a working day in England'],
    ['2026-10-30', 'scotland', '2026-12-01', '30 Nov is St Andrew’s Day'],
    ['2026-06-13', 'northern-ireland', '2026-07-14', '13 Jul is the Battle of the Boyne (substitute day)'],
    ['2026-06-13', 'england-and-wales', '2026-07-13', 'not a holiday in England'],
    ['2026-02-17', 'northern-ireland', '2026-03-18', '17 Mar is St Patrick’s Day'],
    ['2026-02-17', 'scotland', '2026-03-17', 'not a holiday in Scotland'],
  ] as const)('identity information on %s (%s) → due %s: %s', (identityReceived, nation, due, _why) => {
    const start = clockStart({ received: '2026-01-05', identityReceived });
    expect(dueDate({ received: start.on, nation })).toBe(due);
  });

  it('a shorter promise counts from the same start, and never passes the legal date', () => {
    const { on } = clockStart({ received: '2026-03-10', identityReceived: '2026-03-24' });
    expect(fixedPeriodDueDate({ received: on, nation: 'england-and-wales', days: 28 })).toBe('2026-04-21');
    expect(fixedPeriodDueDate({ received: on, nation: 'england-and-wales', days: 31 })).toBe('2026-04-24');
  });

  it('the first deadline for an extension counts from the same start', () => {
    const { on } = clockStart({ received: '2026-03-10', identityReceived: '2026-03-24' });
    expect(canExtend({ received: on, nation: 'england-and-wales', today: '2026-04-20' })).toBe(true);
    expect(canExtend({ received: '2026-03-10', nation: 'england-and-wales', today: '2026-04-20' })).toBe(false);
  });
});
