import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/** A person's marketing choices as staff see them, and a choice staff record for them. */

export const StaffMarketingView = /* @__PURE__ */ lazySchema(() =>
  z.object({
    lawfulBasis: z.enum(['consent', 'legitimate-interests']),
    /** Who the person is to the organisation, in its words: the default of a cell depends on it. */
    kindName: z.string(),
    stoppedAllAt: z.string().nullable(),
    cells: z.array(
      z.object({
        channel: z.string(),
        topic: z.string(),
        topicName: z.string(),
        granted: z.boolean(),
        /** Null while it holds the centre's default (no choice made). */
        since: z.string().nullable(),
      }),
    ),
    /** The consent ledger, newest first. */
    history: z.array(
      z.object({
        at: z.string(),
        channel: z.string(),
        topic: z.string(),
        granted: z.boolean(),
        source: z.string(),
        receivedVia: z.string().optional(),
        /** The member of staff who recorded it. */
        by: z.string().optional(),
        /** For `connected-system`: where the choice was made (a mail tool and its list). */
        sourceDetail: z.string().optional(),
        wording: z.string(),
        policyVersion: z.string(),
      }),
    ),
    /**
     * The marketing systems (those the centre unsubscribes people in): the last time each was told
     * of an opt-out and how that went, and what the last reconciliation did or could not settle.
     */
    systems: z.array(
      z.object({
        systemId: z.string(),
        name: z.string(),
        push: z.object({ at: z.string(), state: z.string(), text: z.string(), attention: z.boolean() }).nullable(),
        reconciled: z.object({ at: z.string(), state: z.string(), text: z.string(), attention: z.boolean() }).nullable(),
      }),
    ),
  }),
);
export type StaffMarketingView = z.infer<typeof StaffMarketingView>;

/**
 * A choice the person gave staff. `*` as the topic means every topic ("no more calls": phone,
 * `*`), `*` as the channel every channel ("no more offers": `*`, offers); both `*` with
 * `granted: false` is "stop all marketing" (their objection: suppression too).
 */
export const RecordMarketingChoice = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    channel: z.string().min(1).max(50),
    topic: z.string().min(1).max(100),
    granted: z.boolean({ error: 'Say whether they want it (true) or not (false)' }),
    receivedVia: z.enum(['email', 'phone', 'letter', 'in-person'], { error: 'Say how the choice reached you' }),
  }),
);
export type RecordMarketingChoice = z.infer<typeof RecordMarketingChoice>;
