import { z } from 'zod';
import { lawfulBases } from './policy/schema.ts';

/**
 * The HTTP contract's schemas. Routes validate with them, the OpenAPI document is generated
 * from them, and the page imports their types.
 */
export const EmailAddress = z
  .string({ error: 'Enter your email address' })
  .trim()
  .max(254, { error: 'That email address is too long' })
  .email({ error: 'Enter a valid email address, like name@example.com' });

export const LinkRequest = z.strictObject({ email: EmailAddress });
export const VerifyRequest = z.strictObject({
  token: z.string({ error: 'The link is incomplete: open it from the email again' }).regex(/^[A-Za-z0-9_-]{43}$/, {
    error: 'The link is incomplete: open it from the email again',
  }),
});

export const Message = z.object({ message: z.string() });
export const ErrorResponse = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

export const TenantPublic = z.object({
  slug: z.string(),
  name: z.string(),
  legalName: z.string(),
  contact: z.object({
    email: z.string(),
    phone: z.string().optional(),
    address: z.string().optional(),
    dpo: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }).optional(),
  }),
  deadlinePromise: z.string(),
  transfers: z.string(),
});
export type TenantPublic = z.infer<typeof TenantPublic>;

export const TenantList = z.object({ tenants: z.array(z.object({ slug: z.string(), name: z.string() })) });

const RecordValue = z.union([z.string(), z.number(), z.boolean()]);

const DataRecordSchema = z.object({
  id: z.string(),
  category: z.string(),
  recordedOn: z.string(),
  data: z.record(z.string(), RecordValue),
});

export const RequestSummary = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.string(),
  status: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  daysLeft: z.number(),
  details: z.record(z.string(), z.string()),
});

export const MyDataResponse = z.object({
  subject: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  /** Send it back with every change of details: a stale one is refused with 409. */
  version: z.number(),
  requests: z.array(RequestSummary),
  categories: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      purpose: z.string(),
      lawfulBasis: z.object({ code: z.enum(lawfulBases), label: z.string(), detail: z.string() }),
      source: z.string(),
      recipients: z.array(z.string()),
      retention: z.object({ summary: z.string(), nextDeletionOn: z.string().nullable(), note: z.string() }),
      fields: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          kind: z.enum(['text', 'email', 'phone', 'postcode', 'date', 'masked']),
          editable: z.boolean(),
          required: z.boolean(),
          ownedBy: z.string().optional(),
        }),
      ),
      records: z.array(
        z.object({
          id: z.string(),
          recordedOn: z.string(),
          deleteOn: z.string().nullable(),
          overdue: z.boolean(),
          data: z.record(z.string(), RecordValue),
        }),
      ),
    }),
  ),
});
export type MyDataResponse = z.infer<typeof MyDataResponse>;

export const SignedIn = z.object({ subject: z.object({ id: z.string() }) });

export const RecordUpdate = z.strictObject({
  version: z.number().int().nonnegative(),
  changes: z
    .record(z.string().max(64), z.string().max(500))
    .refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 30, {
      error: 'Change between 1 and 30 fields at once',
    }),
});
export const RecordUpdated = z.object({ version: z.number(), record: DataRecordSchema });
export const Conflict = z.object({
  error: z.literal('conflict'),
  message: z.string(),
  details: z.object({ version: z.number(), record: DataRecordSchema.optional() }),
});

export const EmailChange = z.strictObject({ email: EmailAddress });

export const CorrectionRequest = z.strictObject({
  recordId: z.string().min(1).max(64),
  field: z.string().min(1).max(64),
  value: z.string().max(500, { error: 'Keep the correct value under 500 characters' }),
  note: z.string().max(1000, { error: 'Keep the note under 1,000 characters' }).optional(),
});

const channel = z.enum(['email', 'phone', 'sms', 'post']);

export const PreferencesUpdate = z.strictObject({
  changes: z
    .array(z.strictObject({ channel, topic: z.string().min(1).max(64), granted: z.boolean() }))
    .min(1, { error: 'Nothing to change' })
    .max(64),
});

export const MarketingResponse = z.object({
  lawfulBasis: z.enum(['consent', 'legitimate-interests']),
  wording: z.string(),
  channels: z.array(channel),
  topics: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  cells: z.array(z.object({ channel: z.string(), topic: z.string(), granted: z.boolean(), since: z.string().nullable() })),
  stoppedAllAt: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), text: z.string(), granted: z.boolean(), source: z.string() })),
});
export type MarketingResponse = z.infer<typeof MarketingResponse>;
