import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import { systemLines } from '../exports/systems-summary.tsx';
import { calls, m365, psa } from './fixtures.ts';
import { planRequest } from './plan.ts';
import { planOnStart } from './request-run.ts';
import { fixtureRun, runSystems, searchResults } from './run-fixtures.ts';

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

describe('what a portability request searches', () => {
  it('only the systems holding data the person gave us; the cover note says why the others are not searched', () => {
    const base = testTenant({ systems: runSystems });
    const tenant = {
      ...base,
      categories: base.categories.map((c) => (c.id === 'identity' ? { ...c, providedBySubject: true } : c)),
    };
    const steps = planOnStart(tenant, 'portability');
    expect(steps.map((s) => s.systemId)).toEqual(['m365', 'autotask']);
    const lines = systemLines(tenant, fixtureRun(searchResults.slice(0, 2)), 'portability');
    expect(lines.find((l) => l.id === 'call-recordings')).toMatchObject({
      result: 'Not searched: it holds nothing you gave us yourself, so it is not part of a portability export.',
      searched: false,
      outOfScope: true,
    });
    // For access, every system is searched.
    expect(planOnStart(tenant, 'access').map((s) => s.systemId)).toEqual(['m365', 'autotask', 'call-recordings']);
  });
});
