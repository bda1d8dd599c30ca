import { describe, expect, it } from 'vitest';
import { memoryDeps } from '../../test/support/in-memory/deps.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import { keyedHash } from '../crypto.ts';
import type { DataRecord, RightsRequest, Subject } from '../entities.ts';
import type { ExportJob } from '../exports/ports.ts';
import { ALWAYS_KEPT, type ErasureReport, erasedMarker, eraseSubject, erasureLetter } from './erase.ts';

const tenant = testTenant();
const hashKey = 'test-hash-key';
// Today is 10 March 2026 in the UK.
const now = new Date('2026-03-10T12:00:00.000Z');
const staff = { type: 'staff', id: 'sam@acme.example' } as const;
const HMRC = 'HMRC requires us to keep invoices for six years.';
const CLAIMS = 'We may need them to defend a legal claim.';

const record = (id: string, category: string, recordedOn = '2025-06-01', extra: Partial<DataRecord> = {}): DataRecord => ({
  id,
  category,
  recordedOn,
  data: { note: id },
  ...extra,
});

/** Ann, with records in each category, and what a whole erasure must also reach. */
function withAnn(records: DataRecord[], subject: Partial<Subject> = {}) {
  const centre = memoryDeps(tenant, now, hashKey);
  const ann: Subject = {
    id: 'ann',
    tenant: 'acme',
    email: 'ann@example.com',
    relationship: { startedOn: '2019-01-01' },
    createdAt: '2019-01-01T00:00:00.000Z',
    version: 3,
    ...subject,
  };
  centre.state.subjects.set('acme|ann', ann);
  centre.state.records.set('acme|ann', records);
  return centre;
}

const erase = (centre: ReturnType<typeof withAnn>, categories: '*' | string[] = '*', requestId: string | null = 'req-9') =>
  eraseSubject(centre.deps, { tenant, subjectId: 'ann', categories, actor: staff, ...(requestId ? { requestId } : {}) });

const left = (centre: ReturnType<typeof withAnn>) => (centre.state.records.get('acme|ann') ?? []).map((r) => r.id).sort();

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
        reason: 'Kept under a legal hold: Employment tribunal claim 2026/17',
        until: null,
      },
    ]);
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
    ['while the relationship lasts, with no date yet', {}, ['c-1'], null],
    ['until a year after the relationship ended', { endedOn: '2025-03-11' }, ['c-1'], '2026-03-11'],
    ['not once that year is over', { endedOn: '2025-03-10' }, [], undefined],
  ])('keeps contracts %s', async (_when, relationship, kept, until) => {
    // Prepare
    const centre = withAnn([record('c-1', 'contracts', '2024-01-01')], {
      relationship: { startedOn: '2019-01-01', ...relationship },
    });

    // Act
    const report = await erase(centre);

    // Assess
    expect(left(centre)).toEqual(kept);
    expect(report.kept).toEqual(
      until === undefined ? [] : [{ category: 'contracts', name: 'Contracts', records: 1, reason: CLAIMS, until }],
    );
  });

  it('reports a hold and a retention obligation in the same category as two reasons', async () => {
    const hold = { reason: 'Disputed invoice', by: 'sam@acme.example', at: '2026-01-01T00:00:00.000Z' };
    const centre = withAnn([record('inv-a', 'invoices', '2025-01-01'), record('inv-b', 'invoices', '2019-01-01', { hold })]);
    expect((await erase(centre)).kept).toEqual([
      { category: 'invoices', name: 'Invoices', records: 1, reason: HMRC, until: '2031-01-01' },
      { category: 'invoices', name: 'Invoices', records: 1, reason: 'Kept under a legal hold: Disputed invoice', until: null },
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
        reason: 'Kept under a legal hold: Police request',
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
          at: '2026-03-03T10:00:00.000Z',
          type: 'information-provided',
          status: 'in-progress',
          actor: { type: 'subject', id: 'ann' },
        },
      ],
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
    await erase(centre);

    // Assess
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
    expect([...(centre.state.suppressions.get('acme') ?? [])]).toEqual([
      [keyedHash(hashKey, 'suppress:acme:email:ann@example.com'), reason],
      [keyedHash(hashKey, 'suppress:acme:phone:07700900123'), reason],
      [keyedHash(hashKey, 'erased:acme:ann@example.com'), reason],
    ]);
    expect(erasedMarker(hashKey, 'acme', ' ANN@example.com')).toBe(keyedHash(hashKey, 'erased:acme:ann@example.com'));
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
    expect(kept.history.map((h) => h.message)).toEqual(['[removed on erasure]', 'We are on it', undefined]);
    expect(kept.version).toBe(5);
    expect(kept.reference).toBe('ACM-2026-000009');
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
    expect(ALWAYS_KEPT[0]).toMatch(/^A record of your requests to us and how we handled them \(without what you wrote in them\)/);
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
