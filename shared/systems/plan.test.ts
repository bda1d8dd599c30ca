import { describe, expect, it } from 'vitest';
import { calls, m365, psa } from './fixtures.ts';
import { planRequest } from './plan.ts';

describe('planRequest', () => {
  it('reads every system for an access request, a manual one by a handler', () => {
    expect(planRequest([psa, m365, calls], 'access')).toEqual([
      { systemId: 'autotask', systemName: 'Autotask PSA', operation: 'read', identity: 'email', automatic: true },
      { systemId: 'm365', systemName: 'Microsoft 365', operation: 'read', identity: 'email', automatic: true },
      {
        systemId: 'call-recordings',
        systemName: 'Call recordings (CallCabinet)',
        operation: 'read',
        identity: 'email',
        automatic: false,
      },
    ]);
  });

  it('erases where the declaration allows it; elsewhere a handler must', () => {
    const steps = planRequest([psa, m365], 'erasure');
    expect(steps.map((s) => [s.systemId, s.operation, s.automatic])).toEqual([
      ['autotask', 'erase', true],
      ['m365', 'erase', false],
    ]);
  });

  it('an automated-decision request goes to no system', () => {
    expect(planRequest([psa], 'automated-decision')).toEqual([]);
  });
});
