import { describe, expect, it } from 'vitest';
import { assertCanComplete, completionBlockers, escalateFailures, resolveByHandler } from './completion.ts';
import { type Connector, SystemCallError, type SystemPerson, type SystemRecord } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { calls, m365, psa } from './fixtures.ts';
import type { SystemResult } from './outcome.ts';
import { planRequest } from './plan.ts';
import { runPlan } from './run.ts';

const now = () => '2026-12-03T12:00:00.000Z';
const person: SystemPerson = { ref: '7', label: 'Alex Morgan' };

/** A connector holding one person with two records, or failing as told. */
function holding(fail?: Error): Connector {
  return {
    find: async () => {
      if (fail) throw fail;
      return [person, person];
    },
    read: async (): Promise<SystemRecord[]> => [
      { ref: 'contact:7', object: 'contact', category: 'identity', data: { firstName: 'Alex' } },
      { ref: 'ticket:1', object: 'ticket', category: 'support-tickets', data: { title: 'Printer' } },
    ],
    erase: async (p) => [{ ref: `contact:${p.ref}`, object: 'contact', result: 'anonymised', fields: ['firstName'] }],
  };
}

const run = (
  systems: SystemDeclaration[],
  kind: 'access' | 'erasure',
  connectors: Record<string, Connector>,
  previous?: SystemResult[],
) =>
  runPlan(
    { steps: planRequest(systems, kind), systems, identities: { email: 'alex.morgan@example.com' }, previous },
    { connectorFor: (s) => connectors[s.id]!, now },
  );

describe('runPlan', () => {
  it('records each system on its own: one failing blocks neither the others nor itself being reported', async () => {
    const results = await run([psa, m365, calls], 'access', {
      autotask: holding(),
      m365: holding(new SystemCallError('timeout', 'no answer within 10 s', true)),
    });
    expect(results.map((r) => r.outcome.state)).toEqual(['found', 'failed', 'waiting-for-handler']);
    expect(results[0]?.outcome).toMatchObject({ state: 'found', count: 2 }); // two people, the same records: counted once
    expect(results[1]?.outcome).toMatchObject({ reason: 'no answer within 10 s', retryable: true, attempts: 1 });
    expect(results[2]?.outcome).toMatchObject({
      instructions: 'Search the portal by caller number and export the recordings.',
      dueAt: '2026-12-08T12:00:00.000Z',
    });
  });

  it('never shows the words of an unexpected error (they may hold personal data)', async () => {
    const [result] = await run([psa], 'access', { autotask: holding(new Error('alex.morgan@example.com not parsable')) });
    expect(result?.outcome).toMatchObject({ state: 'failed', reason: 'an unexpected error in the connector' });
  });

  it('erases per person found and reports per record', async () => {
    const [result] = await run([psa], 'erasure', { autotask: holding() });
    expect(result?.outcome).toMatchObject({ state: 'done', records: [{ result: 'anonymised' }, { result: 'anonymised' }] });
  });

  it('a re-run keeps what is resolved and tries the failed system again, counting attempts', async () => {
    const down = holding(new SystemCallError('server-error', 'the system answered 503', true));
    const first = await run([psa, m365], 'access', { autotask: holding(), m365: down });
    const second = await run([psa, m365], 'access', { autotask: holding(new Error('must not be called')), m365: down }, first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]?.outcome).toMatchObject({ state: 'failed', attempts: 2 });
  });
});

describe('completion rule', () => {
  it('a request cannot complete while a system is unresolved, unless the handler records why', async () => {
    const results = await run([psa, m365, calls], 'access', {
      autotask: holding(),
      m365: holding(new SystemCallError('unauthorised', 'the credentials were refused', false)),
    });
    expect(completionBlockers(results).map((r) => r.step.systemId)).toEqual(['m365', 'call-recordings']);
    expect(() => assertCanComplete(results)).toThrow(/Microsoft 365, Call recordings/);
    const at = now();
    const resolved = results.map((r) =>
      r.outcome.state === 'found'
        ? r
        : resolveByHandler(r, { reason: 'done-by-hand', note: ' Exported from the portal ', by: 'sam', at }),
    );
    expect(() => assertCanComplete(resolved)).not.toThrow();
    expect(resolved[2]?.outcome).toMatchObject({ resolution: { note: 'Exported from the portal' } });
  });

  it('a handler cannot resolve a system that answered, nor without a note', async () => {
    const [found] = await run([psa], 'access', { autotask: holding() });
    const resolution = { reason: 'legal-hold' as const, note: 'x', by: 'sam', at: now() };
    expect(() => resolveByHandler(found!, resolution)).toThrow(/needs no handler/);
    const [waiting] = await run([calls], 'access', {});
    expect(() => resolveByHandler(waiting!, { ...resolution, note: '  ' })).toThrow(/Say what/);
  });

  it('a system that stays down becomes a handler task with the reason', async () => {
    const down = holding(new SystemCallError('unreachable', 'could not connect', true));
    let results = await run([psa], 'erasure', { autotask: down });
    for (let i = 0; i < 2; i++) {
      expect(escalateFailures(results, [psa], now())[0]?.outcome.state).toBe('failed');
      results = await run([psa], 'erasure', { autotask: down }, results);
    }
    const [escalated] = escalateFailures(results, [psa], now());
    expect(escalated?.outcome).toMatchObject({
      state: 'waiting-for-handler',
      instructions: expect.stringContaining('could not erase in Autotask PSA after 3 attempt(s): could not connect'),
    });
  });
});
