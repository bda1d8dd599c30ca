import type { AuditEvent, RightsRequest } from '../entities.ts';
import { ana, bob, event, gone, subjectActor } from './evidence-fixtures.ts';

/**
 * The golden requests besides the completed access one (evidence-fixtures.ts): one of each other
 * kind, in other states and received other ways, with names that need escaping.
 */

/** Refused erasure by letter, answered late, identity checked by documents, trail broken; names that need escaping. */
export const refusedErasure: RightsRequest = {
  id: 'req-2',
  tenant: 'golden-tenant',
  subjectId: 'sub-2',
  reference: 'SJ-2026-000102',
  kind: 'erasure',
  status: 'refused',
  receivedAt: '2026-01-05T15:00:00.000Z',
  receivedOn: '2026-01-05',
  dueOn: '2026-02-05',
  clock: { extensionMonths: 0, pausedDays: 0 },
  details: { reason: '<script>alert("erase me")</script>', accounts: [] },
  history: [
    { at: '2026-01-05T15:00:00.000Z', type: 'received', status: 'received', actor: bob },
    {
      at: '2026-02-20T17:59:59.000Z',
      type: 'refused',
      status: 'refused',
      actor: bob,
      message: 'We must keep invoices for 6 years (HMRC) & "legal claims" <s.19>.',
    },
  ],
  receivedVia: 'letter',
  identity: {
    method: 'documents',
    note: 'Passport & utility bill; name "Zoë" matches',
    at: '2026-01-06T10:00:00.000Z',
    by: 'left@example.co.uk',
  },
  internal: [{ at: '2026-01-05T15:00:00.000Z', type: 'logged', actor: bob, message: 'Letter scanned' }],
  version: 4,
};
export const refusedEvents: AuditEvent[] = [
  event('f1', '2026-02-20T17:59:59.000Z', 'request.refused', bob, {}),
  event('f2', '2026-02-20T18:00:30.000Z', 'mail.sent', { type: 'anonymous' }, { event: 'request-refused', messageId: 'msg-9' }),
];

/** Open portability request by email, still waiting for the requester: no identity check, nothing sent yet. */
export const waitingPortability: RightsRequest = {
  id: 'req-3',
  tenant: 'golden-tenant',
  subjectId: 'sub-3',
  reference: 'SJ-2026-000103',
  kind: 'portability',
  status: 'awaiting-information',
  receivedAt: '2026-04-10T08:00:00.000Z',
  receivedOn: '2026-04-10',
  dueOn: '2026-05-20',
  clock: { extensionMonths: 1, pausedDays: 1, pausedSince: '2026-04-19' },
  details: {},
  history: [
    { at: '2026-04-10T08:00:00.000Z', type: 'received', status: 'received', actor: ana },
    { at: '2026-04-11T08:00:00.000Z', type: 'information-requested', status: 'awaiting-information', actor: ana, message: 'A' },
    { at: '2026-04-12T08:00:00.000Z', type: 'information-provided', status: 'in-progress', actor: subjectActor },
    { at: '2026-04-15T09:00:00.000Z', type: 'extended', status: 'extended', actor: gone, message: 'Awaiting a supplier' },
    { at: '2026-04-19T23:30:00.000Z', type: 'information-requested', status: 'awaiting-information', actor: ana },
  ],
  receivedVia: 'email',
  version: 5,
};

/** Withdrawn objection from the portal, identity by email link: closed without a search or a message. */
export const withdrawnObjection: RightsRequest = {
  id: 'req-4',
  tenant: 'golden-tenant',
  subjectId: 'sub-4',
  reference: 'SJ-2026-000104',
  kind: 'objection',
  status: 'withdrawn',
  receivedAt: '2026-07-01T10:00:00.000Z',
  receivedOn: '2026-07-01',
  dueOn: '2026-08-01',
  clock: { extensionMonths: 0, pausedDays: 0 },
  details: { processing: 'marketing' },
  history: [
    { at: '2026-07-01T10:00:00.000Z', type: 'received', status: 'received', actor: subjectActor },
    { at: '2026-07-02T10:00:00.000Z', type: 'withdrawn', status: 'withdrawn', actor: subjectActor },
  ],
  receivedVia: 'portal',
  identity: { method: 'email-link', note: '', at: '2026-07-01T10:00:00.000Z', by: 'ana@example.co.uk' },
  version: 2,
};

/** Completed rectification, on time, nothing withheld recorded, answered without a message; a fresh request. */
export const completedRectification: RightsRequest = {
  id: 'req-5',
  tenant: 'golden-tenant',
  subjectId: 'sub-5',
  reference: 'SJ-2026-000105',
  kind: 'rectification',
  status: 'completed',
  receivedAt: '2026-10-30T23:30:00.000Z',
  receivedOn: '2026-10-30',
  dueOn: '2026-11-30',
  clock: { extensionMonths: 0, pausedDays: 0 },
  details: { field: 'lastName', correct: 'Ångström' },
  history: [
    { at: '2026-10-30T23:30:00.000Z', type: 'received', status: 'received', actor: subjectActor },
    { at: '2026-10-31T09:00:00.000Z', type: 'completed', status: 'completed', actor: ana },
  ],
  identity: {
    method: 'call-back',
    note: 'Called 01234 567890 from the account',
    at: '2026-10-31T08:00:00.000Z',
    by: 'ana@example.co.uk',
  },
  version: 3,
};
export const rectificationEvents: AuditEvent[] = [
  event('g1', '2026-10-31T09:00:00.000Z', 'request.completed', ana, { searched: 'identity:1,orders:0,support:2' }),
];

/** Received and untouched by phone, known contact; nothing else happened. */
export const receivedRestriction: RightsRequest = {
  id: 'req-6',
  tenant: 'golden-tenant',
  subjectId: 'sub-6',
  reference: 'SJ-2026-000106',
  kind: 'automated-decision',
  status: 'received',
  receivedAt: '2026-06-01T12:00:00.000Z',
  receivedOn: '2026-06-01',
  dueOn: '2026-07-01',
  clock: { extensionMonths: 0, pausedDays: 0 },
  details: { decision: "Credit limit 'auto' decision" },
  history: [{ at: '2026-06-01T12:00:00.000Z', type: 'received', status: 'received', actor: ana }],
  receivedVia: 'phone',
  identity: { method: 'known-contact', note: 'Known voice', at: '2026-06-01T12:05:00.000Z', by: 'bob@example.co.uk' },
  version: 1,
};
