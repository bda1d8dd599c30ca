import { describe, expect, it } from 'vitest';
import { ALWAYS_KEPT, type ErasureReport, erasureLetter } from './erase.ts';
import { CLAIMS, HMRC } from './erase-fixtures.ts';

describe('erasureLetter', () => {
  const date = (d: string) => `[${d}]`;
  const report = (r: Partial<ErasureReport>): ErasureReport => ({
    performed: true,
    whole: false,
    erased: [],
    kept: [],
    alwaysKept: ALWAYS_KEPT,
    ...r,
  });

  it('tells the subject what survives every erasure: the record of their requests, and their hashed addresses', () => {
    expect(ALWAYS_KEPT).toHaveLength(2);
    expect(ALWAYS_KEPT[0]).toMatch(
      /^A record of your requests to us and how we handled them \(without what you or our staff wrote in them about you\)/,
    );
    expect(ALWAYS_KEPT[1]).toMatch(/^A coded \(hashed\) form of your email address and phone number on our do-not-contact list/);
  });

  it('says the data had already gone on a repeat', () => {
    expect(erasureLetter(report({ performed: false, whole: true }), date)).toBe(
      'We hold no personal data about you any more: it had already been erased.',
    );
  });

  it('lists what was erased and what was kept, why, and until when', () => {
    const letter = erasureLetter(
      report({
        erased: [
          { category: 'tickets', name: 'Support tickets', records: 2 },
          { category: 'identity', name: 'Your contact details', records: 1 },
        ],
        kept: [
          { category: 'invoices', name: 'Invoices', records: 3, reason: HMRC, until: '2031-01-01' },
          { category: 'contracts', name: 'Contracts', records: 1, reason: CLAIMS, until: null },
        ],
      }),
      date,
    );
    expect(letter).toBe(
      [
        'We have erased: Support tickets (2 records); Your contact details (1 record).',
        `We have kept Invoices (3 records) because: ${HMRC} We will delete it by [2031-01-01].`,
        `We have kept Contracts (1 record) because: ${CLAIMS}`,
      ].join('\n'),
    );
  });

  it('says when nothing could be erased, and adds what every whole erasure keeps', () => {
    expect(erasureLetter(report({ whole: true }), date)).toBe(
      ['There was nothing we could erase in what you asked.', ...ALWAYS_KEPT.map((a) => `We also keep: ${a}`)].join('\n'),
    );
  });
});
