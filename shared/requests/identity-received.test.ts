import { describe, expect, it } from 'vitest';
import type { RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { applyAction, type RequestAction, stepRefusal } from './lifecycle.ts';
import { england, received as filed, scotland, staff, subject } from './lifecycle-fixtures.ts';

/** Staff recording identity information that arrived another way (UK GDPR Art. 12A). */

/** Staff recording identity information that arrived another way (UK GDPR Art. 12A). */
const step = (r: RightsRequest, on: string, action: RequestAction, tenant = england) =>
  applyAction(r, action, { tenant, actor: staff, now: new Date(`${on}T12:00:00Z`) });
const askIdentity: RequestAction = { type: 'ask-information', message: 'Photo ID, please.', purpose: 'identity' };
const arrived = (receivedOn: string, note?: string): RequestAction => ({
  type: 'identity-received',
  receivedOn,
  via: 'post',
  ...(note ? { note } : {}),
});
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}: ${e.message}` : String(e);
  }
  return 'no error';
};

describe('identity information received by post, email, phone or in person', () => {
  it.each([
    // [nation, filed, asked, arrived, recorded, due]
    ['england-and-wales', '2026-03-10', '2026-03-10', '2026-03-24', '2026-03-30', '2026-04-24'],
    // 4 May 2026 is the Early May bank holiday (England and Scotland): the next working day.
    ['england-and-wales', '2026-04-01', '2026-04-02', '2026-04-04', '2026-04-07', '2026-05-05'],
    ['scotland', '2026-04-01', '2026-04-02', '2026-04-04', '2026-04-07', '2026-05-05'],
    // Arrived on a Saturday a month before a Sunday: Monday.
    ['england-and-wales', '2026-02-01', '2026-02-02', '2026-02-07', '2026-02-09', '2026-03-09'],
  ])('%s: filed %s, asked %s, arrived %s, recorded %s: due %s', (nation, on, asked, arrival, recorded, due) => {
    const tenant = nation === 'scotland' ? scotland : england;
    const waiting = step(filed(on, tenant), asked, askIdentity, tenant);
    const after = step(waiting, recorded, arrived(arrival, 'In the post tray.'), tenant);
    expect(after.dueOn).toBe(due);
    expect(after.status).toBe('received'); // not yet started
    expect(after.clock).toEqual({ extensionMonths: 0, pausedDays: 0, identityReceivedOn: arrival });
    expect(after.history.at(-1)).toMatchObject({ type: 'information-provided', purpose: 'identity' });
    expect(after.history.at(-1)?.message).toMatch(/arrived by post on /);
    // The staff note is internal only, never in the history the person sees.
    expect(after.internal?.at(-1)).toMatchObject({ type: 'note', message: 'In the post tray.' });
    expect(JSON.stringify(after.history)).not.toContain('post tray');
  });

  it('after the person only wrote that the proof is on its way: staff record the day it arrived, and the month counts from it', () => {
    // Asked 12 March; the person answers on their page on the 13th ("I have posted my council tax bill").
    const waiting = step(filed('2026-03-10'), '2026-03-12', askIdentity);
    const answered = applyAction(
      waiting,
      { type: 'provide-information', message: 'I have posted a copy of my council tax bill.' },
      { tenant: england, actor: subject, now: new Date('2026-03-13T12:00:00Z') },
    );
    expect(answered.status).toBe('received'); // not yet started
    expect(answered.dueOn).toBe('2026-04-13');
    expect(stepRefusal(answered, 'identity-received', { tenant: england, today: '2026-03-20' })).toBeUndefined();
    // Not before their answer; the bill arrived on the 18th: due a month from then.
    expect(codeOf(() => step(answered, '2026-03-20', arrived('2026-03-12')))).toMatch(/^bad_request: .*before we asked/);
    const recorded = step(answered, '2026-03-20', arrived('2026-03-18'));
    expect(recorded.dueOn).toBe('2026-04-20');
    expect(recorded.clock).toMatchObject({ identityReceivedOn: '2026-03-18', pausedDays: 0 });
    // Recorded once: the next proof needs a new ask.
    expect(stepRefusal(recorded, 'identity-received', { tenant: england, today: '2026-03-20' })).toMatch(/not waiting/);
  });

  it('refuses a day in the future, before the request or before the ask; and any request not waiting for identity', () => {
    const r = filed('2026-03-10');
    const waiting = step(r, '2026-03-12', askIdentity);
    expect(codeOf(() => step(waiting, '2026-03-20', arrived('2026-03-21')))).toMatch(/^bad_request: .*future/);
    expect(codeOf(() => step(waiting, '2026-03-20', arrived('2026-03-09')))).toMatch(/^bad_request: .*before the request/);
    expect(codeOf(() => step(waiting, '2026-03-20', arrived('2026-03-11')))).toMatch(/^bad_request: .*before we asked/);
    expect(codeOf(() => step(waiting, '2026-03-20', arrived('2026-03-12')))).toBe('no error');

    const clarifying = step(r, '2026-03-12', { type: 'ask-information', message: 'Which account?', purpose: 'clarification' });
    for (const request of [r, clarifying, step(r, '2026-03-11', { type: 'start' })]) {
      expect(stepRefusal(request, 'identity-received', { tenant: england, today: '2026-03-20' })).toMatch(/not waiting/);
      expect(codeOf(() => step(request, '2026-03-20', arrived('2026-03-12')))).toMatch(/^conflict: /);
    }
  });
});
