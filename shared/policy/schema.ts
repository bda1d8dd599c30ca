import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { relationshipKinds } from '../vocabulary.ts';
import { Fees } from './fees.ts';

/** Slugs are URL path segments: lowercase words joined by hyphens. */
export const slug = /* @__PURE__ */ lazySchema(() =>
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens'),
);

export const lawfulBases = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export const LawfulBasis = /* @__PURE__ */ lazySchema(() => z.enum(lawfulBases));
export type LawfulBasis = z.infer<typeof LawfulBasis>;

export const nations = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export const Nation = /* @__PURE__ */ lazySchema(() => z.enum(nations));
export type Nation = z.infer<typeof Nation>;

/** How a field is validated and shown when the subject edits it. */
export const FieldKind = /* @__PURE__ */ lazySchema(() => z.enum(['text', 'email', 'phone', 'postcode', 'date', 'masked']));

export const Field = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'field ids are camelCase'),
    label: z.string().min(1),
    kind: FieldKind.default('text'),
    /** true: the subject edits it directly; false: they ask for a correction instead. */
    editable: z.boolean().default(false),
    /** A subject cannot blank it out. */
    required: z.boolean().default(false),
    /** Who owns a field the subject cannot edit, e.g. "your employer". */
    ownedBy: z.string().optional(),
  }),
);

/**
 * When a record of a category is due for deletion.
 * - after-record: `months` after the record was made (call recordings: 3 months).
 * - after-relationship: `months` after the subject's relationship with the MSP
 *   (or their employer's contract) ends; undetermined while it is ongoing.
 * - until-withdrawn: kept while consent stands, then deleted (or suppressed) on withdrawal.
 */
export const RetentionRule = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('after-record'), months: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('after-relationship'), months: z.number().int().nonnegative() }),
    z.strictObject({ kind: z.literal('until-withdrawn') }),
  ]),
);
export type RetentionRule = z.infer<typeof RetentionRule>;

/**
 * Whose words a statement is: the MSP's own policy (with the clause quoted), the operator's
 * choice where the policy is silent, or the centre's default. The subject page shows the
 * difference, so nothing filled in by the centre reads as the MSP's promise.
 */
export const Said = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('by', [
    z.strictObject({ by: z.literal('msp'), quote: z.string().min(1) }),
    z.strictObject({ by: z.literal('operator'), why: z.string().min(1) }),
    z.strictObject({ by: z.literal('centre-default'), why: z.string().min(1) }),
  ]),
);
export type Said = z.infer<typeof Said>;

export const Category = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: slug,
    name: z.string().min(1),
    /** One plain-English sentence: what this data is. */
    description: z.string().min(1),
    fields: z.array(Field).min(1),
    purpose: z.string().min(1),
    lawfulBasis: LawfulBasis,
    /** Plain-English explanation of the basis (e.g. which legitimate interest). */
    lawfulBasisDetail: z.string().min(1),
    source: z.string().min(1),
    recipients: z.array(z.string().min(1)).min(1),
    retention: z.strictObject({
      /** What the policy says, in the words a subject understands. */
      summary: z.string().min(1),
      rule: RetentionRule,
    }),
    /** true when the subject provided this data themselves (in scope for portability). */
    providedBySubject: z.boolean(),
    /**
     * Why records of this category are kept through an erasure request until their retention ends
     * (a legal obligation, e.g. HMRC's, or the defence of legal claims), in the words the subject
     * is told. Absent: erasure deletes them.
     */
    keepOnErasure: z.string().min(1).optional(),
    /** Whose words the retention period and the lawful basis are (absent: not yet traced). */
    said: z.strictObject({ retention: Said.optional(), lawfulBasis: Said.optional() }).optional(),
  }),
);
export type Category = z.infer<typeof Category>;

export const channels = ['email', 'phone', 'sms', 'post'] as const;
export const Channel = /* @__PURE__ */ lazySchema(() => z.enum(channels));
export type Channel = z.infer<typeof Channel>;

export const Topic = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: slug,
    name: z.string().min(1),
    description: z.string().min(1),
    /**
     * The organisation's own products and services similar to those the person bought or asked
     * about: the only topics the PECR soft opt-in can cover (reg. 22(3)(b)). Anything else is off
     * until the person switches it on.
     */
    similarProducts: z.boolean().default(false),
  }),
);

export const RelationshipKind = /* @__PURE__ */ lazySchema(() => z.enum(relationshipKinds));
export const defaultRelationshipKinds = [
  { id: 'customer', name: 'Customer' },
  { id: 'prospect', name: 'Enquirer' },
  { id: 'end-user', name: 'A client’s staff member' },
  { id: 'applicant', name: 'Job applicant' },
  { id: 'other', name: 'Other' },
] as const;

