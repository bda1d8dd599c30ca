import { describe, expect, it } from 'vitest';
import type { RightsRequest } from '../../entities.ts';
import { IDENTITY_FIRST, identityUnconfirmed } from '../../requests/lifecycle.ts';
import { england, received, run, staff, subject } from '../../requests/lifecycle-fixtures.ts';
import type { RequestCase } from './case.ts';
import { requestActions } from './table.ts';

/**
 * Found trying it as a user: staff asked the requester to confirm who they are, the answer came,
 * and the erasure ran in every connected system with no identity check recorded. Now what acts on
 * the person's data or answers them waits for the check; refusing does not.
 */
describe('once staff ask the requester to confirm who they are', () => {
  const now = { tenant: england, today: '2026-03-13' };
  const erasure = (steps: Parameters<typeof run>[1]) =>
    run({ ...received('2026-03-10'), kind: 'erasure', details: { scope: 'everything' } }, steps);
  const askedAndAnswered = erasure([
    ['2026-03-10', { type: 'start' }, staff],
    ['2026-03-11', { type: 'ask-information', message: 'Your postcode, please.', purpose: 'identity' }, staff],
    ['2026-03-12', { type: 'provide-information', message: 'LS11 5PS' }, subject],
  ]);
  const checked = (request: RightsRequest, at: string): RightsRequest => ({
    ...request,
    identity: { method: 'call-back', note: 'Called back on the number we hold.', at, by: 'handler-1' },
  });
  const caseOf = (request: RightsRequest) => ({ request, subject: { id: 's1', email: 'ann@example.com' } }) as RequestCase;
  const gated = [
    'erase-in-systems',
    'carry-out-erasure',
    'complete',
    'answer-by-reference',
    'answer-nothing-held',
    'data-accurate',
  ] as const;

  it('the answer alone is not the check: acting on the data and answering wait for it; refusing does not', () => {
    expect(askedAndAnswered.status).toBe('in-progress');
    expect(identityUnconfirmed(askedAndAnswered)).toBe(true);
    for (const type of gated)
      expect([type, requestActions[type].refusal(caseOf(askedAndAnswered), now)]).toEqual([type, IDENTITY_FIRST]);
    expect(requestActions.refuse.refusal(caseOf(askedAndAnswered), now)).toBeUndefined();
    expect(requestActions['verify-identity'].refusal(caseOf(askedAndAnswered), now)).toBeUndefined();
  });

  it('a check recorded after the question lets the work go on; one recorded before it does not', () => {
    const after = checked(askedAndAnswered, '2026-03-12T15:00:00.000Z');
    expect(identityUnconfirmed(after)).toBe(false);
    expect(requestActions.complete.refusal(caseOf(after), now)).not.toBe(IDENTITY_FIRST);
    // Checked first, then in doubt again: asked again, the earlier check no longer settles it.
    const before = checked(askedAndAnswered, '2026-03-10T15:00:00.000Z');
    expect(identityUnconfirmed(before)).toBe(true);
  });

  it('a request nobody asked about, or asked only to clarify, is not held up', () => {
    expect(identityUnconfirmed(erasure([['2026-03-10', { type: 'start' }, staff]]))).toBe(false);
    const clarified = erasure([
      ['2026-03-10', { type: 'start' }, staff],
      ['2026-03-11', { type: 'ask-information', message: 'Which account?', purpose: 'clarification' }, staff],
      ['2026-03-12', { type: 'provide-information', message: 'The old one' }, subject],
    ]);
    expect(identityUnconfirmed(clarified)).toBe(false);
  });
});
