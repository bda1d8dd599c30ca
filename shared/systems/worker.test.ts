import { describe, expect, it } from 'vitest';
import { memoryDeps } from '../../test/support/in-memory/deps.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { Subject } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { type Connector, SystemCallError } from './connector.ts';
import { calls, m365, mailchimpWithList, psa, recategorised } from './fixtures.ts';
import type { Operation } from './kinds.ts';
import { marketingPush } from './marketing-push.ts';
import type { SystemRun } from './ports.ts';
import { planOnStart } from './request-run.ts';
import { sweepSystemRuns, workOnRun } from './worker.ts';

// The unit-test tenant with a PSA, Microsoft 365 and a manual system (its categories).
const unit = { 'support-tickets': 'tickets', 'call-recordings': 'contracts' };
const tenant = testTenant({ systems: [recategorised(psa, unit), m365, recategorised(calls, unit)] });
const ref = { tenant: 'acme', subjectId: 's1', requestId: 'r1' };
const email = 'alex.morgan@example.com';

function setUp() {
  const memory = memoryDeps(tenant, new Date('2026-12-03T12:00:00Z'));
  memory.state.subjects.set('acme|s1', { id: 's1', tenant: 'acme', email, version: 1 } as Subject);
  const run: SystemRun = {
    ...ref,
    operation: 'read',
    results: planOnStart(tenant, 'access').map((step) => ({ step, outcome: { state: 'pending' } })),
    requestedAt: '2026-12-03T12:00:00.000Z',
    requestedBy: 'system',
    updatedAt: '2026-12-03T12:00:00.000Z',
    version: 1,
  };
  memory.state.systemRuns.set('acme|r1', run);
  return memory;
}

const holding = (seen: string[] = []): Connector => ({
  find: async (identity) => {
    seen.push(identity.value);
    return [{ ref: '7', label: 'Alex Morgan' }];
  },
  read: async () => [{ ref: 'contact:7', object: 'contact', category: 'identity', data: { firstName: 'Alex' } }],
  erase: async () => [],
});
const failing = (retryable: boolean): Connector => ({
  find: async () => {
    throw new SystemCallError(retryable ? 'timeout' : 'unauthorised', 'Microsoft 365 did not answer', retryable);
  },
  read: async () => [],
  erase: async () => [],
});

/** The unit-test tenant with a PSA and Mailchimp (its list carrying "news"); `psaMay` added to what the PSA may do. */
const marketingTenant = (psaMay: Operation[] = []) =>
  testTenant({
    systems: [
      { ...recategorised(psa, unit), may: [...psa.may, ...psaMay] },
      { ...mailchimpWithList, lists: [{ id: 'news', name: 'Newsletter', topic: 'news' }] },
    ],
  });

/** A push of "stop all" asked for at `tenant`, stored; a connector that records who it found and told. */
function pushSetUp(tenant: TenantConfig) {
  const memory = memoryDeps(tenant, new Date('2026-12-03T12:00:00Z'));
  memory.state.subjects.set('acme|s1', { id: 's1', tenant: 'acme', email, version: 1 } as Subject);
  const push = marketingPush({
    tenant,
    subjectId: 's1',
    scope: { everywhere: true },
    now: '2026-12-03T12:00:00.000Z',
    by: 's1',
  })!;
  memory.state.systemRuns.set(`acme|${push.run.requestId}`, push.run);
  const told: string[] = [];
  const seen: string[] = [];
  const connector: Connector = {
    ...holding(seen),
    suppress: async (person) => {
      told.push(person.ref);
      return { ref: `member:news:${person.ref}`, list: 'news', result: 'unsubscribed' };
    },
  };
  return { memory, push, pushRef: { tenant: 'acme', subjectId: 's1', requestId: push.run.requestId }, connector, told, seen };
}

