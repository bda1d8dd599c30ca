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

export const MyDataResponse = z.object({
  subject: z.object({ id: z.string(), email: z.string(), name: z.string() }),
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
      fields: z.array(z.object({ id: z.string(), label: z.string(), kind: z.string() })),
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
