import { describe, expect, it } from 'vitest';
import { keyedHash } from '../crypto.ts';
import type { RightsRequest } from '../entities.ts';
import type { ExportJob } from '../exports/ports.ts';
import { hashKeys } from '../hash-keys.ts';
import { ALWAYS_KEPT, erasedMarker, eraseSubject } from './erase.ts';

const REMOVED = '[removed on erasure]';
const STAFF_NOTE = 'Called 07700 900652 (on file); confirmed postcode MK9 2AH';

import { erase, hashKey, left, now, record, staff, tenant, withAnn } from './erase-fixtures.ts';

describe('a whole erasure', () => {
  function story() {
    const centre = withAnn([
      record('id-1', 'identity', '2025-01-01', { data: { email: 'ann@example.com', mobile: '07700 900123' } }),
      record('t-1', 'tickets'),
    ]);
    const { state, trail } = centre;
    state.sessions.push({ tenant: 'acme', subjectId: 'ann' }, { tenant: 'acme', subjectId: 'bob' });
    state.tokens.push({ tenant: 'acme', subjectId: 'ann' }, { tenant: 'acme', subjectId: 'bob' });
    state.pendingMail.push({ tenant: 'acme', subjectId: 'ann' }, { tenant: 'acme', subjectId: 'bob' });
    state.consents.set('acme|ann', [
      {
        id: 'c1',
        at: '2025-01-01T00:00:00Z',
        channel: 'email',
        topic: 'news',
        granted: true,
        wording: 'w',
        policyVersion: '1',
        lawfulBasis: 'consent',
        source: 'portal',
      },
    ]);
    const request: RightsRequest = {
      id: 'req-9',
      tenant: 'acme',
      subjectId: 'ann',
      reference: 'ACM-2026-000009',
      kind: 'erasure',
      status: 'in-progress',
      receivedAt: '2026-03-01T10:00:00.000Z',
      receivedOn: '2026-03-01',
      dueOn: '2026-04-01',
      clock: { extensionMonths: 0, pausedDays: 0 },
      details: {
        scope: 'all',
        categories: ['tickets'],
        reason: 'no-longer-needed',
        description: 'I left in 2024, my manager was awful',
        categoryNames: ['Support tickets'],
        category: 'tickets',
        categoryName: 'Support tickets',
        fieldLabel: 'Last name',
        processing: 'profiling',
        processingName: 'Profiling',
        correction: 'Jones, not Smith',
      },
      history: [
        {
          at: '2026-03-01T10:00:00.000Z',
          type: 'received',
          status: 'received',
          actor: { type: 'subject', id: 'ann' },
          message: 'Please erase me',
        },
        { at: '2026-03-02T10:00:00.000Z', type: 'started', status: 'in-progress', actor: staff, message: 'We are on it' },
        {
          at: '2026-03-02T10:30:00.000Z',
          type: 'extended',
          status: 'extended',
          actor: staff,
          message: 'Your MK9 2AH file is archived',
        },
        {
          at: '2026-03-03T10:00:00.000Z',
          type: 'information-provided',
          status: 'in-progress',
          actor: { type: 'subject', id: 'ann' },
        },
      ],
      // What staff wrote about her: the identity check, notes, a search, who acted for her.
      identity: { method: 'call-back', note: STAFF_NOTE, at: '2026-03-02T10:00:00.000Z', by: 'sam@acme.example' },
      internal: [
        {
          at: '2026-03-01T10:00:00.000Z',
          type: 'logged',
          actor: staff,
          message: 'Received by phone on 2026-03-01. Ann, MK9 2AH',
        },
        { at: '2026-03-02T10:00:00.000Z', type: 'assigned', actor: staff, message: 'Assigned to Sam Taylor' },
        { at: '2026-03-02T10:00:00.000Z', type: 'identity-verified', actor: staff, message: STAFF_NOTE },
        { at: '2026-03-02T11:00:00.000Z', type: 'note', actor: staff, message: 'Her husband called too: 07700 900652' },
      ],
      searches: [
        {
          id: 's-1',
          place: 'Paper HR files',
          identity: 'Ann Smith, MK9 2AH',
          searchedOn: '2026-03-02',
          by: staff,
          automatic: false,
          found: true,
          count: 2,
          note: 'Two letters to 07700 900652',
          recordedAt: '2026-03-02T12:00:00.000Z',
        },
      ],
      onBehalf: {
        name: 'Ben Smith',
        email: 'ben@example.com',
        capacity: 'attorney',
        authority: 'Lasting power of attorney LPA-77',
        checked: 'Checked the LPA with the OPG, MK9 2AH',
        recordedBy: 'staff',
      },
      version: 4,
    };
    state.requests.set('acme|req-9', request);
    // An older request of theirs, redacted too
    state.requests.set('acme|req-3', { ...request, id: 'req-3', kind: 'access', details: {}, history: [], version: 1 });
    const job = (id: string, subjectId: string, blobKey?: string) =>
      ({ id, tenant: 'acme', subjectId, ...(blobKey ? { blobKey } : {}) }) as unknown as ExportJob;
    state.exports.push(job('x-1', 'ann', 'exports/x-1.zip'), job('x-2', 'ann'), job('x-3', 'bob', 'exports/x-3.zip'));
    state.blobs.add('exports/x-1.zip').add('exports/x-3.zip');
    trail.write(
      'acme',
      [
        {
          action: 'profile.field_changed',
          actor: { type: 'subject', id: 'ann' },
          subjectId: 'ann',
          personal: { old: 'Smith', new: 'Jones' },
        },
      ],
      '2026-02-01T00:00:00.000Z',
    );
    trail.write(
      'acme',
      [
        {
          action: 'profile.field_changed',
          actor: { type: 'subject', id: 'bob' },
          subjectId: 'bob',
          personal: { old: 'B', new: 'C' },
        },
      ],
      '2026-02-01T00:00:00.000Z',
    );
    return centre;
  }

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
      ['erasure.completed', { requestId: 'req-9', whole: true, erased: 2, kept: 0, keptCategories: '' }],
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
