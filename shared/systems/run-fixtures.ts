import type { SystemDeclaration } from './declaration.ts';
import { calls, KEEP_TICKETS, m365, psa, recategorised, fixtureStep as step } from './fixtures.ts';
import type { SystemResult } from './outcome.ts';
import type { SystemRun } from './ports.ts';

/**
 * Runs through connected systems for the tests of what the person and the evidence are told
 * (export cover note, erasure letter, evidence pack, "your data"): a search and an erasure across
 * Microsoft 365, a PSA and a manual system, with the categories of the unit-test tenant.
 */
const unitTenant = { 'support-tickets': 'tickets', 'call-recordings': 'contracts' };

export const runSystems: SystemDeclaration[] = [
  {
    ...m365,
    name: 'Microsoft 365 (Harbourside Dental)',
    operatedBy: { by: 'client', organisation: 'Harbourside Dental Practice Ltd' },
    may: ['find', 'read', 'erase'],
  },
  recategorised(psa, unitTenant),
  recategorised(calls, unitTenant),
];

export const at = '2026-11-20T10:00:00.000Z';

/** The results of a search: Microsoft 365 found the user, the PSA a contact and two tickets, the manual system waits. */
export const searchResults: SystemResult[] = [
  {
    step: step('m365', 'Microsoft 365 (Harbourside Dental)', 'read'),
    outcome: {
      state: 'found',
      count: 1,
      at,
      records: [
        {
          ref: 'user:u-1',
          object: 'user',
          category: 'identity',
          data: { displayName: 'Alex Morgan', mail: 'alex.morgan@example.com' },
        },
      ],
    },
  },
  {
    step: step('autotask', 'Autotask PSA', 'read'),
    outcome: {
      state: 'found',
      count: 3,
      at,
      records: [
        {
          ref: 'contact:30',
          object: 'contact',
          category: 'identity',
          data: { firstName: 'Alex', emailAddress: 'alex.morgan@example.com' },
        },
        {
          ref: 'ticket:1',
          object: 'ticket',
          category: 'tickets',
          data: { title: 'Printer offline' },
          createdAt: '2026-11-08T09:00:00Z',
        },
        {
          ref: 'ticket:2',
          object: 'ticket',
          category: 'tickets',
          data: { title: 'New laptop' },
          createdAt: '2026-08-22T09:00:00Z',
        },
      ],
    },
  },
  {
    step: step('call-recordings', 'Call recordings (CallCabinet)', 'read', false),
    outcome: {
      state: 'waiting-for-handler',
      role: 'handler',
      handlerName: 'Service desk lead',
      instructions: 'Search the portal.',
      dueAt: '2026-11-27T10:00:00.000Z',
    },
  },
];

/** The results of an erasure: Microsoft 365 erased, the PSA anonymised the contact and kept the tickets, the manual system failed and was resolved by hand. */
export const erasureResults: SystemResult[] = [
  {
    step: step('m365', 'Microsoft 365 (Harbourside Dental)', 'erase'),
    outcome: { state: 'done', at, records: [{ ref: 'user:u-1', object: 'user', result: 'erased' }] },
  },
  {
    step: step('autotask', 'Autotask PSA', 'erase'),
    outcome: {
      state: 'done',
      at,
      records: [
        { ref: 'contact:30', object: 'contact', result: 'anonymised', fields: ['firstName', 'emailAddress'] },
        { ref: 'ticket:1', object: 'ticket', result: 'kept', retention: 'tickets', reason: KEEP_TICKETS },
        { ref: 'ticket:2', object: 'ticket', result: 'kept', retention: 'tickets', reason: KEEP_TICKETS },
      ],
    },
  },
  {
    step: step('call-recordings', 'Call recordings (CallCabinet)', 'erase', false),
    outcome: {
      state: 'resolved',
      resolution: {
        reason: 'done-by-hand',
        note: 'Two recordings deleted in the CallCabinet portal.',
        by: 'sam.taylor@staff.example',
        at: '2026-11-21T15:30:00.000Z',
      },
    },
  },
];

export function fixtureRun(results: SystemResult[], over: Partial<SystemRun> = {}): SystemRun {
  return {
    tenant: 'acme',
    subjectId: 'sub-1',
    requestId: 'req-1',
    operation: results[0]?.step.operation ?? 'read',
    results,
    requestedAt: '2026-11-20T09:59:00.000Z',
    requestedBy: 'system',
    updatedAt: at,
    version: 1,
    ...over,
  };
}
