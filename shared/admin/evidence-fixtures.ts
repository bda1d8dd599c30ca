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
