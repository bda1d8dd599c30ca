import { describe, expect, it } from 'vitest';
import { queueItem } from '../admin/queue.ts';
import type { RightsRequest } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { clockStopped, dueOnFor, firstDeadlineFor } from './clock.ts';
import { clockNote } from './clock-note.ts';
import { answeredIdentityInWords, type RequestAction, stepRefusal } from './lifecycle.ts';
import { england, received, run, staff, subject } from './lifecycle-fixtures.ts';
import { requestView } from './view.ts';

const tenantIn = (nation: string, fixedDays?: number) =>
  ({ nation, deadline: { promise: '', ...(fixedDays ? { fixedDays } : {}) } }) as unknown as TenantConfig;
type Step = [string, RequestAction, typeof staff | typeof subject];

const askIdentity = (on: string): Step => [
  on,
  { type: 'ask-information', message: 'Please send a photo ID.', purpose: 'identity' },
  staff,
];
const askClarify = (on: string): Step => [
  on,
  { type: 'ask-information', message: 'Which account?', purpose: 'clarification' },
  staff,
];
const answer = (on: string): Step => [on, { type: 'provide-information', message: 'Here it is.' }, subject];

describe('the Art. 12A clock in the request lifecycle', () => {
  it('counts the month from the day identity information arrived: filed 10 March, ID 24 March → 24 April', () => {
    const r = run(received('2026-03-10'), [askIdentity('2026-03-11'), answer('2026-03-24')]);
    expect(r.clock).toMatchObject({ identityReceivedOn: '2026-03-24', pausedDays: 0 });
    expect(r.clock.pausedSince).toBeUndefined();
    expect(r.dueOn).toBe('2026-04-24');
    expect(r.history.map((h) => [h.type, h.purpose])).toEqual([
      ['information-requested', 'identity'],
      ['information-provided', 'identity'],
    ]);
  });

  it('ignores what happened before: an earlier clarification pause and extension start count from the new day', () => {
    const r = run(received('2026-03-10'), [
      askClarify('2026-03-11'),
      answer('2026-03-16'),
      askIdentity('2026-03-18'),
      answer('2026-03-24'),
    ]);
    expect(r.clock.pausedDays).toBe(0);
    expect(r.dueOn).toBe('2026-04-24');
  });

  it('keeps stop-the-clock for a clarification asked after the identity information arrived', () => {
    const r = run(received('2026-03-10'), [
      askIdentity('2026-03-11'),
      answer('2026-03-24'),
      askClarify('2026-03-30'),
      answer('2026-04-02'),
    ]);
    expect(r.clock.pausedDays).toBe(3);
    expect(r.dueOn).toBe('2026-04-27'); // 24 Apr + 3 days = Mon 27 Apr
  });

  it('a clarification alone still only pauses (today’s behaviour)', () => {
    const r = run(received('2026-03-10'), [askClarify('2026-03-12'), answer('2026-03-17')]);
    expect(r.clock.identityReceivedOn).toBeUndefined();
    expect(r.dueOn).toBe('2026-04-15');
  });

  it.each([
    ['england-and-wales', '2026-07-31', '2026-09-01'],
    ['scotland', '2026-07-31', '2026-08-31'],
    ['scotland', '2026-07-03', '2026-08-04'],
    ['northern-ireland', '2026-06-13', '2026-07-14'],
    ['northern-ireland', '2026-02-17', '2026-03-18'],
  ] as const)('in %s, identity arriving on %s makes it due %s (past weekends and bank holidays)', (nation, arrived, due) => {
    const tenant = tenantIn(nation);
    const r = run(received('2026-01-05', tenant), [askIdentity('2026-01-06'), answer(arrived)], tenant);
    expect(r.dueOn).toBe(due);
  });

  it('while waiting for identity, the date moves on day by day (as if it arrived today)', () => {
    const waiting = run(received('2026-03-10'), [askIdentity('2026-03-11')]);
    expect(dueOnFor(england, waiting.receivedOn, waiting.clock, '2026-03-20')).toBe('2026-04-20');
    expect(dueOnFor(england, waiting.receivedOn, waiting.clock, '2026-03-11')).toBe('2026-04-13'); // 11 Apr is a Saturday
  });

  it('lets staff extend until the first deadline counted from the identity day, then adds the months from it', () => {
    const r = run(received('2026-03-10'), [askIdentity('2026-03-11'), answer('2026-03-24')]);
    expect(firstDeadlineFor(england, r.receivedOn, r.clock)).toBe('2026-04-24');
    expect(stepRefusal(r, 'extend', { tenant: england, today: '2026-04-20' })).toBeUndefined();
    const extended = run(r, [['2026-04-20', { type: 'extend', months: 1, reason: 'Many systems.' }, staff]]);
    expect(extended.dueOn).toBe('2026-05-26'); // 24 May is a Sunday, 25 May the spring bank holiday
    expect(stepRefusal(r, 'extend', { tenant: england, today: '2026-04-27' })).toMatch(/first deadline has passed/);
  });

  it('a tenant’s shorter promise counts from the same start and only ever shortens', () => {
    const promise28 = tenantIn('england-and-wales', 28);
    const r = run(received('2026-03-10', promise28), [askIdentity('2026-03-11'), answer('2026-03-24')], promise28);
    expect(r.dueOn).toBe('2026-04-21');
    const promise40 = tenantIn('england-and-wales', 40);
    const s = run(received('2026-03-10', promise40), [askIdentity('2026-03-11'), answer('2026-03-24')], promise40);
    expect(s.dueOn).toBe('2026-04-24');
  });

  it('says which rule applies and why the date is what it is', () => {
    const waiting = run(received('2026-03-10'), [askIdentity('2026-03-11')]);
    const note = (r: RightsRequest, reader: 'subject' | 'staff', today: string) =>
      clockNote(
        england,
        {
          receivedOn: r.receivedOn,
          clock: r.clock,
          open: true,
          dueOn: dueOnFor(england, r.receivedOn, r.clock, today),
          identityInWords: answeredIdentityInWords(r),
        },
        today,
        reader,
      );
    expect(note(waiting, 'subject', '2026-03-20')).toMatch(/confirm your identity.*Article 12A.*20 April 2026/);
    // The person's own typed answer: it may be the information or only say it is on its way, so the
    // note says they answered, not that the information arrived.
    const r = run(waiting, [answer('2026-03-24')]);
    expect(note(r, 'subject', '2026-03-25')).toBe(
      'Due 24 April 2026: one calendar month from 24 March 2026, the day you answered our question about your identity. The time counts from the latest of the request, the identity information asked for and any fee (UK GDPR Article 12A).',
    );
    expect(note(r, 'staff', '2026-03-25')).toContain(
      'the day the requester answered the identity question on their page (if the proof came another way, record the day it arrived)',
    );
    // Staff record the day the proof arrived (by post, after that answer): it arrived, and the month counts from then.
    const posted = run(r, [['2026-03-27', { type: 'identity-received', receivedOn: '2026-03-26', via: 'post' }, staff]]);
    expect(note(posted, 'subject', '2026-03-27')).toContain(
      'from 26 March 2026, the day we received the information we asked for to confirm your identity',
    );
    expect(note(posted, 'staff', '2026-03-27')).toContain('the day the identity information asked for arrived');
    const plain = received('2026-04-10');
    expect(note(plain, 'subject', '2026-04-10')).toBe(
      'Due 11 May 2026: one calendar month from 10 April 2026, the day we received your request, moved on past a weekend or bank holiday.',
    );
    const clarifying = run(received('2026-03-10'), [askClarify('2026-03-11')]);
    expect(note(clarifying, 'subject', '2026-03-12')).toMatch(/paused while we wait for you to clarify/);
    const view = requestView(england, waiting, '2026-03-12');
    expect(view).toMatchObject({ questionPurpose: 'identity', paused: true });
    expect(view.history[0]?.text).toMatch(/confirm your identity/);
  });

  describe('a clarification stops the clock only on an access request (DUAA 2025 s.76)', () => {
    const erasure = (on: string): RightsRequest => ({ ...received(on), kind: 'erasure' });

    it('leaves the month running on any other request: asked, waited ten days, answered, same date', () => {
      const before = erasure('2026-03-10');
      const asked = run(before, [askClarify('2026-03-11')]);
      expect(asked.status).toBe('awaiting-information');
      expect(asked.clock.pausedSince).toBeUndefined();
      expect(clockStopped(asked)).toBe(false);
      expect(asked.history.at(-1)).toMatchObject({ type: 'information-requested', purpose: 'clarification', clockRunning: true });
      expect(dueOnFor(england, asked.receivedOn, asked.clock, '2026-03-21')).toBe(before.dueOn);
      const answered = run(asked, [answer('2026-03-21')]);
      expect(answered.clock.pausedDays).toBe(0);
      expect(answered.dueOn).toBe(before.dueOn);
      expect(answered.status).toBe('received'); // not yet started
      expect(answered.history.at(-1)).toMatchObject({ type: 'information-provided', clockRunning: true });
    });

    it('the same question on an access request stops it, as the law allows', () => {
      const asked = run(received('2026-03-10'), [askClarify('2026-03-11')]);
      expect(clockStopped(asked)).toBe(true);
      expect(asked.history.at(-1)?.clockRunning).toBeUndefined();
      expect(run(asked, [answer('2026-03-21')]).clock.pausedDays).toBe(10);
    });

    it('asking another request’s requester to confirm who they are still restarts the month (Art. 12A)', () => {
      const r = run(erasure('2026-03-10'), [askIdentity('2026-03-11'), answer('2026-03-24')]);
      expect(r.dueOn).toBe('2026-04-24');
      expect(r.history.every((h) => !h.clockRunning)).toBe(true);
    });

    it('keeps the request on the overdue list and lets staff extend before the first deadline while waiting', () => {
      const asked = run(erasure('2026-03-10'), [askClarify('2026-03-11')]);
      const ctx = { tenant: england } as unknown as Parameters<typeof queueItem>[0];
      const late = queueItem(ctx, asked, '2026-04-14', []);
      expect(late).toMatchObject({ paused: false, overdue: true, dueOn: '2026-04-10' });
      expect(queueItem(ctx, run(received('2026-03-10'), [askClarify('2026-03-11')]), '2026-04-14', [])).toMatchObject({
        paused: true,
        overdue: false,
      });
      expect(stepRefusal(asked, 'extend', { tenant: england, today: '2026-03-20' })).toBeUndefined();
      const extended = run(asked, [['2026-03-20', { type: 'extend', months: 1, reason: 'Four systems to search.' }, staff]]);
      expect(extended).toMatchObject({ status: 'awaiting-information', dueOn: '2026-05-11' });
      expect(run(extended, [answer('2026-03-25')]).status).toBe('extended');
      // A stopped clock still holds an extension back until the answer.
      const stopped = run(received('2026-03-10'), [askClarify('2026-03-11')]);
      expect(stepRefusal(stopped, 'extend', { tenant: england, today: '2026-03-20' })).toMatch(/clock is stopped/);
    });

    it('tells the person the time runs on, with the date, in the view and its history', () => {
      const asked = run(erasure('2026-03-10'), [askClarify('2026-03-11')]);
      const view = requestView(england, asked, '2026-03-12');
      expect(view).toMatchObject({ paused: false, questionPurpose: 'clarification', question: 'Which account?' });
      expect(view.questionNote).toBe(
        'The time limit keeps running while we wait for your answer: we will respond by 10 April 2026 at the latest.',
      );
      expect(view.history.at(-1)?.text).toBe(
        'We asked you for information. The time limit keeps running while we wait for your answer.',
      );
      expect(view.clockNote).toMatch(/^Due 10 April 2026: one calendar month from 10 March 2026/);
      const access = requestView(england, run(received('2026-03-10'), [askClarify('2026-03-11')]), '2026-03-12');
      expect(access.questionNote).toBe(
        'The time limit is paused until you answer. It runs again from the day we have your answer.',
      );
      expect(requestView(england, run(asked, [answer('2026-03-13')]), '2026-03-13').history.at(-1)?.text).toBe('You answered.');
      // Asked once the time limit had passed: no promise of a date already gone.
      const late = run(erasure('2026-03-10'), [askClarify('2026-04-14')]);
      expect(requestView(england, late, '2026-04-14').questionNote).toBe(
        'The time limit keeps running while we wait for your answer. Our response was due by 10 April 2026: it is late, and we will respond as soon as we can.',
      );
      expect(requestView(england, asked, '2026-04-10').questionNote).toContain('we will respond by 10 April 2026 at the latest.');
      // What a stopped clock waits for, said once for the list and the page; nothing while the clock runs.
      expect(view.waiting).toBeUndefined();
      expect(access.waiting).toBe('The time limit is paused until you answer (due by 13 April 2026 if you answer today)');
      const identity = requestView(england, run(erasure('2026-03-10'), [askIdentity('2026-03-11')]), '2026-03-12');
      expect(identity.waiting).toBe('Waiting for your answer (due by 13 April 2026 if you answer today)');
    });
  });
});
