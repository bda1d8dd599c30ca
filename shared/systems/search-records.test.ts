import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { SystemResult } from './outcome.ts';
import { at, fixtureRun, searchResults } from './run-fixtures.ts';
import { searchesFromRun } from './search-records.ts';

const tenant = testTenant();
const recordedAt = '2026-11-25T12:00:00.000Z';
const identity = 'alex.morgan@example.com';
const resolvedByHand: SystemResult = {
  step: searchResults[2]!.step,
  outcome: {
    state: 'resolved',
    resolution: {
      reason: 'done-by-hand',
      note: 'Two calls found.',
      by: 'sam.taylor@staff.example',
      at: '2026-11-21T15:30:00.000Z',
    },
  },
};

describe('the search record of a request, from its run through the connected systems', () => {
  it('records each system searched by the connector as automatic, with what it found per category', () => {
    const searches = searchesFromRun({ tenant, run: fixtureRun(searchResults), identity, recordedAt });
    // The manual system still waits for its handler: no search of it happened yet.
    expect(searches.map((s) => [s.systemId, s.automatic, s.by, s.found, s.count])).toEqual([
      ['m365', true, { type: 'system' }, true, 1],
      ['autotask', true, { type: 'system' }, true, 3],
    ]);
    expect(searches[0]).toMatchObject({
      place: 'Microsoft 365 (Harbourside Dental)',
      identity,
      searchedOn: at.slice(0, 10),
      recordedAt,
    });
    expect(searches[1]?.note).toMatch(/\(1\).*\(2\)/);
  });

  it('records a search a handler made by hand as theirs, not automatic; one held back or failed is not a search', () => {
    const failed: SystemResult = {
      step: searchResults[1]!.step,
      outcome: { state: 'failed', reason: 'unreachable', retryable: true, attempts: 3, at },
    };
    const run = fixtureRun([searchResults[0]!, failed, resolvedByHand], { requestedBy: 'rebecca@acme.example' });
    const searches = searchesFromRun({ tenant, run, identity, recordedAt });
    expect(searches.map((s) => [s.systemId, s.automatic, s.by])).toEqual([
      ['m365', true, { type: 'staff', id: 'rebecca@acme.example' }],
      ['call-recordings', false, { type: 'staff', id: 'sam.taylor@staff.example' }],
    ]);
    expect(searches[1]).toMatchObject({ found: true, note: 'Two calls found.', searchedOn: '2026-11-21' });
    expect(searches[1]).not.toHaveProperty('count');
  });

  it('keeps the count a handler gave for their search by hand', () => {
    const outcome = resolvedByHand.outcome as Extract<SystemResult['outcome'], { state: 'resolved' }>;
    const counted: SystemResult = { ...resolvedByHand, outcome: { ...outcome, resolution: { ...outcome.resolution, count: 2 } } };
    const [search] = searchesFromRun({ tenant, run: fixtureRun([counted]), identity, recordedAt });
    expect(search).toMatchObject({ systemId: 'call-recordings', automatic: false, found: true, count: 2 });
  });

  it('adds nothing for an erasure run or no run', () => {
    expect(searchesFromRun({ tenant, run: undefined, identity, recordedAt })).toEqual([]);
    expect(searchesFromRun({ tenant, run: fixtureRun(searchResults, { operation: 'erase' }), identity, recordedAt })).toEqual([]);
  });
});
