import { describe, expect, it } from 'vitest';
import type { RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { clockNote } from './clock-note.ts';
import { applyAction, type RequestAction, stepRefusal } from './lifecycle.ts';
import { england, received, staff } from './lifecycle-fixtures.ts';

/** Fees where the law allows them: asking stops the clock, payment starts the month (UK GDPR Art. 12A). */
const charging = {
  ...england,
  contact: { email: 'privacy@msp.example' },
  fees: {
    furtherCopyPence: 1000,
    unfoundedOrExcessivePence: 2500,
    basis: 'Staff time to copy and send.',
    howToPay: 'Bank transfer to 12-34-56 12345678.',
    payWithinDays: 30,
  },
} as unknown as TenantConfig;
const free = { ...england, contact: { email: 'privacy@msp.example' } } as unknown as TenantConfig;

const step = (r: RightsRequest, on: string, action: RequestAction, tenant = charging) =>
  applyAction(r, action, { tenant, actor: staff, now: new Date(`${on}T12:00:00Z`) });
const askCopyFee: RequestAction = { type: 'ask-fee', grounds: 'further-copy', reason: 'You asked for the same copy again.' };
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.message : String(e);
  }
  return 'no error';
};

describe('a fee where the law allows one', () => {
  it('is not asked for once the request is overdue: the fee would restart a month already missed', () => {
    // Received 2 March, due 2 April: on that day a fee can still be asked for, the day after not.
    expect(step(received('2026-03-02'), '2026-04-02', askCopyFee).status).toBe('awaiting-fee');
    expect(errorOf(() => step(received('2026-03-02'), '2026-04-03', askCopyFee))).toMatch(/due on 2 April 2026 and is overdue/);
  });

  it('asked for and paid ten days later: due a month from the day paid', () => {
    const asked = step(received('2026-03-02'), '2026-03-05', askCopyFee);
    expect(asked.status).toBe('awaiting-fee');
    expect(asked.clock.fee).toMatchObject({ amountPence: 1000, askedOn: '2026-03-05', payBy: '2026-04-04' });
    const paid = step(asked, '2026-03-16', { type: 'fee-paid', paidOn: '2026-03-15', via: 'bank-transfer' });
    // Before the fee: due 2 April. Paid 15 March (a Sunday): a month from then is 15 April.
    expect(received('2026-03-02').dueOn).toBe('2026-04-02');
    expect(paid.dueOn).toBe('2026-04-15');
    expect(paid.status).toBe('received'); // not yet started: the fee does not start the work
    expect(paid.clock).toMatchObject({ feeReceivedOn: '2026-03-15', pausedDays: 0 });
    expect(paid.clock.pausedSince).toBeUndefined();
    expect(paid.history.at(-1)?.message).toMatch(/£10\.00 by bank transfer on 15 March 2026.*Article 12A/);
    expect(clockNote(charging, { ...paid, open: true }, '2026-03-16', 'subject')).toMatch(
      /from 15 March 2026, the day we received the fee/,
    );
  });

  it('while unpaid the clock stands still: the date would be a month from today', () => {
    const asked = step(received('2026-03-02'), '2026-03-05', askCopyFee);
    expect(clockNote(charging, { ...asked, open: true }, '2026-03-20', 'subject')).toMatch(
      /starts on the day it is paid.*If it were paid today, the date would be 20 April 2026/,
    );
    expect(stepRefusal(asked, 'extend', { tenant: charging, today: '2026-03-06' })).toMatch(/clock is stopped/);
  });

  it('is refused where the tenant sets no fee, and for a further copy of anything but data asked for', () => {
    expect(errorOf(() => step(received('2026-03-02'), '2026-03-05', askCopyFee, free))).toMatch(/charges no fees/);
    const erasure = { ...received('2026-03-02'), kind: 'erasure' as const };
    expect(errorOf(() => step(erasure, '2026-03-05', askCopyFee))).toMatch(/only to access requests/);
    const noExcessiveFee = { ...charging, fees: { ...charging.fees, unfoundedOrExcessivePence: undefined } } as TenantConfig;
    expect(
      errorOf(() =>
        step(received('2026-03-02'), '2026-03-05', { ...askCopyFee, grounds: 'manifestly-excessive' }, noExcessiveFee),
      ),
    ).toMatch(/sets no fee for manifestly/);
  });

  it('a payment is not in the future, nor before the fee was asked', () => {
    const asked = step(received('2026-03-02'), '2026-03-05', askCopyFee);
    expect(errorOf(() => step(asked, '2026-03-06', { type: 'fee-paid', paidOn: '2026-03-07', via: 'card' }))).toMatch(/future/);
    expect(errorOf(() => step(asked, '2026-03-06', { type: 'fee-paid', paidOn: '2026-03-04', via: 'card' }))).toMatch(
      /before we asked/,
    );
  });

  it('closes unpaid only after the day to pay by has passed', () => {
    const asked = step(received('2026-03-02'), '2026-03-05', askCopyFee);
    expect(stepRefusal(asked, 'fee-unpaid', { tenant: charging, today: '2026-04-04' })).toBeDefined();
    const closed = step(asked, '2026-04-05', { type: 'fee-unpaid' });
    expect(closed.status).toBe('fee-unpaid');
    expect(closed.history.at(-1)?.message).toMatch(/was not paid by 4 April 2026, so we have closed this request/);
  });
});
