import { acknowledgeByFor } from './lifecycle.ts';
import type { Complaint } from './model.ts';

/** A complaint for the tests: received by phone on `receivedOn` in England, not yet acknowledged; `over` sets any field. */
export function complaintFixture(receivedOn: string, over: Partial<Complaint> = {}): Complaint {
  return {
    id: 'c1',
    tenant: 't',
    subjectId: 's1',
    reference: 'T-C-2026-000001',
    about: 'data-use',
    what: 'x',
    receivedAt: `${receivedOn}T12:00:00.000Z`,
    receivedOn,
    receivedVia: 'phone',
    status: 'received',
    acknowledgeBy: acknowledgeByFor(receivedOn, 'england-and-wales'),
    history: [],
    version: 1,
    ...over,
  };
}
