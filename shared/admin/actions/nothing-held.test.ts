import { describe, expect, it } from 'vitest';
import { testTenant } from '../../../test/support/in-memory/tenant.ts';
import { m365 } from '../../systems/fixtures.ts';
import type { SystemOutcome } from '../../systems/outcome.ts';
import { newRun, runOnStart } from '../../systems/request-run.ts';
import { nothingHeldInSystems } from './nothing-held.ts';

/** "Nothing held" needs every connected system the request searches to have held nothing (issue 18). */
const now = '2026-12-03T12:00:00.000Z';
const request = { tenant: 'acme', subjectId: 's1', id: 'r1', kind: 'access' as const, details: {} };
// Two systems searched for an access request: Microsoft 365 (identity), and a second like it.
const withSystems = testTenant({ systems: [m365, { ...m365, id: 'm365-b', name: 'Second tenant' }] } as never);
const runOf = (...outcomes: SystemOutcome[]) => {
  const planned = runOnStart(withSystems, request as never, now);
  const run = newRun({ request, operation: 'read', steps: planned!.run.results.map((r) => r.step), by: 'system', now });
  return { ...run, results: run.results.map((r, i) => ({ ...r, outcome: outcomes[i] ?? r.outcome })) };
};
const notHeld = { state: 'resolved', resolution: { reason: 'not-held', note: 'No file', by: 'sam', at: now } } as const;

describe('nothing held, in the connected systems', () => {
  it('is refused while the request has not been started, so its systems have not been searched', () => {
    const verdict = nothingHeldInSystems(withSystems, 'access', undefined);
    expect(verdict.refusal).toMatch(/^Start work on the request first: that searches its connected systems \(/);
  });

  it('is refused while a system has not held nothing (still searching, found, waiting, or unreachable)', () => {
    for (const second of [
      { state: 'pending' },
      { state: 'waiting-for-handler', role: 'handler', instructions: 'Look', dueAt: now },
      { state: 'resolved', resolution: { reason: 'unreachable', note: 'Gone', by: 'sam', at: now } },
    ] as SystemOutcome[]) {
      expect(nothingHeldInSystems(withSystems, 'access', runOf({ state: 'not-found', at: now }, second)).refusal).toMatch(
        /^The connected systems have not all found nothing for this request \(/,
      );
    }
  });

  it('may be answered once each system found nothing or a handler recorded nothing held, naming them', () => {
    const run = runOf({ state: 'not-found', at: now }, notHeld);
    const verdict = nothingHeldInSystems(withSystems, 'access', run);
    expect(verdict.refusal).toBeUndefined();
    expect(verdict.searched).toBe(
      `Connected systems searched by the request’s run, each holding nothing: ${run.results.map((r) => r.step.systemName).join(', ')}.`,
    );
  });

  it('claims no search of systems a centre does not have', () => {
    expect(nothingHeldInSystems(testTenant(), 'access', undefined)).toEqual({
      searched: 'This centre has no connected system to search for this kind of request.',
    });
  });
});