describe('the systems worker', () => {
  it('works each pending system, saving each outcome with an audit event that names no one', async () => {
    const memory = setUp();
    const seen: string[] = [];
    const deps = {
      ...memory.deps,
      connectorFor: (_t: string, s: { id: string }) => (s.id === 'm365' ? failing(true) : holding(seen)),
    };
    expect(await workOnRun(deps, ref)).toBe('worked');
    const run = memory.state.systemRuns.get('acme|r1')!;
    expect(run.results.map((r) => r.outcome.state)).toEqual(['found', 'failed', 'waiting-for-handler']);
    expect(seen).toEqual([email]);
    const outcomes = memory.actions('acme').filter((a) => a === 'systems.outcome');
    expect(outcomes).toHaveLength(3);
    const events = await memory.trail.listUnchained('acme', 100);
    expect(events.filter((e) => e.action === 'systems.outcome')).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(email);
    expect(JSON.stringify(events)).not.toContain('Alex');
    // Nothing pending any more: a second call (the sweep, a repeated stream record) does nothing.
    expect(await workOnRun(deps, ref)).toBe('nothing-to-do');
    expect(memory.state.systemRuns.get('acme|r1')?.version).toBe(run.version);
  });

  it('turns a failure that cannot succeed by trying again into a handler’s task at once', async () => {
    const memory = setUp();
    const deps = {
      ...memory.deps,
      connectorFor: (_t: string, s: { id: string }) => (s.id === 'm365' ? failing(false) : holding()),
    };
    await workOnRun(deps, ref);
    const m = memory.state.systemRuns.get('acme|r1')!.results[1]!;
    expect(m.outcome).toMatchObject({ state: 'waiting-for-handler', instructions: expect.stringMatching(/after 1 attempt/) });
    expect(memory.actions('acme')).toContain('systems.escalated');
  });

  it('keeps what staff recorded meanwhile: a system resolved during its search is not overwritten, the others still save', async () => {
    const memory = setUp();
    const slow: Connector = {
      ...holding(),
      find: async () => {
        // Staff resolve Microsoft 365 while the worker is searching it.
        const now = memory.state.systemRuns.get('acme|r1')!;
        await memory.deps.systemRuns.save(
          {
            ...now,
            results: now.results.map((r) =>
              r.step.systemId === 'm365'
                ? {
                    step: r.step,
                    outcome: {
                      state: 'resolved',
                      resolution: { reason: 'not-held', note: 'Not a user there', by: 'sam', at: now.updatedAt },
                    },
                  }
                : r,
            ),
            version: now.version + 1,
          },
          now.version,
          { audit: [] },
        );
        return [{ ref: '7', label: 'Alex Morgan' }];
      },
    };
    const deps = { ...memory.deps, connectorFor: (_t: string, s: { id: string }) => (s.id === 'm365' ? slow : holding()) };
    await workOnRun(deps, ref);
    const states = memory.state.systemRuns.get('acme|r1')!.results.map((r) => r.outcome.state);
    expect(states).toEqual(['found', 'resolved', 'waiting-for-handler']);
  });

  it('takes over a system left searching by a worker that stopped, once it is stale, and not before', async () => {
    const memory = setUp();
    const run = memory.state.systemRuns.get('acme|r1')!;
    memory.state.systemRuns.set('acme|r1', {
      ...run,
      results: run.results.map((r) => ({ step: r.step, outcome: { state: 'searching', startedAt: '2026-12-03T12:00:00.000Z' } })),
    });
    const deps = { ...memory.deps, connectorFor: () => holding() };
    expect(await workOnRun(deps, ref)).toBe('nothing-to-do');
    memory.advance(6 * 60);
    expect(await workOnRun(deps, ref)).toBe('worked');
    expect(memory.state.systemRuns.get('acme|r1')!.results[0]?.outcome.state).toBe('found');
  });

  it('plans a marketing push asked for without the declarations, then tells each marketing system it reaches', async () => {
    const { memory, push, pushRef, connector, told, seen } = pushSetUp(marketingTenant());
    const deps = { ...memory.deps, connectorFor: () => connector };
    expect(await workOnRun(deps, pushRef)).toBe('worked');
    const run = memory.state.systemRuns.get(`acme|${push.run.requestId}`)!;
    expect(run.plan).toBeUndefined();
    expect(run.results.map((r) => [r.step.systemId, r.outcome.state])).toEqual([['mailchimp', 'done']]);
    expect(seen).toEqual([email]);
    expect(told).toEqual(['7']);
  });

  it('leaves a push asked for while the declarations do not pass waiting, and the sweep tells the mailer once they pass again', async () => {
    const good = marketingTenant();
    const bad = marketingTenant(['suppress']);
    const { memory, push, pushRef, connector, told } = pushSetUp(bad);
    let inForce = bad;
    const deps = { ...memory.deps, tenants: { get: () => inForce, list: () => [inForce] }, connectorFor: () => connector };
    expect(await workOnRun(deps, pushRef)).toBe('nothing-to-do');
    expect(memory.state.systemRuns.get(`acme|${push.run.requestId}`)).toEqual(push.run);
    memory.advance(5 * 60);
    expect(await sweepSystemRuns(deps)).toBe(1);
    expect(told).toEqual([]);
    // A corrected policy is published: the next sweep plans the push and tells Mailchimp.
    inForce = good;
    expect(await sweepSystemRuns(deps)).toBe(1);
    expect(told).toEqual(['7']);
    expect(memory.state.systemRuns.get(`acme|${push.run.requestId}`)?.results.map((r) => r.outcome.state)).toEqual(['done']);
  });

  it('refuses to work a run while the tenant’s declarations do not pass, failing each system to try with the field named', async () => {
    const memory = setUp();
    // As a policy published before a code change tightened the declaration schema.
    const bad = testTenant({ systems: [{ ...recategorised(psa, unit), may: [...psa.may, 'suppress'] }, m365] });
    const seen: string[] = [];
    const deps = { ...memory.deps, tenants: { get: () => bad, list: () => [bad] }, connectorFor: () => holding(seen) };
    expect(await workOnRun(deps, ref)).toBe('worked');
    const run = memory.state.systemRuns.get('acme|r1')!;
    expect(seen).toEqual([]);
    expect(run.results.map((r) => r.outcome.state)).toEqual(['failed', 'failed', 'failed']);
    expect(run.results[0]?.outcome).toMatchObject({
      retryable: false,
      reason: expect.stringContaining('field "systems.0.may.'),
    });
    expect(memory.actions('acme').filter((a) => a === 'systems.outcome')).toHaveLength(3);
  });
});
