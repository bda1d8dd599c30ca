import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/** The person's marketing choices: what the portal's marketing page reads and sends. */
const channel = /* @__PURE__ */ lazySchema(() => z.enum(['email', 'phone', 'sms', 'post']));

export const PreferencesUpdate = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    changes: z
      .array(z.strictObject({ channel, topic: z.string().min(1).max(64), granted: z.boolean() }))
      .min(1, { error: 'Nothing to change' })
      .max(64)
      .refine((changes) => new Set(changes.map((c) => `${c.channel}|${c.topic}`)).size === changes.length, {
        error: 'Each channel and topic may appear once',
      }),
    /**
     * The marketing wording the page showed: each change is recorded as given on that wording, so
     * if it is no longer the centre's, nothing is saved (409). Without it, the centre's current
     * wording is recorded.
     */
    wording: z.string().max(100_000).optional(),
  }),
);

export const MarketingResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    lawfulBasis: z.enum(['consent', 'legitimate-interests']),
    /** What the default is for this person, in words that fit who they are (the soft opt-in only for a customer). */
    intro: z.string(),
    wording: z.string(),
    /** The words beside "Stop all marketing", recorded on the objection if the person stops all. */
    stopWording: z.string(),
    channels: z.array(channel),
    topics: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
    cells: z.array(z.object({ channel: z.string(), topic: z.string(), granted: z.boolean(), since: z.string().nullable() })),
    stoppedAllAt: z.string().nullable(),
    history: z.array(
      z.object({
        at: z.string(),
        text: z.string(),
        granted: z.boolean(),
        source: z.string(),
        /** The marketing wording in force when the change was made, as the ledger recorded it. */
        wording: z.string(),
      }),
    ),
  }),
);
export type MarketingResponse = z.infer<typeof MarketingResponse>;
