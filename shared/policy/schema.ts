import * as z from 'zod';
import { Systems } from '../systems/declaration.ts';
import { Fees } from './fees.ts';

/** Slugs are URL path segments: lowercase words joined by hyphens. */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens');

export const lawfulBases = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export const LawfulBasis = z.enum(lawfulBases);
export type LawfulBasis = z.infer<typeof LawfulBasis>;

export const nations = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export const Nation = z.enum(nations);
export type Nation = z.infer<typeof Nation>;

/** How a field is validated and shown when the subject edits it. */
export const FieldKind = z.enum(['text', 'email', 'phone', 'postcode', 'date', 'masked']);

export const Field = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'field ids are camelCase'),
  label: z.string().min(1),
  kind: FieldKind.default('text'),
  /** true: the subject edits it directly; false: they ask for a correction instead. */
  editable: z.boolean().default(false),
  /** A subject cannot blank it out. */
  required: z.boolean().default(false),
  /** Who owns a field the subject cannot edit, e.g. "your employer". */
  ownedBy: z.string().optional(),
});

/**
 * When a record of a category is due for deletion.
 * - after-record: `months` after the record was made (call recordings: 3 months).
 * - after-relationship: `months` after the subject's relationship with the MSP
 *   (or their employer's contract) ends; undetermined while it is ongoing.
 * - until-withdrawn: kept while consent stands, then deleted (or suppressed) on withdrawal.
 */
export const RetentionRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('after-record'), months: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('after-relationship'), months: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('until-withdrawn') }),
]);
export type RetentionRule = z.infer<typeof RetentionRule>;

export const Category = z.strictObject({
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
});
export type Category = z.infer<typeof Category>;

export const channels = ['email', 'phone', 'sms', 'post'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

export const Topic = z.strictObject({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
});

export const StaffRole = z.enum(['viewer', 'handler', 'admin']);

export const TenantConfig = z.strictObject({
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
  }),
  staff: z.array(z.strictObject({ email: z.email(), name: z.string().min(1), role: StaffRole })).default([]),
  /** The systems where the MSP holds people's data (see shared/systems/declaration.ts). */
  systems: Systems.optional(),
  /** Fees it may charge (further copies, manifestly unfounded or excessive requests): none unless set (shared/policy/fees.ts). */
  fees: Fees.optional(),
});
export type TenantConfig = z.infer<typeof TenantConfig>;
export type TenantConfigInput = z.input<typeof TenantConfig>;
