import { describe, expect, it } from 'vitest';
import type { RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { applyAction, type RequestAction } from './lifecycle.ts';
import { at, england, received, run, staff, subject } from './lifecycle-fixtures.ts';

/** Runs the step and returns the DomainError it throws (failing the test if it does not throw one). */
function refusal(request: RightsRequest, action: RequestAction, date = '2026-03-20'): DomainError {
  try {
    applyAction(request, action, { tenant: england, actor: staff, now: at(date) });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return expect.fail(`${action.type} was allowed`);
}

describe('the request lifecycle refuses a step that breaks the rules', () => {
  it('refuses to ask for information while the clock is already stopped, so paused days are never lost', () => {
    // Prepare: the clock stopped on 12 March; five days later the handler asks again
    const paused = run(received('2026-03-10'), [['2026-03-12', { type: 'ask-information', message: 'ID please' }, staff]]);

    // Act
    const error = refusal(paused, { type: 'ask-information', message: 'And your address?' }, '2026-03-17');

    // Assess: a conflict, and the pause still counts from 12 March (due 10 April + 5 days)
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('We are already waiting for information on this request.');
    const answered = applyAction(
      paused,
      { type: 'provide-information', message: 'Attached' },
      { tenant: england, actor: subject, now: at('2026-03-17') },
    );
    expect(answered.clock.pausedDays).toBe(5);
    expect(answered.dueOn).toBe('2026-04-15');
  });

  it.each([
    ['in progress', [['2026-03-11', { type: 'start' }, staff]]],
    ['waiting for information', [['2026-03-11', { type: 'ask-information', message: 'ID please' }, staff]]],
    [
      'started and extended',
      [
        ['2026-03-11', { type: 'start' }, staff],
        ['2026-03-12', { type: 'extend', months: 1, reason: 'Complex' }, staff],
      ],
    ],
  ] as const)('refuses to start a request already %s', (_state, steps) => {
    // Prepare
    const request = run(received('2026-03-10'), steps as unknown as Parameters<typeof run>[1]);

    // Act
    const error = refusal(request, { type: 'start' });

    // Assess
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Only a request not yet started can be started.');
  });

  it.each([
    ['completed', { type: 'complete', message: 'Done' }],
    ['refused', { type: 'refuse', reason: 'Manifestly unfounded' }],
    ['withdrawn', { type: 'withdraw' }],
  ] as const)('treats a %s request as closed: any further step is a conflict', (status, closing) => {
    // Prepare
    const closed = run(received('2026-03-10'), [['2026-03-11', closing as RequestAction, staff]]);

    // Act
    const error = refusal(closed, { type: 'withdraw' });

    // Assess
    expect(closed.status).toBe(status);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`This request is ${status}: it cannot change any more.`);
  });

  it.each([
    [{ type: 'ask-information', message: ' ' }, 'the question for the requester', 'received'],
    [{ type: 'provide-information', message: '' }, 'your answer', 'awaiting-information'],
    [{ type: 'extend', months: 1, reason: '\n' }, 'the reason for the extension (the requester is told it)', 'received'],
    [{ type: 'complete', message: '  ' }, 'a response note', 'received'],
    [{ type: 'refuse', reason: '' }, 'the reason for refusing', 'received'],
    [{ type: 'complete' }, 'a response note', 'received'],
  ] as const)('asks for the text a %o step needs as a bad request naming the field', (action, what, from) => {
    // Prepare
    const request =
      from === 'received'
        ? received('2026-03-10')
        : run(received('2026-03-10'), [['2026-03-11', { type: 'ask-information', message: 'ID please' }, staff]]);

    // Act
    const error = refusal(request, action as unknown as RequestAction);

    // Assess
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe(`Please give ${what}.`);
    expect(error.details).toEqual({ fields: [{ field: 'message', message: `Please give ${what}` }] });
  });

  it('refuses an answer, and an extension that is not allowed, as conflicts', () => {
    const r = received('2026-03-10');
    expect(refusal(r, { type: 'provide-information', message: 'Hi' }).code).toBe('conflict');
    expect(refusal(r, { type: 'extend', months: 1, reason: 'Late' }, '2026-04-11').code).toBe('conflict');
    const twice = run(r, [['2026-03-11', { type: 'extend', months: 2, reason: 'Complex' }, staff]]);
    expect(refusal(twice, { type: 'extend', months: 1, reason: 'More' }).code).toBe('conflict');
  });
});
