import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/** The staff reports' and the audit check's schemas. */

export const ReportQuery = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    from: z.iso.date({ error: 'Give the first day as YYYY-MM-DD' }),
    to: z.iso.date({ error: 'Give the last day as YYYY-MM-DD' }),
  }),
);
export const ReportResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    from: z.string(),
    to: z.string(),
    received: z.number(),
    closed: z.number(),
    /** Calendar days from receipt to closing, median over the requests closed in the range. */
    medianDaysToClose: z.number().nullable(),
    /** Share (0–1) of the requests closed in the range that closed on or before their due date. */
    closedOnTimeShare: z.number().nullable(),
    overdueNow: z.number(),
    rows: z.array(
      z.object({
        kind: z.string(),
        kindName: z.string(),
        received: z.number(),
        byStatus: z.record(z.string(), z.number()),
        closed: z.number(),
        closedOnTime: z.number(),
        /** The requests answered in the range by how they ended: done, partly done, nothing held, not upheld… */
        byOutcome: z.record(z.string(), z.number()),
        medianDaysToClose: z.number().nullable(),
        overdueNow: z.number(),
      }),
    ),
    /** Duplicates merged, repeats answered by reference, fees asked, paid and unpaid (by the day each happened). */
    repeats: z.object({
      duplicatesMerged: z.number(),
      repeatsAnsweredByReference: z.number(),
      feesAsked: z.number(),
      feesPaid: z.number(),
      feesUnpaid: z.number(),
    }),
  }),
);
export type ReportResponse = z.infer<typeof ReportResponse>;

export const AuditVerifyResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    ok: z.boolean(),
    /** Events checked along the chain. */
    checked: z.number(),
    /** The last link checked. */
    head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
    firstBroken: z
      .object({ seq: z.number(), id: z.string().optional(), at: z.string().optional(), problem: z.string() })
      .nullable(),
  }),
);
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
