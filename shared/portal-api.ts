import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { lawfulBases } from './policy/schema.ts';
import { RequestViewSchema } from './portal-api/requests.ts';

/**
 * The HTTP contract's schemas. Routes validate with them, the OpenAPI document is generated
 * from them, and the page imports their types.
 */
export const EmailAddress = /* @__PURE__ */ lazySchema(() =>
  z
    .string({ error: 'Enter your email address' })
    .trim()
    .max(254, { error: 'That email address is too long' })
    .email({ error: 'Enter a valid email address, like name@example.com' }),
);

export const LinkRequest = /* @__PURE__ */ lazySchema(() => z.strictObject({ email: EmailAddress }));
const BAD_LINK = 'This link is not valid or has expired. Please ask for a new one.';
export const VerifyRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    // Not "incomplete": a token of the wrong shape is mistyped or cut short, and says nothing of anyone's address.
    token: z.string({ error: BAD_LINK }).regex(/^[A-Za-z0-9_-]{43}$/, { error: BAD_LINK }),
  }),
);

export const Message = /* @__PURE__ */ lazySchema(() => z.object({ message: z.string() }));
export const ErrorResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() }),
);

export const TenantPublic = /* @__PURE__ */ lazySchema(() =>
  z.object({
    slug: z.string(),
    name: z.string(),
    legalName: z.string(),
    contact: z.object({
      email: z.string(),
      phone: z.string().optional(),
      address: z.string().optional(),
      dpo: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }).optional(),
      /** Set where these contact details are not the policy's own (an operator's placeholder): what the person is told. */
      said: z.string().optional(),
    }),
    deadlinePromise: z.string(),
    transfers: z.string(),
  }),
);
export type TenantPublic = z.infer<typeof TenantPublic>;

export const TenantList = /* @__PURE__ */ lazySchema(() =>
  z.object({ tenants: z.array(z.object({ slug: z.string(), name: z.string() })) }),
);

const RecordValue = /* @__PURE__ */ lazySchema(() => z.union([z.string(), z.number(), z.boolean()]));

const DataRecordSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    category: z.string(),
    recordedOn: z.string(),
    data: z.record(z.string(), RecordValue),
  }),
);

/** What GET me lists: the same view as the request page. */
export const RequestSummary = RequestViewSchema;

/** The other systems a person's data is held in, from their last search there (`shared/systems/your-data.ts`). */
export const heldInSystemsSchema = () =>
  z.object({
    searchedOn: z.string(),
    systems: z.array(
      z.object({
        name: z.string(),
        /** Centre categories by name, each with its count where the system gave one. */
        holds: z.array(z.object({ category: z.string(), count: z.number().optional() })),
        /** Searched by hand by staff: what it holds is not counted. */
        byHand: z.literal(true).optional(),
      }),
    ),
  });

export const MyDataResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
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
        /** `said`, as for retention: empty where the basis is the MSP's own words. */
        lawfulBasis: z.object({ code: z.enum(lawfulBases), label: z.string(), detail: z.string(), said: z.string() }),
        source: z.string(),
        recipients: z.array(z.string()),
        providedBySubject: z.boolean(),
        /** `said`: empty where the words are the MSP's own policy; otherwise whose they are (the centre's default, the operator's). */
        retention: z.object({ summary: z.string(), nextDeletionOn: z.string().nullable(), note: z.string(), said: z.string() }),
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
    /** Where the data goes outside the UK, in the policy's words (the export says the same). */
    transfers: z.string(),
    /** The policy's own words on automated decisions and profiling (absent: it says nothing). */
    automatedDecisions: z.string().optional(),
    /** The other systems the subject's data is held in, from their last search there (none yet: absent). */
    systems: heldInSystemsSchema().optional(),
  }),
);
export type MyDataResponse = z.infer<typeof MyDataResponse>;

export const SignedIn = /* @__PURE__ */ lazySchema(() => z.object({ subject: z.object({ id: z.string() }) }));

export const RecordUpdate = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    version: z.number().int().nonnegative(),
    changes: z
      .record(z.string().max(64), z.string().max(500))
      .refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 30, {
        error: 'Change between 1 and 30 fields at once',
      }),
  }),
);
export const RecordUpdated = /* @__PURE__ */ lazySchema(() => z.object({ version: z.number(), record: DataRecordSchema }));
export const Conflict = /* @__PURE__ */ lazySchema(() =>
  z.object({
    error: z.literal('conflict'),
    message: z.string(),
    details: z.object({ version: z.number(), record: DataRecordSchema.optional() }),
  }),
);

export const EmailChange = /* @__PURE__ */ lazySchema(() => z.strictObject({ email: EmailAddress }));

export const CorrectionRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    recordId: z.string().min(1).max(64),
    field: z.string().min(1).max(64),
    value: z
      .string()
      .trim()
      .min(1, { error: 'Tell us what the correct value is' })
      .max(500, { error: 'Keep the correct value under 500 characters' }),
    note: z.string().max(1000, { error: 'Keep the note under 1,000 characters' }).optional(),
  }),
);

export { MarketingResponse, PreferencesUpdate } from './portal-api/marketing.ts';
export {
  FiledRequest,
  FileRequest,
  NewRequest,
  RequestAddition,
  RequestAnswer,
  type RequestViewResponse,
  RequestViewSchema,
  RequestWithdrawal,
} from './portal-api/requests.ts';

export const RequestList = /* @__PURE__ */ lazySchema(() => z.object({ requests: z.array(RequestViewSchema) }));
