import type { AuditEvent, RightsRequest, StaffMember } from '../entities.ts';
import type { SystemDeclaration } from '../systems/declaration.ts';
import { calls, m365, fixtureStep as step } from '../systems/fixtures.ts';
import type { SystemResult } from '../systems/outcome.ts';
import type { SystemRun } from '../systems/ports.ts';
import type { StaffContext } from './context.ts';
import { ana, bob, completedAccess, event, staff, subjectActor, tenant } from './evidence-fixtures.ts';

/** The golden tenant with connected systems declared: Microsoft 365, a PSA, a manual system and one never searched. */
const KEEP = 'The support history of the client business is kept for its contract & audit.';
const systems: SystemDeclaration[] = [
  {
    ...m365,
    name: 'Microsoft 365 <Harbourside>',
    operatedBy: { by: 'client', organisation: 'Harbourside Dental' },
    may: ['find', 'read', 'erase'],
  },
  {
    id: 'halo',
    name: 'HaloPSA',
    kind: 'halopsa',
    operatedBy: { by: 'msp' },
    identities: ['email'],
    may: ['find', 'read', 'erase', 'anonymise'],
    objects: [
      {
        object: 'user',
        category: 'identity',
        erasure: { mode: 'anonymise', fields: { name: { action: 'anonymise', value: 'Erased' } } },
      },
      { object: 'ticket', category: 'support', erasure: { mode: 'keep', fields: {}, retention: 'support', reason: KEEP } },
    ],
  },
  {
    ...calls,
    id: 'calls',
    name: 'Call recordings',
    objects: [{ object: 'records', category: 'support' }],
    instructions: { erase: 'Delete the recordings in the portal.' },
  },
];

export const systemsCtx: StaffContext = { tenant: { ...tenant, systems }, member: staff[0] as StaffMember };

const erasure: SystemResult[] = [
  {
    step: step('m365', 'Microsoft 365 <Harbourside>', 'erase'),
    outcome: { state: 'done', at: '2026-09-02T10:00:05.000Z', records: [{ ref: 'user:u-1', object: 'user', result: 'erased' }] },
  },
  {
    step: step('halo', 'HaloPSA', 'erase'),
    outcome: {
      state: 'done',
      at: '2026-09-02T10:00:07.000Z',
      records: [
        { ref: 'user:31', object: 'user', result: 'anonymised', fields: ['name', 'emailaddress', 'phonenumber'] },
        { ref: 'ticket:1', object: 'ticket', result: 'kept', retention: 'support', reason: KEEP },
        { ref: 'ticket:2', object: 'ticket', result: 'kept', retention: 'support', reason: KEEP },
        { ref: 'action:9', object: 'action', result: 'absent' },
      ],
    },
  },
  {
    step: step('calls', 'Call recordings', 'erase', false),
    outcome: {
      state: 'resolved',
      resolution: {
        reason: 'done-by-hand',
        note: 'Portal was down for the centre; deleted 2 recordings by hand "in the portal".',
        by: bob.id,
        at: '2026-09-03T15:30:00.000Z',
        count: 2,
      },
    },
  },
];

export const erasureRun: SystemRun = {
  tenant: 'golden-tenant',
  subjectId: 'sub-7',
  requestId: 'req-7',
  operation: 'erase',
  results: erasure,
  requestedAt: '2026-09-02T10:00:00.000Z',
  requestedBy: ana.id,
  updatedAt: '2026-09-03T15:30:00.000Z',
  version: 4,
  searched: [
    {
      step: step('halo', 'HaloPSA', 'read'),
      outcome: { state: 'found', count: 4, at: '2026-09-02T09:00:05.000Z', records: [] },
    },
  ],
};

export const completedErasure: RightsRequest = {
  ...completedAccess,
  id: 'req-7',
  subjectId: 'sub-7',
  reference: 'SJ-2026-000107',
  kind: 'erasure',
  receivedAt: '2026-09-01T08:00:00.000Z',
  receivedOn: '2026-09-01',
  dueOn: '2026-10-01',
  clock: { extensionMonths: 0, pausedDays: 0 },
  details: { scope: 'everything' },
  internal: [],
  history: [
    { at: '2026-09-01T08:00:00.000Z', type: 'received', status: 'received', actor: subjectActor },
    { at: '2026-09-02T10:00:00.000Z', type: 'started', status: 'in-progress', actor: ana },
    {
      at: '2026-09-03T16:00:00.000Z',
      type: 'completed',
      status: 'completed',
      actor: ana,
      message: 'In the other systems where we hold data: see the letter.',
    },
  ],
};

/**
 * The completed erasure's audit events: an email before it, the whole erasure (their account goes),
 * the answer, and the letter sent after it. No category search: an erasure records none.
 */
export const erasureEvents: AuditEvent[] = [
  event('s1', '2026-09-01T08:00:30.000Z', 'mail.sent', { type: 'system' }, { event: 'request-received', messageId: 'msg-7001' }),
  event('s2', '2026-09-03T16:00:00.000Z', 'erasure.completed', ana, {
    whole: true,
    erased: 5,
    kept: 2,
    keptCategories: 'support',
  }),
  event('s3', '2026-09-03T16:00:00.000Z', 'request.completed', ana, {
    erased: 5,
    kept: 2,
    keptWhy: 'support: kept for the contract',
    systems: 'm365:done,halo:done,calls:resolved',
  }),
  event('s4', '2026-09-03T16:00:30.000Z', 'mail.sent', { type: 'system' }, { event: 'request-completed', messageId: 'msg-7002' }),
];

/** A search still partial: the PSA failed, the manual system waits, Microsoft 365 found the user; one system was not in the run. */
export const partialSearchRun: SystemRun = {
  ...erasureRun,
  subjectId: 'sub-1',
  requestId: 'req-1',
  operation: 'read',
  searched: undefined,
  requestedAt: '2026-03-03T10:00:00.000Z',
  requestedBy: 'system',
  results: [
    {
      step: step('m365', 'Microsoft 365 <Harbourside>', 'read'),
      outcome: {
        state: 'found',
        count: 2,
        at: '2026-03-03T10:00:04.000Z',
        records: [
          { ref: 'user:u-1', object: 'user', category: 'identity', data: {} },
          { ref: 'ticket:3', object: 'ticket', category: 'support', data: {} },
        ],
      },
    },
    {
      step: step('halo', 'HaloPSA', 'read'),
      outcome: {
        state: 'failed',
        reason: 'the system did not answer in time',
        retryable: true,
        attempts: 3,
        at: '2026-03-03T10:01:00.000Z',
      },
    },
  ],
};
