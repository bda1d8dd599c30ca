import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { EmailAddress, heldInSystemsSchema } from '../portal-api.ts';
import { relationshipKinds } from '../vocabulary.ts';
import { RecordValue, text } from './fields.ts';

/** The staff data tools' schemas: find a person, their records, corrections, holds, imports. */

/** A request reference as staff type it: `itmk-2026-000123` reads as ITMK-2026-000123. */
export const RequestReference = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/, { error: 'A request reference looks like ITMK-2026-000123' }),
);

/** `GET subjects?email=` or `?reference=`: exactly one of them. */
export const SubjectLookupQuery = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({ email: EmailAddress.optional(), reference: RequestReference.optional() })
    .refine((q) => (q.email === undefined) !== (q.reference === undefined), {
      error: 'Search by email or by reference (one of them)',
    }),
);

export const SubjectLookup = /* @__PURE__ */ lazySchema(() =>
  z.object({
    subjects: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        /** When found by reference: the request it names. */
        request: z.object({ id: z.string(), reference: z.string() }).optional(),
      }),
    ),
  }),
);
export type SubjectLookup = z.infer<typeof SubjectLookup>;

const Hold = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** Internal: staff only. */
    reason: z.string(),
    /** What the person is told. */
    personWording: z.string(),
    by: z.string(),
    byName: z.string(),
    at: z.string(),
  }),
);

export const StaffRecord = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    recordedOn: z.string(),
    /** When retention deletes it (null: undetermined, e.g. while the relationship lasts). */
    deleteOn: z.string().nullable(),
    data: z.record(z.string(), RecordValue),
    /** A legal hold keeps it through erasure and the retention sweep. */
    hold: Hold.nullable(),
    /** Where an imported record came from. */
    source: z.object({ system: z.string(), key: z.string() }).nullable(),
    /** Shown, never corrected or held here (e.g. the marketing consent ledger). */
    readOnly: z.boolean(),
    /** Past its deletion date but kept: why the retention sweep skips it (a legal hold, a restriction). */
    keptBecause: z.string().nullable(),
  }),
);
export type StaffRecord = z.infer<typeof StaffRecord>;

export const StaffSubjectView = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The tenant's relationship kinds in its own words (for the form, and to name the person's). */
    relationshipKinds: z.array(z.object({ id: z.string(), name: z.string() })),
    subject: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      relationship: z.object({ startedOn: z.string(), endedOn: z.string().optional(), kind: z.string().optional() }),
      createdAt: z.string(),
      /** Send it back with a correction: a subject changed meanwhile is a 409. */
      version: z.number(),
      /** Set once erased: what is still shown is what had to be kept. */
      erasedAt: z.string().optional(),
    }),
    categories: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        fields: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            kind: z.enum(['text', 'email', 'phone', 'postcode', 'date', 'masked']),
            required: z.boolean(),
            /** Staff may correct it (every field but the sign-in address, which the person changes with a confirmation). */
            correctable: z.boolean(),
          }),
        ),
        records: z.array(StaffRecord),
      }),
    ),
    /** The other systems their data was found in when last searched (never searched: absent). */
    systems: heldInSystemsSchema().optional(),
    requests: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        kindName: z.string(),
        statusText: z.string(),
        open: z.boolean(),
        receivedOn: z.string(),
      }),
    ),
  }),
);
export type StaffSubjectView = z.infer<typeof StaffSubjectView>;

export const RecordCorrection = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** The subject's version the page showed. */
    version: z.number().int().nonnegative(),
    changes: z
      .record(z.string(), z.string().max(1000))
      .refine((c) => Object.keys(c).length > 0, { error: 'Change at least one field' }),
  }),
);
export const RecordCorrected = /* @__PURE__ */ lazySchema(() => z.object({ version: z.number(), record: StaffRecord }));
export type RecordCorrected = z.infer<typeof RecordCorrected>;

const day = (what: string) => z.iso.date({ error: `Give ${what} as YYYY-MM-DD` });

/** `PUT subjects/:id/relationship`: when the relationship began and (null: still going) ended, and why staff set it. */
export const RelationshipRequest = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      startedOn: day('the start'),
      endedOn: day('the end').nullable(),
      /** Who they are to the organisation (absent: unchanged); one of the tenant's declared kinds. */
      kind: z.enum(relationshipKinds, { error: 'Choose who they are to you' }).optional(),
      reason: text('the reason', 500),
    })
    .refine((r) => r.endedOn === null || r.endedOn >= r.startedOn, {
      error: 'The relationship cannot end before it starts',
      path: ['endedOn'],
    }),
);
export type RelationshipRequest = z.infer<typeof RelationshipRequest>;
export const RelationshipView = /* @__PURE__ */ lazySchema(() =>
  z.object({ startedOn: z.string(), endedOn: z.string().optional(), kind: z.string().optional() }),
);

export const HoldRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Internal: why the record must be kept (or why the hold can be lifted). Never shown to the person. */
    reason: text('the reason', 1000),
    /** What the person is told (their erasure letter): empty for the safe default. */
    personWording: z.string().trim().max(1000).optional(),
  }),
);

export const importFormats = ['csv', 'json'] as const;

export const ImportRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    format: z.enum(importFormats, { error: 'Choose CSV or JSON' }),
    /** The category every row's record goes into. */
    category: z.string().min(1, { error: 'Choose the category of the data' }).max(64),
    /** A short name of the system the file came from (crm, psa, 3cx): part of each record's identity. */
    system: z
      .string({ error: 'Name the system the file came from' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
        error: 'Name the system in lowercase letters, digits and hyphens, like crm or halo-psa',
      }),
    /** true: check and count, write nothing. */
    dryRun: z.boolean(),
    /** Write the valid rows even though others have errors (only when asked for explicitly). */
    validRowsOnly: z.boolean().default(false),
    /** The file's text: CSV with a header row, or a JSON array of objects. */
    content: z.string().min(1, { error: 'The file is empty' }),
    /** The other system's column names → ours (a field id, email, sourceKey, recordedOn, …). Unmapped columns are ignored. */
    mapping: z.record(z.string(), z.string()).optional(),
    /** When a page sends a large file in parts: lines (or JSON items) before this part, so errors name the file's line. */
    lineOffset: z.number().int().nonnegative().default(0),
  }),
);
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportReport = /* @__PURE__ */ lazySchema(() =>
  z.object({
    dryRun: z.boolean(),
    /** Whether anything was written (false for a dry run, or a file with errors not imported). */
    written: z.boolean(),
    category: z.string(),
    system: z.string(),
    rows: z.number(),
    /** Records created, updated (changed since the last import) and unchanged; rows refused; new subjects. */
    counts: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      invalid: z.number(),
      subjectsCreated: z.number(),
      /** People already here whose relationship dates the file changed (the other system's dates). */
      relationshipsSet: z.number(),
    }),
    errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
    ignoredColumns: z.array(z.string()),
  }),
);
export type ImportReport = z.infer<typeof ImportReport>;

/** What an import file of each category holds: its columns, and which must be filled. */
export const ImportColumns = /* @__PURE__ */ lazySchema(() =>
  z.object({
    categories: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        columns: z.array(z.object({ name: z.string(), label: z.string(), required: z.boolean() })),
      }),
    ),
  }),
);
export type ImportColumns = z.infer<typeof ImportColumns>;
