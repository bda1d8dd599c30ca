import { describe, expect, it } from 'vitest';
import { type Connector, SystemCallError, type SystemPerson } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';
import { calls, m365, mailchimpWithList, psa } from './fixtures.ts';
import type { SystemResult, SystemStep } from './outcome.ts';
import { runPlan } from './run.ts';

const now = () => '2026-12-03T12:00:00.000Z';
const alex: SystemPerson = { ref: '7', label: 'Alex Morgan' };
const sam: SystemPerson = { ref: '8', label: 'Sam Morgan' };
const step = (over: Partial<SystemStep> = {}): SystemStep => ({
  systemId: 'autotask',
  systemName: 'Autotask PSA',
  operation: 'read',
  identity: 'email',
  automatic: true,
  ...over,
});

/** A connector that finds the given people and tells the test which calls it had. */
function finding(people: SystemPerson[], calls: string[] = []): Connector {
  return {
    find: async (identity) => {
      calls.push(`find ${identity.kind} ${identity.value}`);
      return people;
    },
    read: async (p) => {
      calls.push(`read ${p.ref}`);
      return [{ ref: `contact:${p.ref}`, object: 'contact', category: 'identity', data: {} }];
    },
    erase: async (p) => {
      calls.push(`erase ${p.ref}`);
      return [{ ref: `contact:${p.ref}`, object: 'contact', result: 'erased' }];
    },
  };
}

async function runOne(
  s: SystemStep,
  systems: SystemDeclaration[],
  connector: Connector,
  extra: { previous?: SystemResult[]; identities?: Record<string, string>; seen?: SystemResult[]; dueOn?: string } = {},
) {
  const [result] = await runPlan(
    {
      steps: [s],
      systems,
      identities: extra.identities ?? { email: 'alex@example.com' },
      previous: extra.previous,
      ...(extra.dueOn ? { dueOn: extra.dueOn } : {}),
    },
    { connectorFor: () => connector, now, onOutcome: (r) => void extra.seen?.push(r) },
  );
  return result;
}

describe('running one system of a plan', () => {
  it('searches with the step identity, reports searching first, then what it found, per person', async () => {
    const calls: string[] = [];
    const seen: SystemResult[] = [];
    const result = await runOne(step(), [psa], finding([alex, sam], calls), { seen });
    expect(calls).toEqual(['find email alex@example.com', 'read 7', 'read 8']);
    expect(seen.map((r) => r.outcome.state)).toEqual(['searching', 'found']);
    expect(seen[0]?.outcome).toEqual({ state: 'searching', startedAt: now() });
    expect(result).toEqual({
      step: step(),
      outcome: {
        state: 'found',
        count: 2,
        at: now(),
        records: [
          { ref: 'contact:7', object: 'contact', category: 'identity', data: {} },
          { ref: 'contact:8', object: 'contact', category: 'identity', data: {} },
        ],
      },
    });
  });

  it('a record two people share is counted once, as first read', async () => {
    const shared = {
      ...finding([alex, sam]),
      read: async (p: SystemPerson) => [{ ref: 'ticket:1', object: 'ticket', category: 'support-tickets', data: { by: p.ref } }],
    };
    const result = await runOne(step(), [psa], shared);
    expect(result?.outcome).toMatchObject({ count: 1, records: [{ ref: 'ticket:1', data: { by: '7' } }] });
  });

  it('finding no one is not found, and nothing is read or erased', async () => {
    const calls: string[] = [];
    const result = await runOne(step({ operation: 'erase' }), [psa], finding([], calls));
    expect(result?.outcome).toEqual({ state: 'not-found', at: now() });
    expect(calls).toEqual(['find email alex@example.com']);
  });

  it('erasing erases each person in turn and keeps every record line', async () => {
    const calls: string[] = [];
    const result = await runOne(step({ operation: 'erase' }), [psa], finding([alex, sam], calls));
    expect(calls).toEqual(['find email alex@example.com', 'erase 7', 'erase 8']);
    expect(result?.outcome).toEqual({
      state: 'done',
      at: now(),
      records: [
        { ref: 'contact:7', object: 'contact', result: 'erased' },
        { ref: 'contact:8', object: 'contact', result: 'erased' },
      ],
    });
  });

  it('a request without the identity fails for good, without calling the system', async () => {
    const calls: string[] = [];
    const seen: SystemResult[] = [];
    const result = await runOne(step(), [psa], finding([alex], calls), { identities: {}, seen });
    expect(result?.outcome).toEqual({
      state: 'failed',
      reason: 'the request has no email to search with',
      retryable: false,
      attempts: 1,
      at: now(),
    });
    expect(calls).toEqual([]);
    expect(seen).toEqual([result]);
  });

  it('a system no longer declared fails for good', async () => {
    const result = await runOne(step({ systemId: 'gone' }), [psa], finding([alex]));
    expect(result?.outcome).toEqual({
      state: 'failed',
      reason: 'the system is no longer declared',
      retryable: false,
      attempts: 1,
      at: now(),
    });
  });

  it('a refusal that trying again cannot help is shown as said and not retryable', async () => {
    const connector = {
      ...finding([alex]),
      find: async () => Promise.reject(new SystemCallError('rejected', 'bad query', false)),
    };
    const result = await runOne(step(), [psa], connector);
    expect(result?.outcome).toMatchObject({ state: 'failed', reason: 'bad query', retryable: false, attempts: 1 });
  });

  it('an unexpected error may be tried again', async () => {
    const connector = { ...finding([alex]), read: async () => Promise.reject(new TypeError('boom')) };
    const result = await runOne(step(), [psa], connector);
    expect(result?.outcome).toMatchObject({ state: 'failed', retryable: true, reason: 'an unexpected error in the connector' });
  });
});

