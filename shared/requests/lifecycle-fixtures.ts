import type { RightsRequest } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { dueOnFor } from './clock.ts';
import { applyAction, type RequestAction } from './lifecycle.ts';

/** The tenants, actors and requests the lifecycle tests start from. */
export const england = { nation: 'england-and-wales', deadline: { promise: '' } } as unknown as TenantConfig;
export const scotland = { nation: 'scotland', deadline: { promise: '' } } as unknown as TenantConfig;
export const thirtyDays = { nation: 'england-and-wales', deadline: { promise: '', fixedDays: 28 } } as unknown as TenantConfig;
export const staff = { type: 'staff', id: 'handler-1' } as const;
export const subject = { type: 'subject', id: 's1' } as const;

export function received(receivedOn: string, tenant = england): RightsRequest {
  const clock = { extensionMonths: 0 as const, pausedDays: 0 };
  return {
    id: 'r1',
    tenant: 't',
    subjectId: 's1',
    reference: 'T-2026-000001',
    kind: 'access',
    status: 'received',
    receivedAt: `${receivedOn}T10:00:00.000Z`,
    receivedOn,
    dueOn: dueOnFor(tenant, receivedOn, clock),
    clock,
    details: {},
    history: [],
    version: 1,
  };
}

export const at = (date: string) => new Date(`${date}T12:00:00Z`);
export function run(request: RightsRequest, steps: [string, RequestAction, typeof staff | typeof subject][], tenant = england) {
  return steps.reduce((r, [date, action, actor]) => applyAction(r, action, { tenant, actor, now: at(date) }), request);
}
