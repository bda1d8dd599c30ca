import { readFileSync } from 'node:fs';
import type { VerifyResult } from '../audit/chain.ts';
import type { AuditEvent, RightsRequest, StaffMember } from '../entities.ts';
import { parseTenantConfig } from '../policy/parse.ts';
import type { StaffContext } from './context.ts';

/** The requests, events and people the evidence pack's golden files are made from (evidence.test.ts). */

export const base = parseTenantConfig(
  JSON.parse(readFileSync('tenants/inflection-point/policy.json', 'utf8')),
  'inflection-point',
);
export const [c0, c1, c2] = base.categories as [
  (typeof base.categories)[0],
  (typeof base.categories)[0],
  (typeof base.categories)[0],
];
// Everything the pack shows of the tenant is fixed here, so an edit to the demo tenant cannot move the goldens.
export const tenant = {
  ...base,
  slug: 'golden-tenant',
  systems: [],
  name: 'Smith & Jones',
  legalName: 'Smith & Jones <Holdings> "UK" Ltd',
  policyVersion: 'Policy v3 (1 March 2026) & addendum <draft>',
  categories: [
    { ...c0, id: 'identity', name: 'Your name & contact details' },
    { ...c1, id: 'orders', name: 'Orders "and" invoices' },
    { ...c2, id: 'support', name: 'Support tickets <email>' },
  ],
};

export const staff: StaffMember[] = [
  {
    tenant: 'golden-tenant',
    email: 'ana@example.co.uk',
    name: 'Ana Müller-Ødegård',
    role: 'admin',
    active: true,
    source: 'config',
    version: 1,
  },
  {
    tenant: 'golden-tenant',
    email: 'bob@example.co.uk',
    name: "Bob O'Brien <lead>",
    role: 'handler',
    active: true,
    source: 'admin',
    version: 1,
  },
];
export const ctx: StaffContext = { tenant, member: staff[0] as StaffMember };
export const ana = { type: 'staff', id: 'ana@example.co.uk' } as const;
export const bob = { type: 'staff', id: 'bob@example.co.uk' } as const;
export const gone = { type: 'staff', id: 'left@example.co.uk' } as const;
export const subjectActor = { type: 'subject', id: 'sub-1' } as const;

export const chainOk: VerifyResult = {
  ok: true,
  checked: 42,
  head: { seq: 42, hash: '9f2c1a7be0d44c3f8a51e6b2d7c90f1e3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9' },
  firstBroken: null,
};
export const chainBroken: VerifyResult = {
  ok: false,
  checked: 16,
  head: chainOk.head,
  firstBroken: { seq: 17, id: 'ev-17', at: '2026-03-05T10:00:00.000Z', problem: 'its content was changed after it was written' },
};

export const event = (
  id: string,
  at: string,
  action: string,
  actor: AuditEvent['actor'],
  detail: AuditEvent['detail'] = {},
): AuditEvent => ({
  id,
  tenant: 'golden-tenant',
  at,
  action,
  actor,
  subjectId: 'sub-1',
  detail: { requestId: 'req-1', ...detail },
});

/** Completed access request from the portal: a pause, an extension, a search with withheld items, deliveries. */
export const completedAccess: RightsRequest = {
  id: 'req-1',
  tenant: 'golden-tenant',
  subjectId: 'sub-1',
  reference: 'SJ-2026-000101',
  kind: 'access',
  status: 'completed',
  receivedAt: '2026-03-02T09:15:00.000Z',
  receivedOn: '2026-03-02',
  dueOn: '2026-06-10',
  clock: { extensionMonths: 2, extensionReason: 'Complex', pausedDays: 8 },
  details: { scope: ['orders', 'support'], note: 'Everything since 2019, please & thanks' },
  history: [
    { at: '2026-03-02T09:15:00.000Z', type: 'received', status: 'received', actor: subjectActor },
    { at: '2026-03-03T10:00:00.000Z', type: 'started', status: 'in-progress', actor: ana },
    {
      at: '2026-03-04T11:00:00.000Z',
      type: 'information-requested',
      status: 'awaiting-information',
      actor: ana,
      message: 'Which "account" number did you use?',
    },
    {
      at: '2026-03-12T16:30:00.000Z',
      type: 'information-provided',
      status: 'in-progress',
      actor: subjectActor,
      message: "It's 12 <or> 13",
    },
    {
      at: '2026-03-20T12:00:00.000Z',
      type: 'extended',
      status: 'extended',
      actor: bob,
      message: 'Many systems & archives to search',
    },
    {
      at: '2026-05-28T14:45:10.000Z',
      type: 'completed',
      status: 'completed',
      actor: ana,
      message: 'Your data is attached. Some items are withheld: see "Withheld".',
    },
  ],
  identity: undefined,
  internal: [
    { at: '2026-03-02T13:00:00.000Z', type: 'assigned', actor: bob, message: 'ana@example.co.uk' },
    { at: '2026-03-05T08:00:00.000Z', type: 'note', actor: ana, message: 'Called <script>alert(1)</script> & left a message' },
  ],
  version: 9,
};
export const completedEvents: AuditEvent[] = [
  event('e1', '2026-03-02T09:15:01.000Z', 'request.received', subjectActor),
  event('e2', '2026-03-02T09:16:00.000Z', 'mail.sent', { type: 'system' }, { event: 'request-received', messageId: 'msg-0001' }),
  event('e3', '2026-03-03T09:59:00.000Z', 'staff.viewed_request', ana),
  event(
    'e4',
    '2026-03-04T11:01:00.000Z',
    'mail.sent',
    { type: 'system' },
    { event: 'information-requested', messageId: 'msg-0002' },
  ),
  event('e5', '2026-05-27T10:00:00.000Z', 'export.started', ana),
  event('e6', '2026-05-27T10:05:00.000Z', 'export.failed', { type: 'system' }),
  event('e7', '2026-05-27T10:20:00.000Z', 'export.retried', ana),
  event('e8', '2026-05-27T10:25:00.000Z', 'export.ready', { type: 'system' }),
  event('e9', '2026-05-28T14:45:10.000Z', 'request.completed', ana, {
    searched: 'identity:1,orders:14,support:0,legacy-crm:3',
    withheld: 'Two emails naming other customers <redacted> & one "legal" note',
  }),
  event(
    'e10',
    '2026-05-28T14:46:00.000Z',
    'mail.sent',
    { type: 'system' },
    { event: 'request-completed', messageId: 'msg-<0003>&"x"' },
  ),
  event('e11', '2026-05-29T08:00:00.000Z', 'export.downloaded', subjectActor),
  event('e12', '2026-05-30T08:00:00.000Z', 'staff.downloaded_evidence', gone),
  event('e13', '2026-05-30T08:00:01.000Z', 'request.note_added', ana),
];

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
