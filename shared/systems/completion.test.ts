import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { assertCanComplete, escalateFailures, isResolved, resolveByHandler } from './completion.ts';
import type { SystemDeclaration } from './declaration.ts';
import { calls, psa } from './fixtures.ts';
import { describeOutcome, type SystemOutcome, type SystemResult } from './outcome.ts';

const now = '2026-12-03T12:00:00.000Z';
const step = {
  systemId: 'autotask',
  systemName: 'Autotask PSA',
  operation: 'erase',
  identity: 'email',
  automatic: true,
} as const;
const result = (outcome: SystemOutcome, over = {}): SystemResult => ({ step: { ...step, ...over }, outcome });
const failed = (attempts: number, retryable = true): SystemOutcome => ({
  state: 'failed',
  reason: 'down',
  retryable,
  attempts,
  at: now,
});
const resolution = { reason: 'not-held', note: 'Nothing there', by: 'sam', at: now } as const;

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('which outcomes settle a system', () => {
  it('an answer or a handler resolution settles it; waiting, searching, failing or not started does not', () => {
    const settled: SystemOutcome[] = [
      { state: 'found', count: 0, records: [], at: now },
      { state: 'not-found', at: now },
      { state: 'done', records: [], at: now },
      { state: 'resolved', resolution },
    ];
    const open: SystemOutcome[] = [
      { state: 'pending' },
      { state: 'searching', startedAt: now },
      failed(1),
      { state: 'waiting-for-handler', role: 'handler', instructions: 'x', dueAt: now },
    ];
    expect(settled.map(isResolved)).toEqual([true, true, true, true]);
    expect(open.map(isResolved)).toEqual([false, false, false, false]);
  });

  it('the refusal to complete is a conflict naming each system in the way and its state', () => {
    const error = thrown(() =>
      assertCanComplete([
        result({ state: 'not-found', at: now }),
        result(failed(1), { systemId: 'm365', systemName: 'Microsoft 365' }),
        result({ state: 'pending' }, { systemId: 'x', systemName: 'Xero' }),
      ]),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'Not every connected system is resolved: Microsoft 365, Xero',
      details: {
        systems: [
          { systemId: 'm365', state: 'failed' },
          { systemId: 'x', state: 'pending' },
        ],
      },
    });
  });
});

describe('a handler resolving a system', () => {
  it('may resolve a failed, waiting or not started system, keeping the step', () => {
    for (const outcome of [failed(3), { state: 'pending' } as const]) {
      expect(resolveByHandler(result(outcome), resolution)).toEqual({ step, outcome: { state: 'resolved', resolution } });
    }
  });

  it('may not resolve one searching or already resolved, a conflict saying its state', () => {
    const error = thrown(() => resolveByHandler(result({ state: 'searching', startedAt: now }), resolution));
    expect(error).toMatchObject({ code: 'conflict', message: 'Autotask PSA needs no handler: it is searching' });
    expect(thrown(() => resolveByHandler(result({ state: 'resolved', resolution }), resolution))).toMatchObject({
      message: 'Autotask PSA needs no handler: it is resolved',
    });
  });

  it('keeps how many records a handler found by hand, and says it in the outcome', () => {
    const byHand = { ...resolution, reason: 'done-by-hand', note: 'Two calls in the portal', count: 2 } as const;
    const resolved = resolveByHandler(
      result({ state: 'waiting-for-handler', role: 'handler', instructions: 'Search', dueAt: now }),
      byHand,
    );
    expect(resolved.outcome).toEqual({ state: 'resolved', resolution: byHand });
    expect(describeOutcome(resolved.outcome)).toBe(
      'Resolved by a handler: done by hand, 2 records found. “Two calls in the portal”',
    );
    const one = resolveByHandler(result(failed(3)), { ...byHand, count: 1 });
    expect(describeOutcome(one.outcome)).toBe('Resolved by a handler: done by hand, 1 record found. “Two calls in the portal”');
  });

  it('a count goes only with "done by hand", and is a whole number of 1 or more; the field is named', () => {
    const countError = (r: Parameters<typeof resolveByHandler>[1]) => thrown(() => resolveByHandler(result(failed(3)), r));
    expect(countError({ ...resolution, count: 2 })).toMatchObject({
      code: 'bad_request',
      message: 'A count of records found goes only with “done by hand”',
      details: { fields: [{ field: 'count' }] },
    });
    for (const count of [0, 1.5, -1]) {
      expect(countError({ ...resolution, reason: 'done-by-hand', count })).toMatchObject({
        code: 'bad_request',
        message: 'Give how many records you found, 1 or more (if none, choose “nothing held there”)',
      });
    }
  });

  it('a note of only spaces is a bad request', () => {
    expect(thrown(() => resolveByHandler(result(failed(1)), { ...resolution, note: ' \n ' }))).toMatchObject({
      code: 'bad_request',
      message: 'Say what was found or done, or why',
    });
  });
});

