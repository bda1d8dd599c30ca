import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { feeGrounds, feePaidVia } from '../requests/fee-model.ts';
import { text } from './fields.ts';

/**
 * The staff actions for duplicates, repeats and fees (issue 20), part of `StaffAction`:
 * merging a duplicate, answering a repeat by pointing to the earlier answer, asking for a fee
 * where the law allows one and recording it paid.
 */
export const repeatActions = () =>
  [
    /** Merge another open request of the same person and kind into the one received first. */
    z.strictObject({ type: z.literal('merge-duplicate'), duplicateId: z.string().min(1).max(64) }),
    /** A repeat of a request answered recently, nothing changed: answer by pointing to that answer. */
    z.strictObject({
      type: z.literal('answer-by-reference'),
      earlierId: z.string().min(1).max(64),
      message: text('why the earlier answer still stands (the requester is told it)', 2000),
    }),
    /** A fee where the tenant set one: further copies (Art. 15(3)), manifestly unfounded or excessive (Art. 12(5)). */
    z.strictObject({
      type: z.literal('ask-fee'),
      grounds: z.enum(feeGrounds, { error: 'Choose why a fee is asked' }),
      reason: text('the reason for the fee (the requester is told it)', 2000),
    }),
    /** The fee arrived: the month counts from the day it was paid (Art. 12A). */
    z.strictObject({
      type: z.literal('fee-paid'),
      paidOn: z.iso.date({ error: 'Give the day the fee was paid' }),
      via: z.enum(feePaidVia, { error: 'Choose how it was paid' }),
    }),
  ] as const;

/** A person's other requests as staff compare them: likely duplicates side by side, and earlier answers. */
const Related = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    reference: z.string(),
    kindName: z.string(),
    statusText: z.string(),
    receivedOn: z.string(),
    receivedVia: z.string(),
    dueOn: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** When it was completed or refused (a UK date), if it was. */
    answeredOn: z.string().optional(),
    /** Completed within the last 12 months with the same kind and scope: a repeat may be answered by pointing to it. */
    recentSameScope: z.boolean(),
  }),
);
export const RelatedRequests = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** Open requests of the same person, kind and scope: merge them into the one received first. */
    duplicates: z.array(Related),
    /** The person's earlier requests, newest first, with when each was answered. */
    earlier: z.array(Related),
    /** Requests merged into this one, with what they asked. */
    merged: z.array(z.object({ id: z.string(), reference: z.string(), receivedOn: z.string(), details: Related.shape.details })),
    mergedInto: z.object({ id: z.string(), reference: z.string() }).nullable(),
    /** The fee asked for, if any, and the fees this centre may ask (none: requests are free). */
    fee: z
      .object({
        grounds: z.string(),
        amount: z.string(),
        reason: z.string(),
        askedOn: z.string(),
        payBy: z.string(),
        paidOn: z.string().optional(),
      })
      .nullable(),
    fees: z.object({ furtherCopy: z.string().optional(), unfoundedOrExcessive: z.string().optional() }),
  }),
);
export type RelatedRequests = z.infer<typeof RelatedRequests>;
