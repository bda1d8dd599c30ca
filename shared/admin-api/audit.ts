import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/** The audit trail's browse and export schemas (admins only). */

const day = (what: string) => z.iso.date({ error: `Give the ${what} day as YYYY-MM-DD` });
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number, error: string) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, { error }).optional());

/** Built once, with the first of the schemas below. */
let filterFields: ReturnType<typeof buildFilterShape> | undefined;
const filterShape = () => (filterFields ??= buildFilterShape());
/** The filters: every one optional; the dates are whole days, inclusive, in UTC as the trail records time. */
const buildFilterShape = () => ({
  /** A person: their email address (while the centre holds them) or their id (after erasure too). */
  person: optionalText(320, 'A person is an email address or an id of at most 320 characters'),
  /** A request, by its reference or its id (events whose detail names it). */
  request: optionalText(100, 'A request reference or id has at most 100 characters'),
  /** A member of staff: their email address (the events they caused). */
  staff: optionalText(320, 'A member of staff is an email address of at most 320 characters'),
  /** An event kind, or the start of one: `request.` matches every request event. */
  kind: optionalText(100, 'A kind has at most 100 characters'),
  from: z.preprocess(blankToUndefined, day('first').optional()),
  to: z.preprocess(blankToUndefined, day('last').optional()),
});
const inOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const orderError = { error: 'The first day must not be after the last day', path: ['to'] };

export const AuditFilter = /* @__PURE__ */ lazySchema(() => z.strictObject(filterShape()).refine(inOrder, orderError));
export type AuditFilter = z.infer<typeof AuditFilter>;

/** A page of the trail, newest first; `after` is the `next` of the page before. */
export const AuditQuery = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      ...filterShape(),
      after: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]{1,100}$/, { error: 'That page link is not valid' })
        .optional(),
    })
    .refine(inOrder, orderError),
);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({ ...filterShape(), format: z.enum(['csv', 'json'], { error: 'Choose csv or json' }) })
    .refine(inOrder, orderError),
);

export const AuditEventView = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    at: z.string(),
    /** Its position in the hash chain; absent for an event written a moment ago and not linked yet. */
    seq: z.number().optional(),
    action: z.string(),
    actor: z.object({ type: z.string(), id: z.string().optional() }),
    subjectId: z.string().optional(),
    requestId: z.string().optional(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    /** Whether it recorded personal data (never shown here), and whether erasure removed it since. */
    personal: z.enum(['none', 'recorded', 'removed']),
  }),
);
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditPage = /* @__PURE__ */ lazySchema(() =>
  z.object({
    events: z.array(AuditEventView),
    /** Pass as `after` for the next (older) page; absent on the last page. */
    next: z.string().optional(),
  }),
);
export type AuditPage = z.infer<typeof AuditPage>;
