import { describe, expect, it } from 'vitest';
import { HOLD_PERSON_WORDING } from '../data-tools/hold-wording.ts';
import { ALWAYS_KEPT } from './erase.ts';
import { CLAIMS, erase, HMRC, left, record, staff, withAnn } from './erase-fixtures.ts';

describe('what erasure keeps', () => {
  it('erases what no obligation keeps, and says what was erased, category by category', async () => {
    // Prepare
    const centre = withAnn([
      record('id-1', 'identity', '2025-01-01', { data: { email: 'ann@example.com' } }),
      record('t-1', 'tickets'),
      record('t-2', 'tickets'),
    ]);

    // Act
    const report = await erase(centre);

    // Assess
    expect(left(centre)).toEqual([]);
    expect(report).toEqual({
      performed: true,
      whole: true,
      erased: [
        { category: 'identity', name: 'Your contact details', records: 1 },
        { category: 'tickets', name: 'Support tickets', records: 2 },
      ],
      kept: [],
      alwaysKept: ALWAYS_KEPT,
    });
  });

  it('keeps a record under a legal hold, whatever its category, until the hold is lifted', async () => {
    // Prepare
    const hold = { reason: 'Employment tribunal claim 2026/17', by: 'sam@acme.example', at: '2026-01-01T00:00:00.000Z' };
    const centre = withAnn([
      record('t-1', 'tickets', '2025-06-01', { hold }),
      record('t-2', 'tickets'),
      record('t-3', 'tickets', '2025-06-01', { hold }),
    ]);

    // Act
    const report = await erase(centre);

    // Assess
    expect(left(centre)).toEqual(['t-1', 't-3']);
    expect(report.kept).toEqual([
      {
        category: 'tickets',
        name: 'Support tickets',
        records: 2,
        // The person's wording (here the safe default), never the internal reason: no tipping-off.
        reason: HOLD_PERSON_WORDING,
        until: null,
      },
    ]);
    expect(JSON.stringify(report)).not.toContain('tribunal');
    expect(report.erased).toEqual([{ category: 'tickets', name: 'Support tickets', records: 1 }]);
  });

  it('keeps a record its category keeps through erasure until the day its retention ends, and no longer', async () => {
    // Prepare: invoices are kept 72 months from the record
    const centre = withAnn([
      record('inv-a', 'invoices', '2025-01-01'), // until 1 January 2031
      record('inv-b', 'invoices', '2020-03-11'), // until tomorrow
      record('inv-c', 'invoices', '2020-03-10'), // until today: its time has come
      record('inv-d', 'invoices', '2019-12-01'), // past
    ]);

    // Act
    const report = await erase(centre);

    // Assess
    expect(left(centre)).toEqual(['inv-a', 'inv-b']);
    expect(report.kept).toEqual([{ category: 'invoices', name: 'Invoices', records: 2, reason: HMRC, until: '2031-01-01' }]);
    expect(report.erased).toEqual([{ category: 'invoices', name: 'Invoices', records: 2 }]);
  });

  it('reports the latest date a kept category will be deleted by, in whatever order the records come', async () => {
    const centre = withAnn([
      record('inv-a', 'invoices', '2020-03-11'),
      record('inv-b', 'invoices', '2025-01-01'),
      record('inv-c', 'invoices', '2021-01-01'),
    ]);
    expect((await erase(centre)).kept[0]?.until).toBe('2031-01-01');
  });

  it.each([
    // A whole erasure ends a relationship still going: the year counts from today (10 March 2026).
    ['until a year after the erasure, which ends a relationship still going', {}, '*', ['c-1'], '2027-03-10'],
    ['while the relationship lasts, with no date yet, when only some data is erased', {}, ['contracts'], ['c-1'], null],
    ['until a year after the relationship ended', { endedOn: '2025-03-11' }, '*', ['c-1'], '2026-03-11'],
    ['not once that year is over', { endedOn: '2025-03-10' }, '*', [], undefined],
  ] as const)('keeps contracts %s', async (_when, relationship, categories, kept, until) => {
    // Prepare
    const centre = withAnn([record('c-1', 'contracts', '2024-01-01')], {
      relationship: { startedOn: '2019-01-01', ...relationship },
    });

    // Act
    const report = await erase(centre, categories === '*' ? '*' : [...categories], null);

    // Assess
    expect(left(centre)).toEqual(kept);
    expect(report.kept).toEqual(
      until === undefined ? [] : [{ category: 'contracts', name: 'Contracts', records: 1, reason: CLAIMS, until }],
    );
    // The tombstone of a whole erasure carries the end, so the retention sweep finds the date too.
    if (categories === '*' && kept.length)
      expect(centre.state.subjects.get('acme|ann')?.relationship.endedOn).toBe(
        'endedOn' in relationship ? relationship.endedOn : '2026-03-10',
      );
  });

  it('reports a hold and a retention obligation in the same category as two reasons', async () => {
    const hold = {
      reason: 'Disputed invoice, Smith v Acme',
      personWording: 'We need it to settle a dispute about this invoice.',
      by: 'sam@acme.example',
      at: '2026-01-01T00:00:00.000Z',
    };
    const centre = withAnn([record('inv-a', 'invoices', '2025-01-01'), record('inv-b', 'invoices', '2019-01-01', { hold })]);
    expect((await erase(centre)).kept).toEqual([
      { category: 'invoices', name: 'Invoices', records: 1, reason: HMRC, until: '2031-01-01' },
      {
        category: 'invoices',
        name: 'Invoices',
        records: 1,
        reason: 'We need it to settle a dispute about this invoice.',
        until: null,
      },
    ]);
  });

  it('erases, under its own id for a name, a record of a category the policy no longer lists', async () => {
    const centre = withAnn([record('x-1', 'retired-category')]);
    const report = await erase(centre);
    expect(report.erased).toEqual([{ category: 'retired-category', name: 'retired-category', records: 1 }]);
    expect(left(centre)).toEqual([]);
  });

  it('keeps a held record of a category the policy no longer lists, under its id', async () => {
    const hold = { reason: 'Police request', by: 'sam@acme.example', at: '2026-01-01T00:00:00.000Z' };
    const centre = withAnn([record('x-1', 'retired-category', '2025-01-01', { hold })]);
    expect((await erase(centre)).kept).toEqual([
      {
        category: 'retired-category',
        name: 'retired-category',
        records: 1,
        reason: HOLD_PERSON_WORDING,
        until: null,
      },
    ]);
  });
});

