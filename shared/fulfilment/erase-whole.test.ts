import { describe, expect, it } from 'vitest';
import { keyedHash } from '../crypto.ts';
import { hashKeys } from '../hash-keys.ts';
import { ALWAYS_KEPT, erasedMarker, eraseSubject } from './erase.ts';
import { erase, hashKey, left, now, record, staff, tenant, withAnn } from './erase-fixtures.ts';
import { wholeErasureStory as story } from './erase-whole-fixtures.ts';

const REMOVED = '[removed on erasure]';

describe('a whole erasure', () => {
  it('ends their sessions and links, deletes their consent ledger, unsent mail and exports, and only theirs', async () => {
    // Prepare
    const centre = story();

    // Act
    const report = await erase(centre);

    // Assess: the letter counts the consent history it erased
    expect(report.erased.find((e) => e.category === 'marketing-preferences')?.records).toBe(1);
    const { state } = centre;
    expect(state.sessions).toEqual([{ tenant: 'acme', subjectId: 'bob' }]);
    expect(state.tokens).toEqual([{ tenant: 'acme', subjectId: 'bob' }]);
    expect(state.pendingMail).toEqual([{ tenant: 'acme', subjectId: 'bob' }]);
    expect(state.consents.has('acme|ann')).toBe(false);
    expect(state.exports.map((j) => j.id)).toEqual(['x-3']);
    expect([...state.blobs]).toEqual(['exports/x-3.zip']);
  });

  it('puts their addresses on the do-not-contact list, and a marker that keeps them from being imported again', async () => {
    // Prepare: a record of a retired category comes before the identity record in key order
    const centre = story();
    centre.state.records.get('acme|ann')?.push(record('f-1', 'feedback'));

    // Act
    await erase(centre);

    // Assess
    const reason = 'erased: never contact again, never import again';
    // The addresses under acme's own suppression key (what its mail tools can match), stored `s1:<hex>`.
    const acmeKey = keyedHash(hashKey, 'suppression-key:v2:acme');
    expect([...(centre.state.suppressions.get('acme') ?? [])]).toEqual([
      [`s1:${keyedHash(acmeKey, 'email:ann@example.com')}`, reason],
      [`s1:${keyedHash(acmeKey, 'phone:07700900123')}`, reason],
      [keyedHash(hashKey, 'erased:acme:ann@example.com'), reason],
    ]);
    expect(erasedMarker(hashKeys(hashKey), 'acme', ' ANN@example.com')).toBe(keyedHash(hashKey, 'erased:acme:ann@example.com'));
  });

  it('keeps their requests as facts and our words, removing theirs', async () => {
    // Prepare
    const centre = story();

    // Act
    await erase(centre);

    // Assess
    const kept = centre.state.requests.get('acme|req-9')!;
    expect(kept.details).toEqual({
      scope: 'all',
      categories: ['tickets'],
      reason: 'no-longer-needed',
      description: '[removed on erasure]',
      categoryNames: ['Support tickets'],
      category: 'tickets',
      categoryName: 'Support tickets',
      fieldLabel: 'Last name',
      processing: 'profiling',
      processingName: 'Profiling',
      correction: '[removed on erasure]',
    });
    expect(centre.state.requests.get('acme|req-3')?.version).toBe(2);
    expect(kept.history.map((h) => h.message)).toEqual([REMOVED, REMOVED, REMOVED, undefined]);
    expect(kept.version).toBe(5);
    expect(kept.reference).toBe('ACM-2026-000009');
  });

  it('removes what staff wrote about her too: the identity check, notes, searches, reasons, who acted for her', async () => {
    // Prepare
    const centre = story();
    centre.state.requests.set('acme|req-9', {
      ...centre.state.requests.get('acme|req-9')!,
      clock: { extensionMonths: 1, pausedDays: 0, extensionReason: 'Your MK9 2AH file is archived' },
    });

    // Act
    await erase(centre);

    // Assess: nothing left that names her, in any request of hers
    const kept = centre.state.requests.get('acme|req-9')!;
    const text = JSON.stringify([...centre.state.requests.values()]);
    for (const trace of ['07700 900652', 'MK9 2AH', 'Ann', 'Ben', 'ben@example.com', 'LPA-77']) expect(text).not.toContain(trace);
    expect(kept.identity).toMatchObject({ method: 'call-back', note: REMOVED });
    expect(kept.internal?.map((i) => [i.type, i.message])).toEqual([
      ['logged', REMOVED],
      ['assigned', 'Assigned to Sam Taylor'],
      ['identity-verified', REMOVED],
      ['note', REMOVED],
    ]);
    expect(kept.searches).toMatchObject([{ place: 'Paper HR files', identity: REMOVED, found: true, count: 2, note: REMOVED }]);
    expect(kept.onBehalf).toEqual({
      name: REMOVED,
      capacity: 'attorney',
      authority: REMOVED,
      checked: REMOVED,
      recordedBy: 'staff',
    });
    expect(kept.clock.extensionReason).toBe(REMOVED);
  });

  it('removes the personal part of their audit events only, and the chain of events stays whole', async () => {
    // Prepare
    const centre = story();

    // Act
    await erase(centre);

    // Assess
    const changes = centre.trail.stored('acme').filter((e) => e.action === 'profile.field_changed');
    expect(changes.map((e) => [e.subjectId, e.personal])).toEqual([
      ['ann', undefined],
      ['bob', { old: 'B', new: 'C' }],
    ]);
  });

  it('audits every step against the request, and ends with a summary', async () => {
    // Prepare
    const centre = story();

    // Act
    await erase(centre);

    // Assess
    const steps = centre.trail.stored('acme').filter((e) => e.action !== 'profile.field_changed');
    expect(steps.map((e) => [e.action, e.detail])).toEqual([
      ['erasure.records_deleted', { requestId: 'req-9', records: 2, categories: 'identity,tickets' }],
      ['erasure.sessions_ended', { requestId: 'req-9' }],
      ['marketing.suppressed', { requestId: 'req-9', reason: 'erasure' }],
      ['erasure.request_redacted', { requestId: 'req-9' }],
      ['erasure.request_redacted', { requestId: 'req-3' }],
      ['erasure.export_deleted', { requestId: 'req-9', exportId: 'x-1' }],
      ['erasure.export_deleted', { requestId: 'req-9', exportId: 'x-2' }],
      // Her relationship was still going: the erasure ends it (what is kept then has a date).
      [
        'erasure.completed',
        { requestId: 'req-9', whole: true, erased: 2, kept: 0, keptCategories: '', relationshipEndedOn: '2026-03-10' },
      ],
    ]);
    expect(steps.every((e) => e.subjectId === 'ann')).toBe(true);
    expect(steps.every((e) => JSON.stringify(e.actor) === JSON.stringify(staff))).toBe(true);
  });

  it('removes the subject entirely when nothing is kept', async () => {
    const centre = story();
    await erase(centre);
    expect(centre.state.subjects.has('acme|ann')).toBe(false);
  });

  it('leaves a tombstone without their address when records are kept, so the retention sweep still finds them', async () => {
    // Prepare
    const centre = story();
    centre.state.records.get('acme|ann')?.push(record('inv-a', 'invoices', '2025-01-01'), record('c-1', 'contracts'));

    // Act
    await erase(centre);

    // Assess
    expect(centre.state.subjects.get('acme|ann')).toMatchObject({ id: 'ann', email: '', erasedAt: now.toISOString() });
    expect(left(centre)).toEqual(['c-1', 'inv-a']);
    expect(centre.trail.stored('acme').at(-1)).toMatchObject({
      action: 'erasure.completed',
      detail: { requestId: 'req-9', whole: true, erased: 2, kept: 2, keptCategories: 'contracts,invoices' },
    });
  });

  it.each([
    [170, [80, 80, 10]],
    [160, [80, 80]],
  ])('deletes %i records in batches of 80 (%o), each audited', async (count, batches) => {
    // Prepare
    const centre = withAnn(Array.from({ length: count }, (_, i) => record(`t-${String(i).padStart(3, '0')}`, 'tickets')));

    // Act
    const report = await erase(centre, ['tickets']);

    // Assess
    expect(left(centre)).toEqual([]);
    expect(report.erased).toEqual([{ category: 'tickets', name: 'Support tickets', records: count }]);
    expect(centre.trail.stored('acme').map((e) => [e.action, e.detail?.records])).toEqual([
      ...batches.map((n) => ['erasure.records_deleted', n]),
      ['erasure.completed', undefined],
    ]);
  });

  it('finds nothing left on a second run and changes nothing', async () => {
    // Prepare
    const centre = story();
    centre.state.records.get('acme|ann')?.push(record('inv-a', 'invoices', '2025-01-01'));
    await erase(centre);
    const written = centre.trail.stored('acme').length;

    // Act
    const again = await erase(centre);

    // Assess
    expect(again).toEqual({ performed: false, whole: true, erased: [], kept: [], alwaysKept: ALWAYS_KEPT });
    expect(centre.trail.stored('acme')).toHaveLength(written);
    expect(left(centre)).toEqual(['inv-a']);
  });

  it('finds nothing to do for a person not known here', async () => {
    const centre = withAnn([]);
    const report = await eraseSubject(centre.deps, { tenant, subjectId: 'nobody', categories: ['tickets'], actor: staff });
    expect(report).toEqual({ performed: false, whole: false, erased: [], kept: [], alwaysKept: ALWAYS_KEPT });
  });
});