export const StaffRole = /* @__PURE__ */ lazySchema(() => z.enum(['viewer', 'handler', 'admin']));

export const TenantConfig = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    slug,
    /** Brand name shown in the page header. */
    name: z.string().min(1),
    /** Registered name of the controller. */
    legalName: z.string().min(1),
    /** Starts every request reference, e.g. IPM in IPM-2026-000123. */
    referencePrefix: z.string().regex(/^[A-Z]{2,5}$/, 'use 2 to 5 capital letters'),
    /** Version label of the privacy policy the config was written from. */
    policyVersion: z.string().min(1),
    seedFile: z.string().optional(),
    contact: z.strictObject({
      email: z.email(),
      phone: z.string().optional(),
      address: z.string().optional(),
      dpo: z.strictObject({ name: z.string().min(1), email: z.email(), phone: z.string().optional() }).optional(),
      /** Whose address this is: an operator's placeholder (the policy's own is hidden or absent) must say so. */
      said: Said.optional(),
    }),
    /** Bank holidays of this nation move deadlines. */
    nation: Nation,
    deadline: z.strictObject({
      /**
       * A fixed period the MSP promises (e.g. 30 days). The due date is the earlier of it and the
       * legal calendar month, so a promise can shorten the deadline but never lengthen it.
       */
      fixedDays: z.number().int().positive().max(31).optional(),
      /** What the policy says about response times, shown to subjects. */
      promise: z.string().min(1),
    }),
    /** Transfers outside the UK, as the policy states them. */
    transfers: z.string().min(1),
    /**
     * What the policy says about automated decision-making and profiling, in its own words (absent:
     * the policy says nothing, and the page shows nothing). The person sees it on "your data".
     */
    automatedDecisions: z.string().min(1).optional(),
    /**
     * The policy promises that the data is stored only in the UK (e.g. "all of our hosting, backup
     * and staging servers are in the UK"). A deployment outside a UK region is refused for such a
     * tenant unless the operator overrides it for that tenant by name (infra/region.ts).
     */
    ukOnlyStorage: z.boolean().default(false),
    categories: z.array(Category).min(1),
    marketing: z.strictObject({
      channels: z.array(Channel).min(1),
      topics: z.array(Topic).min(1),
      /** consent, or legitimate-interests for the PECR soft opt-in to existing customers. */
      lawfulBasis: z.enum(['consent', 'legitimate-interests']),
      /** The wording shown next to the preference switches (recorded with each consent event). */
      wording: z.string().min(1),
      /**
       * PECR reg. 22(3)(a) reaches people whose details were obtained "in the course of the sale or
       * negotiations for the sale": true when the organisation treats enquirers (prospects in
       * negotiation) like customers for the soft opt-in. Off unless the tenant says so.
       */
      softOptInProspects: z.boolean().default(false),
      /**
       * PECR reg. 21: how the organisation screens numbers against the Telephone Preference Service
       * before a marketing call (e.g. "every number against the TPS and CTPS within 28 days of a
       * call, through …"). Without it nobody gets marketing calls unless they switch them on.
       */
      tpsScreening: z.string().min(1).optional(),
    }),
    /**
     * The kinds of relationship people have with this organisation, in its own words (IT-MK calls
     * its customers members). A person's kind is set by import or by staff; unknown people are
     * "other", who get no soft opt-in.
     */
    relationshipKinds: z
      .array(z.strictObject({ id: RelationshipKind, name: z.string().min(1) }))
      .min(1)
      .default(defaultRelationshipKinds.map((k) => ({ ...k })))
      .refine((kinds) => new Set(kinds.map((k) => k.id)).size === kinds.length, { error: 'each kind once' }),
    staff: z.array(z.strictObject({ email: z.email(), name: z.string().min(1), role: StaffRole })).default([]),
    /**
     * The systems where the MSP holds people's data, as declared: checked against their own schema
     * (shared/systems/declaration.ts) by `systemsOf` and `parseWholePolicy` (shared/systems/declared.ts),
     * not here, so functions that never act on a system do not carry that schema.
     */
    systems: z.array(z.unknown()).optional(),
    /** Fees it may charge (further copies, manifestly unfounded or excessive requests): none unless set (shared/policy/fees.ts). */
    fees: Fees.optional(),
  }),
);
export type TenantConfig = z.infer<typeof TenantConfig>;
export type TenantConfigInput = z.input<typeof TenantConfig>;
