import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { RightsRequest } from '../entities.ts';
import { correctingPsa, m365, paperHolding } from './fixtures.ts';
import { correctRun, planOnStart } from './request-run.ts';

const autotask = correctingPsa({ mobile: 'mobilePhone' });
const paper = paperHolding({ mobile: 'mobile' });
const tenant = testTenant({ systems: [autotask, m365, paper] });
const named = {
  kind: 'rectification',
  details: { recordId: 'r1', category: 'identity', field: 'mobile', fieldLabel: 'Mobile', value: '07700 900123' },
} as Pick<RightsRequest, 'kind' | 'details'>;
const freeText = { kind: 'rectification', details: { field: 'My middle name', value: 'Jo' } } as Pick<
  RightsRequest,
  'kind' | 'details'
>;

describe('what a rectification runs in the connected systems', () => {
  it('naming a record’s field: a search of every system first, so staff can see the preview', () => {
    expect(planOnStart(tenant, 'rectification', named).map((s) => [s.systemId, s.operation, s.automatic])).toEqual([
      ['autotask', 'read', true],
      ['m365', 'read', true],
      ['call-recordings', 'read', false],
    ]);
  });

  it('in free text: each system a handler’s task to correct by hand (nothing to map to a system’s field)', () => {
    expect(planOnStart(tenant, 'rectification', freeText).map((s) => [s.systemId, s.operation, s.automatic])).toEqual([
      ['autotask', 'correct', false],
      ['m365', 'correct', false],
      ['call-recordings', 'correct', false],
    ]);
  });

  it('the correction goes only to the systems holding the field, automatically where the declaration allows', () => {
    const request = { ...named, tenant: 'acme', subjectId: 's1', id: 'q1' } as RightsRequest;
    const correction = { category: 'identity', field: 'mobile', label: 'Mobile', value: '07700 900123' };
    const run = correctRun(tenant, request, undefined, correction, 'sam@acme.example', '2026-11-20T10:00:00.000Z');
    expect(run.operation).toBe('correct');
    expect(run.correction).toEqual(correction);
    expect(run.results.map((r) => [r.step.systemId, r.step.automatic, r.outcome.state])).toEqual([
      ['autotask', true, 'pending'],
      ['call-recordings', false, 'pending'],
    ]);
  });
});