describe('escalating a system that stays down', () => {
  it('tries again while attempts are left; at the limit it becomes a handler task, due in 5 days', () => {
    expect(escalateFailures([result(failed(2))], [psa], now)[0]?.outcome.state).toBe('failed');
    expect(escalateFailures([result(failed(3))], [psa], now)).toEqual([
      {
        step: { ...step, automatic: false },
        outcome: {
          state: 'waiting-for-handler',
          role: 'handler',
          instructions:
            'The centre could not erase in Autotask PSA after 3 attempt(s): down. Do it in the system by hand and record what you found or did.',
          dueAt: '2026-12-08T12:00:00.000Z',
        },
      },
    ]);
  });

  it('a failure that trying again cannot help goes to a handler at once', () => {
    expect(escalateFailures([result(failed(1, false))], [psa], now)[0]?.outcome.state).toBe('waiting-for-handler');
  });

  it('the limit can be set, and a manual system keeps its own days', () => {
    const manual = result(failed(1), { systemId: 'call-recordings', systemName: 'Call recordings' });
    expect(escalateFailures([manual], [{ ...calls, dueDays: 2 } as SystemDeclaration], now, 1)[0]?.outcome).toMatchObject({
      state: 'waiting-for-handler',
      dueAt: '2026-12-05T12:00:00.000Z',
    });
    expect(escalateFailures([manual], [calls], now, 2)[0]?.outcome.state).toBe('failed');
    expect(escalateFailures([manual], [psa, { ...calls, dueDays: 1 } as SystemDeclaration], now, 1)[0]?.outcome).toMatchObject({
      dueAt: '2026-12-04T12:00:00.000Z',
    });
  });

  it('is due no later than the request itself (or now, if that has passed)', () => {
    expect(escalateFailures([result(failed(3))], [psa], now, 3, '2026-12-06')[0]?.outcome).toMatchObject({
      dueAt: '2026-12-06T12:00:00.000Z',
    });
    expect(escalateFailures([result(failed(3))], [psa], now, 3, '2026-12-01')[0]?.outcome).toMatchObject({ dueAt: now });
  });

  it('a system no longer declared still becomes a handler task, due in 5 days', () => {
    const gone = result(failed(3), { systemId: 'gone' });
    expect(escalateFailures([gone], [psa], now)[0]?.outcome).toMatchObject({ dueAt: '2026-12-08T12:00:00.000Z' });
  });

  it('leaves every other outcome as it is', () => {
    const done = result({ state: 'done', records: [], at: now });
    expect(escalateFailures([done], [psa], now)[0]).toBe(done);
  });
});

describe('describeOutcome', () => {
  it('says each state in plain words', () => {
    const lines = (
      [
        { state: 'pending' },
        { state: 'searching', startedAt: now },
        { state: 'found', count: 2, records: [], at: now },
        { state: 'found', count: 0, records: [], at: now },
        { state: 'not-found', at: now },
        { state: 'waiting-for-handler', role: 'admin', instructions: 'x', dueAt: now },
        { state: 'waiting-for-handler', role: 'handler', handlerName: 'Service desk lead', instructions: 'x', dueAt: now },
        failed(1),
        { state: 'resolved', resolution },
      ] as SystemOutcome[]
    ).map((outcome) => describeOutcome(outcome));
    expect(lines).toEqual([
      'Not started',
      'Searching',
      'Found 2 records',
      'Found 0 records',
      'Not found',
      'Waiting for an administrator (due 3 December 2026)',
      'Waiting for Service desk lead (due 3 December 2026)',
      'Failed: down',
      'Resolved by a handler: nothing held there. “Nothing there”',
    ]);
  });

  it('counts what erasure did, and says nothing of records already gone when there were none', () => {
    const done: SystemOutcome = {
      state: 'done',
      at: now,
      records: [
        { ref: 'a', object: 'user', result: 'erased' },
        { ref: 'b', object: 'user', result: 'erased' },
        { ref: 'c', object: 'ticket', result: 'kept', retention: 'support-tickets', reason: 'x' },
      ],
    };
    expect(describeOutcome(done)).toBe('Erased 2, anonymised 0, kept 1');
  });
});
