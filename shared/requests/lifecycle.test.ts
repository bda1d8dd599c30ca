import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../policy/schema.ts';
import { dueOnFor } from './clock.ts';
import { applyAction, type RequestAction, stepRefusal } from './lifecycle.ts';
import { at, england, received, run, scotland, staff, subject, thirtyDays } from './lifecycle-fixtures.ts';

describe('the request lifecycle', () => {
  it.each([
    ['a plain month', '2026-03-10', england, '2026-04-10'],
    ['31 January (no 31 February; 28 Feb 2026 is a Saturday)', '2026-01-31', england, '2026-03-02'],
    ['St Andrew’s Day in Scotland', '2026-10-30', scotland, '2026-12-01'],
    ['the same day in England', '2026-10-30', england, '2026-11-30'],
    ['a shorter promise of 28 days', '2026-03-10', thirtyDays, '2026-04-07'],
  ] as const)('is due on the right day: %s', (_name, on, tenant, due) => {
    expect(received(on, tenant as TenantConfig).dueOn).toBe(due);
  });

  it('moves through received → in progress → completed, recording each step', () => {
    const done = run(received('2026-03-10'), [
      ['2026-03-11', { type: 'start' }, staff],
      ['2026-03-20', { type: 'complete', message: 'Your data is attached.' }, staff],
    ]);
    expect(done.status).toBe('completed');
    expect(done.history.map((h) => [h.type, h.status])).toEqual([
      ['started', 'in-progress'],
      ['completed', 'completed'],
    ]);
    expect(done.version).toBe(3);
  });

  it('stops the clock while waiting for the subject and moves the due date by exactly the paused days', () => {
    const r = run(received('2026-03-10'), [
      ['2026-03-12', { type: 'ask-information', message: 'Please confirm your date of birth.' }, staff],
      ['2026-03-17', { type: 'provide-information', message: '1 April 1990' }, subject],
    ]);
    expect(r.clock.pausedDays).toBe(5);
    expect(r.clock.pausedSince).toBeUndefined();
    expect(r.dueOn).toBe('2026-04-15');
    // Asked before work started: answered, it is still to be started (its search of the connected systems runs then).
    expect(r.status).toBe('received');
  });

  it('starts a request asked about, or extended, before it was started: the answer or the extension does not start it', () => {
    const answered = run(received('2026-03-10'), [
      ['2026-03-11', { type: 'ask-information', message: 'Which account?' }, staff],
      ['2026-03-12', { type: 'provide-information', message: 'The old one' }, subject],
    ]);
    expect(answered.status).toBe('received');
    expect(run(answered, [['2026-03-13', { type: 'start' }, staff]]).status).toBe('in-progress');
    const extended = run(received('2026-03-10'), [['2026-03-11', { type: 'extend', months: 1, reason: 'Complex' }, staff]]);
    expect(extended.status).toBe('extended');
    const started = run(extended, [['2026-03-12', { type: 'start' }, staff]]);
    expect(started).toMatchObject({ status: 'extended', dueOn: extended.dueOn });
    expect(started.history.map((h) => h.type).slice(-2)).toEqual(['extended', 'started']);
    // Started once, never again; answered after starting, it is back in progress.
    expect(() => run(started, [['2026-03-13', { type: 'start' }, staff]])).toThrow(
      'Only a request not yet started can be started.',
    );
    const inProgress = run(answered, [
      ['2026-03-13', { type: 'start' }, staff],
      ['2026-03-14', { type: 'ask-information', message: 'And the new one?' }, staff],
      ['2026-03-15', { type: 'provide-information', message: 'Yes' }, subject],
    ]);
    expect(inProgress.status).toBe('in-progress');
  });

  it('counts a pause across a month end', () => {
    const r = run(received('2026-03-10'), [
      ['2026-03-30', { type: 'ask-information', message: 'Which account?' }, staff],
      ['2026-04-02', { type: 'provide-information', message: 'The old one' }, subject],
    ]);
    expect(r.clock.pausedDays).toBe(3);
    expect(r.dueOn).toBe('2026-04-13');
  });

  it('shows the due date moving day by day while the clock stands still', () => {
    const paused = run(received('2026-03-10'), [['2026-03-12', { type: 'ask-information', message: 'ID please' }, staff]]);
    expect(dueOnFor(england, paused.receivedOn, paused.clock, '2026-03-12')).toBe('2026-04-10');
    expect(dueOnFor(england, paused.receivedOn, paused.clock, '2026-03-19')).toBe('2026-04-17');
  });

  it('extends by up to two further months from the original start, with a reason', () => {
    const r = run(received('2026-03-10'), [['2026-04-01', { type: 'extend', months: 2, reason: 'Numerous requests' }, staff]]);
    expect(r.status).toBe('extended');
    expect(r.dueOn).toBe('2026-06-10');
    expect(r.clock.extensionReason).toBe('Numerous requests');
    expect(r.history.at(-1)?.message).toBe('Numerous requests');
  });

  it('extends after a pause, keeping the paused days', () => {
    const r = run(received('2026-03-10'), [
      ['2026-03-12', { type: 'ask-information', message: 'ID please' }, staff],
      ['2026-03-17', { type: 'provide-information', message: 'Attached' }, subject],
      ['2026-03-20', { type: 'extend', months: 2, reason: 'Complex' }, staff],
    ]);
    expect(r.dueOn).toBe('2026-06-15');
    expect(r.status).toBe('extended');
    const answered = run(r, [
      ['2026-04-01', { type: 'ask-information', message: 'Which site?' }, staff],
      ['2026-04-03', { type: 'provide-information', message: 'Leeds' }, subject],
    ]);
    expect(answered.status).toBe('extended'); // back to extended, not in progress
    expect(answered.clock.pausedDays).toBe(7);
  });

  it('refuses an extension once the first deadline has passed, beyond two months, without a reason, or while paused', () => {
    const r = received('2026-03-10');
    const ctx = (date: string) => ({ tenant: england, actor: staff, now: at(date) });
    expect(() => applyAction(r, { type: 'extend', months: 1, reason: 'Late' }, ctx('2026-04-11'))).toThrow(
      /first deadline has passed/,
    );
    const once = applyAction(r, { type: 'extend', months: 2, reason: 'Complex' }, ctx('2026-03-20'));
    expect(() => applyAction(once, { type: 'extend', months: 1, reason: 'More' }, ctx('2026-03-21'))).toThrow(/at most two/);
    expect(() => applyAction(r, { type: 'extend', months: 1, reason: '  ' }, ctx('2026-03-20'))).toThrow(/reason/);
    const paused = applyAction(r, { type: 'ask-information', message: 'ID' }, ctx('2026-03-11'));
    expect(() => applyAction(paused, { type: 'extend', months: 1, reason: 'x' }, ctx('2026-03-12'))).toThrow(/clock is stopped/);
  });

  it('refuses to stop or restart an overdue request’s clock: a question or an identity check asked for after the due date (a fee: fees.test.ts)', () => {
    // Received 10 March, started, due 10 April; asked on the due date itself, the clock still stops.
    const started = run(received('2026-03-10'), [['2026-03-11', { type: 'start' }, staff]]);
    const ctx = (date: string) => ({ tenant: england, actor: staff, now: at(date) });
    expect(applyAction(started, { type: 'ask-information', message: 'ID', purpose: 'identity' }, ctx('2026-04-10')).status).toBe(
      'awaiting-information',
    );
    for (const action of [
      { type: 'ask-information', message: 'Please send a utility bill.', purpose: 'identity' },
      { type: 'ask-information', message: 'Which account?' },
    ] as RequestAction[]) {
      expect(() => applyAction(started, action, ctx('2026-04-11'))).toThrow(/due on 10 April 2026 and is overdue/);
    }
    // Nothing changed: still overdue, still due the day it was.
    expect(started.dueOn).toBe('2026-04-10');
    expect(started.status).toBe('in-progress');
  });

  it('late, still lets staff ask to clarify a request other than access (the clock runs on, nothing hidden), never to confirm who they are', () => {
    const erasure = run({ ...received('2026-03-10'), kind: 'erasure' }, [['2026-03-11', { type: 'start' }, staff]]);
    const ctx = { tenant: england, actor: staff, now: at('2026-04-14') };
    expect(stepRefusal(erasure, 'ask-information', { tenant: england, today: '2026-04-14' })).toBeUndefined();
    const asked = applyAction(erasure, { type: 'ask-information', message: 'Which account?' }, ctx);
    expect(asked).toMatchObject({ status: 'awaiting-information', dueOn: '2026-04-10' });
    expect(asked.clock.pausedSince).toBeUndefined();
    expect(() =>
      applyAction(erasure, { type: 'ask-information', message: 'Please send a utility bill.', purpose: 'identity' }, ctx),
    ).toThrow(
      /due on 10 April 2026 and is overdue: asking the requester to confirm who they are now would start the month again/,
    );
  });

  it('lets the subject withdraw an open request, and nothing changes a closed one', () => {
    const withdrawn = run(received('2026-03-10'), [['2026-03-11', { type: 'withdraw' }, subject]]);
    expect(withdrawn.status).toBe('withdrawn');
    for (const action of [{ type: 'withdraw' }, { type: 'start' }, { type: 'complete', message: 'x' }] as RequestAction[]) {
      expect(() => applyAction(withdrawn, action, { tenant: england, actor: staff, now: at('2026-03-12') })).toThrow(
        /cannot change/,
      );
    }
  });

  it('refuses an answer when nothing was asked, and a refusal without a reason', () => {
    const r = received('2026-03-10');
    const ctx = { tenant: england, actor: subject, now: at('2026-03-11') };
    expect(() => applyAction(r, { type: 'provide-information', message: 'Hi' }, ctx)).toThrow(/No information was asked/);
    expect(() => applyAction(r, { type: 'refuse', reason: '' }, { ...ctx, actor: staff })).toThrow(/reason/);
  });

  it('uses the legal month, not the shorter promise, once a request is extended', () => {
    const r = run(
      received('2026-03-10', thirtyDays),
      [['2026-03-20', { type: 'extend', months: 1, reason: 'Complex' }, staff]],
      thirtyDays,
    );
    expect(r.dueOn).toBe('2026-05-11'); // 10 May 2026 is a Sunday
  });
});

