import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { channels } from './policy/schema.ts';

/** The HTTP schemas of the mailer API: the MSP's own mail tools, signed with the tenant's mailer secret. */

export const MayWeSendQuestion = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** An email address (channel email) or a phone number (sms, phone). */
    address: z.string().trim().min(3).max(254),
    channel: z.enum(channels),
    topic: z.string().min(1).max(100),
  }),
);

export const MayWeSendAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** Yes or no, and nothing else: an unknown address gets the tenant's default for a stranger (no). */
    send: z.boolean(),
  }),
);

export const SuppressionList = /* @__PURE__ */ lazySchema(() =>
  z.object({
    keying: z.object({ algorithm: z.string(), email: z.string(), phone: z.string(), versions: z.string() }),
    /** The HASH_KEY version new entries are written under. */
    current: z.number(),
    /**
     * The tenant's key of each HASH_KEY version, 1..n, with the entries stored under it (hex
     * HMAC-SHA256, sorted): version 1 = HMAC(key 1, "email:…"), version N = HMAC(key N, version N-1).
     */
    versions: z.array(z.object({ version: z.number(), key: z.string(), hashes: z.array(z.string()) })),
  }),
);

export const OptOutImport = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** CSV with the header `address,channel,topic,date,source`; `*` as channel or topic means all. */
    content: z.string().min(1, { error: 'The file is empty' }),
  }),
);

export const OptOutReport = /* @__PURE__ */ lazySchema(() =>
  z.object({
    rows: z.number(),
    applied: z.number(),
    errors: z.array(z.object({ line: z.number(), message: z.string() })),
  }),
);
