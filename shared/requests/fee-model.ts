import { formatUkDate } from '../dates.ts';
import { addDays } from '../deadlines.ts';
import type { RequestClock, RightsRequest } from '../entities.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';

/**
 * Why a fee may be asked: a further copy of data already given (UK GDPR Art. 15(3)), or a
 * manifestly unfounded or excessive request (Art. 12(5)). Nothing else: requests are free.
 */
export const feeGrounds = ['further-copy', 'manifestly-unfounded', 'manifestly-excessive'] as const;
export type FeeGrounds = (typeof feeGrounds)[number];

/** How staff record a fee was paid (the centre takes no payment itself). */
export const feePaidVia = ['bank-transfer', 'card', 'cheque', 'cash', 'other'] as const;
export type FeePaidVia = (typeof feePaidVia)[number];

/** A fee asked for on a request, and its payment once recorded. */
export interface FeeRequest {
  grounds: FeeGrounds;
  amountPence: number;
  /** Why, in the words the person is told. */
  reason: string;
  askedOn: string;
  /** Not paid by the end of this day: the request closes (the fee sweep). */
  payBy: string;
  paidOn?: string;
  paidVia?: FeePaidVia;
}

export const feeGroundsText: Record<FeeGrounds, string> = {
  'further-copy': 'a further copy of data we have already given you (UK GDPR Article 15(3))',
  'manifestly-unfounded': 'a request we consider manifestly unfounded (UK GDPR Article 12(5))',
  'manifestly-excessive': 'a request we consider manifestly excessive (UK GDPR Article 12(5))',
};

export const paidViaText: Record<FeePaidVia, string> = {
  'bank-transfer': 'by bank transfer',
  card: 'by card',
  cheque: 'by cheque',
  cash: 'in cash',
  other: 'another way',
};

/** `1000` → `£10.00`. */
export const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

/** The tenant's fee for these grounds, or undefined when it charges none. */
export function feeFor(tenant: TenantConfig, grounds: FeeGrounds): number | undefined {
  const fees = tenant.fees;
  if (!fees) return undefined;
  return grounds === 'further-copy' ? fees.furtherCopyPence : fees.unfoundedOrExcessivePence;
}

/** Whether the clock stands still until a fee asked for is paid (Art. 12A: it starts when paid). */
export const waitingForFee = (clock: RequestClock) => Boolean(clock.pausedSince) && clock.pausedFor === 'fee';

/** Why a fee cannot be asked on these grounds now, or undefined when it can. */
export function askFeeRefusal(request: RightsRequest, tenant: TenantConfig, grounds?: FeeGrounds): string | undefined {
  if (!tenant.fees || (tenant.fees.furtherCopyPence === undefined && tenant.fees.unfoundedOrExcessivePence === undefined))
    return 'This privacy centre charges no fees: requests are free (set `fees` in the policy to charge where the law allows).';
  if (request.status !== 'received' && request.status !== 'in-progress' && request.status !== 'extended')
    return 'A fee can be asked only while the request is running, not while it waits for the requester.';
  if (request.clock.fee) return 'A fee was already asked for on this request.';
  if (grounds === 'further-copy' && request.kind !== 'access')
    return 'A fee for a further copy applies only to access requests (Art. 15(3)).';
  if (grounds && feeFor(tenant, grounds) === undefined)
    return `This privacy centre sets no fee for ${grounds === 'further-copy' ? 'further copies' : 'manifestly unfounded or excessive requests'}.`;
  return undefined;
}

/** Asks for the tenant's fee: the clock stops until it is paid. Returns the message the person is told. */
export function askFee(clock: RequestClock, tenant: TenantConfig, grounds: FeeGrounds, reason: string, today: string): string {
  const amountPence = feeFor(tenant, grounds) as number;
  const payBy = addDays(today, tenant.fees?.payWithinDays ?? 30);
  clock.fee = { grounds, amountPence, reason, askedOn: today, payBy };
  clock.pausedSince = today;
  clock.pausedFor = 'fee';
  return `We ask a fee of ${pounds(amountPence)} for ${feeGroundsText[grounds]}. Why: ${reason} Please pay by ${formatUkDate(payBy)}.`;
}

const badPayment = (message: string): never => {
  throw new DomainError('bad_request', `${message}.`, { fields: [{ field: 'paidOn', message }] });
};

/**
 * Records the fee as paid on the day it arrived: the month counts from that day (UK GDPR Art.
 * 12A), whatever happened before, so earlier pauses no longer count. Returns the person's message.
 */
export function feePaid(clock: RequestClock, paidOn: string, via: FeePaidVia, today: string): string {
  const fee = clock.fee;
  if (!fee) return badPayment('No fee was asked for on this request');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) badPayment('Give the day the fee was paid');
  if (paidOn > today) badPayment('The day it was paid cannot be in the future');
  if (paidOn < fee.askedOn) badPayment(`It cannot have been paid before we asked for it (${formatUkDate(fee.askedOn)})`);
  clock.fee = { ...fee, paidOn, paidVia: via };
  clock.feeReceivedOn = paidOn;
  clock.pausedDays = 0;
  delete clock.pausedSince;
  delete clock.pausedFor;
  return `We received your fee of ${pounds(fee.amountPence)} ${paidViaText[via]} on ${formatUkDate(paidOn)}. The one-month time limit counts from that day (UK GDPR Article 12A).`;
}

/** The fee was not paid in time: the message the person is told when the request closes. */
export function feeUnpaidMessage(fee: FeeRequest): string {
  return `The fee of ${pounds(fee.amountPence)} we asked for on ${formatUkDate(fee.askedOn)} was not paid by ${formatUkDate(fee.payBy)}, so we have closed this request without answering it. You can make a new request at any time.`;
}
