import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/**
 * What a tenant may charge (off unless set): a reasonable fee based on its administrative costs,
 * only for further copies of the data asked for (UK GDPR Art. 15(3)) and for requests that are
 * manifestly unfounded or excessive (Art. 12(5)); never for an ordinary request, which is free.
 * The centre takes no payment: staff record how it was paid.
 */
export const Fees = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** For a further copy of data already given (access requests), in pence. Absent: not charged. */
    furtherCopyPence: z.number().int().positive().max(100_000).optional(),
    /** For a manifestly unfounded or excessive request, in pence. Absent: not charged (it may be refused instead). */
    unfoundedOrExcessivePence: z.number().int().positive().max(100_000).optional(),
    /** How the amount was worked out from administrative costs, as the person is told. */
    basis: z.string().min(1),
    /** How to pay (bank details, a phone number to pay by card…), as the person is told. */
    howToPay: z.string().min(1),
    /** Days the person has to pay before the request closes unanswered (at least 14). */
    payWithinDays: z.number().int().min(14).max(90),
  }),
);
export type Fees = z.infer<typeof Fees>;