describe('a system the centre cannot act on by itself', () => {
  it('an API system becomes a task for a handler with plain instructions, due in 5 days', async () => {
    const result = await runOne(
      step({ systemId: 'm365', systemName: 'Microsoft 365', operation: 'erase', automatic: false }),
      [m365],
      finding([]),
    );
    expect(result?.outcome).toEqual({
      state: 'waiting-for-handler',
      role: 'handler',
      instructions: 'The centre may not erase in Microsoft 365 by itself: do it there and record what you found or did.',
      dueAt: '2026-12-08T12:00:00.000Z',
    });
  });

  it('a manual system goes to its role and named handler, with its own instructions and days', async () => {
    const manual = { ...calls, handler: { role: 'admin' }, dueDays: 2 } as SystemDeclaration;
    const s = step({ systemId: 'call-recordings', systemName: 'Call recordings', operation: 'read', automatic: false });
    expect((await runOne(s, [manual], finding([])))?.outcome).toEqual({
      state: 'waiting-for-handler',
      role: 'admin',
      instructions: 'Search the portal by caller number and export the recordings.',
      dueAt: '2026-12-05T12:00:00.000Z',
    });
    const named = await runOne({ ...s, operation: 'correct' }, [calls], finding([]));
    expect(named?.outcome).toMatchObject({
      role: 'handler',
      handlerName: 'Service desk lead',
      instructions:
        'The centre may not correct in Call recordings (CallCabinet) by itself: do it there and record what you found or did.',
    });
  });

  it('is due no later than the request itself: a task done on time cannot make the answer late', async () => {
    const s = step({ systemId: 'call-recordings', systemName: 'Call recordings', operation: 'read', automatic: false });
    // Five days would be 8 December; the request is due on the 6th.
    expect((await runOne(s, [calls], finding([]), { dueOn: '2026-12-06' }))?.outcome).toMatchObject({
      dueAt: '2026-12-06T12:00:00.000Z',
    });
    // Due later than the task's own days: the task's days stand.
    expect((await runOne(s, [calls], finding([]), { dueOn: '2027-01-03' }))?.outcome).toMatchObject({
      dueAt: '2026-12-08T12:00:00.000Z',
    });
    // The request is overdue already: the task is due now.
    expect((await runOne(s, [calls], finding([]), { dueOn: '2026-12-01' }))?.outcome).toMatchObject({ dueAt: now() });
  });
});