describe('a partial erasure', () => {
  it('erases only the categories asked for, touching nothing else', async () => {
    // Prepare
    const centre = withAnn([record('id-1', 'identity'), record('t-1', 'tickets'), record('inv-a', 'invoices', '2025-01-01')]);
    centre.state.sessions.push({ tenant: 'acme', subjectId: 'ann' });
    centre.state.consents.set('acme|ann', []);

    // Act
    const report = await erase(centre, ['tickets', 'invoices'], null);

    // Assess
    expect(left(centre)).toEqual(['id-1', 'inv-a']);
    expect(report).toMatchObject({
      performed: true,
      whole: false,
      erased: [{ category: 'tickets', records: 1 }],
      kept: [{ category: 'invoices' }],
    });
    expect(centre.state.sessions).toHaveLength(1);
    expect(centre.state.consents.has('acme|ann')).toBe(true);
    expect(centre.state.suppressions.size).toBe(0);
    expect(centre.state.subjects.get('acme|ann')?.email).toBe('ann@example.com');
    expect(centre.trail.stored('acme').map((e) => [e.action, e.actor, e.subjectId, e.detail])).toEqual([
      ['erasure.records_deleted', staff, 'ann', { records: 1, categories: 'tickets' }],
      ['erasure.completed', staff, 'ann', { whole: false, erased: 1, kept: 1, keptCategories: 'invoices' }],
    ]);
  });
});
