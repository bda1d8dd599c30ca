import type { RightsRequest } from '../entities.ts';
import type { ExportJob } from '../exports/ports.ts';
import { record, staff, withAnn } from './erase-fixtures.ts';

const STAFF_NOTE = 'Called 07700 900652 (on file); confirmed postcode MK9 2AH';

/**
 * Ann's whole story before a whole erasure (erase-whole.test.ts): her records, sessions, links,
 * unsent mail, consent, exports, an erasure request full of what she and staff wrote about her,
 * an older request, and a profile change in the audit trail; Bob's beside hers, to stay untouched.
 */
export function wholeErasureStory() {
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
  // Each changed their own name once.
  for (const [subjectId, old, changed] of [
    ['ann', 'Smith', 'Jones'],
    ['bob', 'B', 'C'],
  ] as const) {
    trail.write(
      'acme',
      [
        {
          action: 'profile.field_changed',
          actor: { type: 'subject', id: subjectId },
          subjectId,
          personal: { old, new: changed },
        },
      ],
      '2026-02-01T00:00:00.000Z',
    );
  }
  return centre;
}