describe('a re-run', () => {
  const earlier = (outcome: SystemResult['outcome']): SystemResult[] => [{ step: step(), outcome }];

  it('keeps a system that answered or was resolved, untouched', async () => {
    const calls: string[] = [];
    for (const outcome of [
      { state: 'not-found', at: 'x' },
      { state: 'done', records: [], at: 'x' },
      { state: 'waiting-for-handler', role: 'handler', instructions: 'x', dueAt: 'x' },
    ] as SystemResult['outcome'][]) {
      const previous = earlier(outcome);
      expect(await runOne(step(), [psa], finding([alex], calls), { previous })).toBe(previous[0]);
    }
    expect(calls).toEqual([]);
  });

  it('runs again a system still pending or searching, counting it as the first attempt', async () => {
    for (const outcome of [{ state: 'pending' }, { state: 'searching', startedAt: 'x' }] as const) {
      const connector = { ...finding([alex]), find: async () => Promise.reject(new SystemCallError('timeout', 'slow', true)) };
      const result = await runOne(step(), [psa], connector, { previous: earlier(outcome) });
      expect(result?.outcome).toMatchObject({ state: 'failed', attempts: 1 });
    }
  });

  it('only the result of the same system counts', async () => {
    const previous = [{ step: step({ systemId: 'm365' }), outcome: { state: 'not-found', at: 'x' } } as const];
    expect((await runOne(step(), [psa], finding([alex]), { previous }))?.outcome.state).toBe('found');
  });
});

describe('a suppress step (telling a marketing system of an opt-out)', () => {
  // No lists declared: a suppress step reaches every audience the person is in.
  const { lists: _lists, ...mailchimp } = mailchimpWithList;
  const suppressStep = step({ systemId: 'mailchimp', systemName: 'Mailchimp', operation: 'suppress' });
  const inLists: SystemPerson[] = [
    { ref: 'h', context: { listId: 'news' }, label: 'Alex' },
    { ref: 'h', context: { listId: 'offers' }, label: 'Alex' },
    { ref: 'h', context: { listId: 'old' }, label: 'Alex' },
  ];
  const unsubscribing = (calls: string[]): Connector => ({
    ...finding(inLists, calls),
    suppress: async (p, scope) => {
      const list = p.context?.listId ?? '';
      calls.push(`suppress ${list} ${JSON.stringify(scope)}`);
      const result = list === 'news' ? 'unsubscribed' : list === 'offers' ? 'already' : 'out-of-scope';
      return { ref: `member:${list}:${p.ref}`, list, result };
    },
  });

  it('unsubscribes each membership with the run’s scope and reads nothing; out-of-scope lists are left out', async () => {
    const calls: string[] = [];
    const scope = { everywhere: false, topics: ['newsletters'] } as const;
    const [result] = await runPlan(
      { steps: [suppressStep], systems: [mailchimp], identities: { email: 'alex@example.com' }, suppress: scope },
      { connectorFor: () => unsubscribing(calls), now },
    );
    expect(calls.filter((c) => c.startsWith('read'))).toEqual([]);
    expect(calls.filter((c) => c.startsWith('suppress'))).toHaveLength(3);
    expect(calls[1]).toContain('"topics":["newsletters"]');
    expect(result?.outcome).toEqual({
      state: 'done',
      at: now(),
      records: [
        { ref: 'member:news:h', object: 'member', result: 'unsubscribed' },
        { ref: 'member:offers:h', object: 'member', result: 'unsubscribed', already: true },
      ],
    });
  });

  it('without a scope (a restriction request’s run) reaches every list', async () => {
    const calls: string[] = [];
    await runOne(suppressStep, [mailchimp], unsubscribing(calls));
    expect(calls.filter((c) => c.startsWith('suppress')).every((c) => c.endsWith('{"everywhere":true}'))).toBe(true);
  });

  it('fails plainly, without retrying, where the connector cannot unsubscribe', async () => {
    const result = await runOne(suppressStep, [mailchimp], finding(inLists));
    expect(result?.outcome).toMatchObject({ state: 'failed', retryable: false, reason: 'Mailchimp cannot unsubscribe a person' });
  });
});