describe('the request lifecycle records what happened', () => {
  it('refuses a request with a reason, closing it and recording the reason', () => {
    // Prepare
    const started = run(received('2026-03-10'), [['2026-03-11', { type: 'start' }, staff]]);

    // Act
    const refused = applyAction(
      started,
      { type: 'refuse', reason: '  Manifestly unfounded  ' },
      { tenant: england, actor: staff, now: at('2026-03-13') },
    );

    // Assess
    expect(refused.status).toBe('refused');
    expect(refused.version).toBe(started.version + 1);
    expect(refused.dueOn).toBe('2026-04-10');
    expect(refused.history.at(-1)).toEqual({
      at: '2026-03-13T12:00:00.000Z',
      type: 'refused',
      status: 'refused',
      actor: staff,
      message: 'Manifestly unfounded',
    });
  });

  it.each([
    ['refusal', { type: 'refuse', reason: 'Unfounded' }, 'refused'],
    ['completion', { type: 'complete', message: 'Done' }, 'completed'],
    ['withdrawal', { type: 'withdraw' }, 'withdrawn'],
  ] as const)('stops a running pause on a %s and counts its days', (_name, closing, status) => {
    // Prepare: the clock stopped on 12 March
    const paused = run(received('2026-03-10'), [['2026-03-12', { type: 'ask-information', message: 'ID please' }, staff]]);

    // Act: closed on 16 March, still waiting
    const closed = applyAction(paused, closing as RequestAction, { tenant: england, actor: staff, now: at('2026-03-16') });

    // Assess
    expect(closed.status).toBe(status);
    expect(closed.clock).toEqual({ extensionMonths: 0, pausedDays: 4 });
    expect(closed.dueOn).toBe('2026-04-14');
    expect(paused.clock.pausedSince).toBe('2026-03-12'); // the input is not touched
  });

  it('names each step in the history by what happened, with the status after it', () => {
    // Act
    const r = run(received('2026-03-10'), [
      ['2026-03-11', { type: 'start' }, staff],
      ['2026-03-12', { type: 'ask-information', message: 'ID please' }, staff],
      ['2026-03-13', { type: 'provide-information', message: 'Attached' }, subject],
      ['2026-03-14', { type: 'extend', months: 1, reason: 'Complex' }, staff],
      ['2026-03-15', { type: 'withdraw', message: 'No longer needed' }, subject],
    ]);

    // Assess
    expect(r.history.map((h) => [h.type, h.status, h.actor.type, h.message])).toEqual([
      ['started', 'in-progress', 'staff', undefined],
      ['information-requested', 'awaiting-information', 'staff', 'ID please'],
      ['information-provided', 'in-progress', 'subject', 'Attached'],
      ['extended', 'extended', 'staff', 'Complex'],
      ['withdrawn', 'withdrawn', 'subject', 'No longer needed'],
    ]);
  });

  it.each([
    [undefined, undefined],
    ['   ', undefined],
    ['  I sorted it out myself  ', 'I sorted it out myself'],
  ])('records a withdrawal with the message %o as %o', (message, recorded) => {
    // Act
    const r = run(received('2026-03-10'), [
      ['2026-03-11', { type: 'withdraw', ...(message === undefined ? {} : { message }) }, subject],
    ]);

    // Assess
    const last = r.history.at(-1);
    expect(last?.message).toBe(recorded);
    expect(last && 'message' in last).toBe(recorded !== undefined);
  });
});
