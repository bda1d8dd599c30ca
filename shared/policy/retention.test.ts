import { describe, expect, it } from 'vitest';
import { deletionDate, undeterminedReason } from './retention.ts';

const ongoing = { relationship: { startedOn: '2020-01-01' } };
const ended = { relationship: { startedOn: '2020-01-01', endedOn: '2026-05-31' } };

describe('deletionDate', () => {
  it.each([
    ['a call recording kept 3 months', { kind: 'after-record', months: 3 }, '2026-08-14', ongoing, '2026-11-14'],
    [
      'a record made on 30 November kept 3 months (no 30 February)',
      { kind: 'after-record', months: 3 },
      '2025-11-30',
      ongoing,
      '2026-02-28',
    ],
    ['7 years after the relationship ended', { kind: 'after-relationship', months: 84 }, '2021-03-01', ended, '2033-05-31'],
    [
      '6 months after a relationship ended on 31 May',
      { kind: 'after-relationship', months: 6 },
      '2024-01-01',
      ended,
      '2026-11-30',
    ],
  ] as const)('dates %s', (_name, rule, recordedOn, subject, expected) => {
    expect(deletionDate(rule, recordedOn, subject)).toBe(expected);
  });

  it('has no date while the relationship is ongoing, and says why', () => {
    const rule = { kind: 'after-relationship', months: 84 } as const;
    expect(deletionDate(rule, '2026-01-01', ongoing)).toBeNull();
    expect(undeterminedReason(rule)).toMatch(/relationship/);
  });

  it('has no date for data kept until consent is withdrawn', () => {
    expect(deletionDate({ kind: 'until-withdrawn' }, '2026-01-01', ended)).toBeNull();
    expect(undeterminedReason({ kind: 'until-withdrawn' })).toMatch(/withdraw/);
  });
});
