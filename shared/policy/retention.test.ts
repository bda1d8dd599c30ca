import { describe, expect, it } from 'vitest';
import { deletionDate, keptBecause, restricts, undeterminedReason } from './retention.ts';

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

describe('what keeps a record past its date', () => {
  const restriction = { categories: ['payments'], since: '2026-02-01T10:00:00Z', reason: 'Needed for a claim' };
  it('a restriction covers only its categories (or all with *)', () => {
    expect(restricts({ restriction }, 'payments')).toBe(true);
    expect(restricts({ restriction }, 'identity')).toBe(false);
    expect(restricts({ restriction: { ...restriction, categories: '*' } }, 'identity')).toBe(true);
    expect(restricts({}, 'payments')).toBe(false);
  });
  it('names a legal hold first, then a restriction, with its date and reason', () => {
    const hold = { reason: 'A claim', by: 'a@b.example', at: '2026-03-14T09:00:00Z' };
    expect(keptBecause({ category: 'payments', hold }, { restriction })).toBe(
      'Past its deletion date; the retention sweep skips it: under a legal hold since 14 March 2026: A claim',
    );
    expect(keptBecause({ category: 'payments' }, { restriction })).toBe(
      'Past its deletion date; the retention sweep skips it: restricted since 1 February 2026 (Art. 18): Needed for a claim',
    );
    expect(keptBecause({ category: 'identity' }, { restriction })).toBeNull();
  });
});
