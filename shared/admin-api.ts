import * as z from 'zod';
import { RepresentativeInput } from './admin-api/cases.ts';
import { RecordValue, text } from './admin-api/fields.ts';
import { RelatedRequests } from './admin-api/repeats.ts';
import { staffActionTypes } from './admin-api/staff-actions.ts';
import { SystemsView } from './admin-api/systems.ts';
import { lazySchema } from './lazy-schema.ts';
import { NewRequest } from './portal-api.ts';
import { hasHiddenCharacters, hiddenCharactersMessage } from './profile/hidden-characters.ts';
import { identityMethods, loggedVia, requestKinds, requestOutcomes, requestStatuses, staffRoles } from './vocabulary.ts';

/**
 * The staff admin API's schemas (mounted at `/api/t/<tenant>/admin/…`). Routes validate with
 * them, the OpenAPI document comes from them, and the admin page imports their types.
 */

export type { StaffRole } from './vocabulary.ts';

export const StaffMe = /* @__PURE__ */ lazySchema(() =>
  z.object({
    email: z.string(),
    name: z.string(),
    role: z.enum(staffRoles),
    tenant: z.object({
      slug: z.string(),
      name: z.string(),
      referencePrefix: z.string(),
      /** The policy's categories, for choosing what a logged request covers or objects to. */
      categories: z.array(
        z.object({ id: z.string(), name: z.string(), providedBySubject: z.boolean(), lawfulBasis: z.string() }),
      ),
    }),
    can: z.object({ act: z.boolean(), manageStaff: z.boolean(), readAudit: z.boolean() }),
    recoveryCodesLeft: z.number(),
  }),
);
export type StaffMe = z.infer<typeof StaffMe>;

export const Enrolled = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** Shown once, never again: each works once instead of a code. */
    recoveryCodes: z.array(z.string()),
    me: StaffMe,
  }),
);

export const QueueQuery = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** `open` (the default) is every status still running; `all` is everything. */
    status: z.enum([...requestStatuses, 'open', 'all']).default('open'),
    kind: z.enum(requestKinds).optional(),
    due: z.enum(['overdue', 'week']).optional(),
    /** A staff email, `me`, or `none` for unassigned. */
    assignee: z.string().max(254).optional(),
    /** `attention`: a connected system failed or waits for a handler. */
    systems: z.enum(['attention']).optional(),
  }),
);
export type QueueQuery = z.input<typeof QueueQuery>;

const StaffRef = /* @__PURE__ */ lazySchema(() => z.object({ email: z.string(), name: z.string() }));

export const QueueItem = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    subjectId: z.string(),
    reference: z.string(),
    kind: z.enum(requestKinds),
    kindName: z.string(),
    status: z.enum(requestStatuses),
    statusText: z.string(),
    open: z.boolean(),
    receivedOn: z.string(),
    receivedVia: z.string(),
    dueOn: z.string(),
    /** Negative once overdue. */
    daysLeft: z.number(),
    overdue: z.boolean(),
    dueSoon: z.boolean(),
    paused: z.boolean(),
    assignee: StaffRef.nullable(),
    /** A connected system failed (the search or erasure needs a retry or a handler), or waits for a handler. */
    systems: z.enum(['failed', 'waiting']).optional(),
    /** Someone acts for the person and no check of their authority is recorded yet (open requests only). */
    authorityUnchecked: z.literal(true).optional(),
  }),
);
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    today: z.string(),
    /** Counts over the open requests, whatever the filters. */
    counts: z.object({
      open: z.number(),
      overdue: z.number(),
      dueSoon: z.number(),
      unassigned: z.number(),
      mine: z.number(),
      /** Open requests with a connected system failed or waiting for a handler. */
      systems: z.number(),
      byStatus: z.record(z.string(), z.number()),
      byKind: z.record(z.string(), z.number()),
    }),
    requests: z.array(QueueItem),
    staff: z.array(StaffRef),
  }),
);
export type QueueResponse = z.infer<typeof QueueResponse>;

export const HistoryEntry = /* @__PURE__ */ lazySchema(() =>
  z.object({
    at: z.string(),
    type: z.string(),
    text: z.string(),
    status: z.string(),
    /** Who did it, as staff see it: "the requester", a staff name, "the system". */
    by: z.string(),
    message: z.string().optional(),
    /** Internal entries (notes, assignment, identity checks) are never shown to the subject. */
    internal: z.boolean(),
  }),
);

export const RequestDetail = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The request as the queue shows it, and the rest of it. */
    request: QueueItem.extend({
      extensionMonths: z.number(),
      extensionReason: z.string().optional(),
      pausedDays: z.number(),
      /** The first deadline (before any extension): extensions are allowed only until it passes. */
      firstDeadline: z.string(),
      /** Which rule sets the due date and why it is what it is (Art. 12(3), 12A, a shorter promise). */
      clockNote: z.string(),
      details: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      assignee: StaffRef.nullable(),
      identity: z.object({ method: z.enum(identityMethods), note: z.string(), at: z.string(), by: z.string() }).nullable(),
      /** Someone acting for the person (a parent, a solicitor, an attorney), as recorded. */
      onBehalf: RepresentativeInput.extend({
        recordedBy: z.enum(['requester', 'staff']),
        /** When the check was recorded after logging, and by whom (a staff name). */
        checkedOn: z.string().optional(),
        checkedBy: z.string().optional(),
      }).nullable(),
      /** How it ended, once closed. */
      outcome: z.enum(requestOutcomes).nullable(),
      history: z.array(HistoryEntry),
      /** The search record (access and portability requests). */
      searches: z.array(
        z.object({
          place: z.string(),
          systemId: z.string().optional(),
          identity: z.string(),
          searchedOn: z.string(),
          by: z.string(),
          automatic: z.boolean(),
          found: z.boolean(),
          count: z.number().optional(),
          note: z.string(),
        }),
      ),
      version: z.number(),
    }),
    subject: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      /** Null once the person's record is gone (a whole erasure keeps no record, so no dates), or for a requester the centre holds nothing else about. */
      relationship: z.object({ startedOn: z.string(), endedOn: z.string().optional() }).nullable(),
      categories: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          fields: z.array(z.object({ id: z.string(), label: z.string() })),
          records: z.array(z.object({ id: z.string(), recordedOn: z.string(), data: z.record(z.string(), RecordValue) })),
        }),
      ),
      otherRequests: z.array(
        z.object({ id: z.string(), reference: z.string(), kindName: z.string(), statusText: z.string(), open: z.boolean() }),
      ),
      /** Set once a whole erasure has run: the data above is what had to be kept. */
      erased: z.boolean(),
      restriction: z
        .object({
          categories: z.union([z.literal('*'), z.array(z.string())]),
          since: z.string(),
          reason: z.string(),
          liftNoticeAt: z.string().optional(),
        })
        .nullable(),
      /** Category ids with an upheld objection. */
      objections: z.array(z.string()),
    }),
    /** Where each connected system stands for this request (null: the request runs none). */
    systems: SystemsView,
    /** What this member of staff may do now (by role and by the request's state). */
    actions: z.array(z.enum(staffActionTypes())),
    /** Steps staff look for (asking, extending, completing, refusing) that they could take but may not now: why, in words. */
    notOffered: z.array(z.object({ action: z.string(), why: z.string() })),
    /** Duplicates, earlier answers and fees (issue 20). */
    related: RelatedRequests,
    staff: z.array(StaffRef),
  }),
);
export type RequestDetail = z.infer<typeof RequestDetail>;

export const LogRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    idempotencyKey: z.uuid({ error: 'idempotencyKey must be a UUID' }),
    /** A person the centre holds, found first; or `email` for anyone at all (held or not). */
    subjectId: z.string().min(1).max(64).optional(),
    /** The address of the person the request concerns, when not found by `subjectId`: the centre may hold nothing. */
    email: z.email({ error: 'Give the email address of the person the request is about' }).max(254).optional(),
    /** Someone acting for that person (a parent, a solicitor, an attorney). */
    onBehalf: RepresentativeInput.optional(),
    via: z.enum(loggedVia, { error: 'Choose how the request reached you' }),
    /** The UK date it reached the organisation: the deadline counts from it, not from today. */
    receivedOn: z.iso.date({ error: 'Give the date the request was received' }),
    /** What the requester said, in brief, for the record. */
    note: z.string().trim().max(2000).optional(),
    request: NewRequest,
  }),
);

export const SubjectSearch = /* @__PURE__ */ lazySchema(() =>
  z.object({
    subjects: z.array(z.object({ id: z.string(), email: z.string(), name: z.string() })),
  }),
);

export const StaffListResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    staff: z.array(
      z.object({ email: z.string(), name: z.string(), role: z.enum(staffRoles), enrolled: z.boolean(), active: z.boolean() }),
    ),
  }),
);
export const StaffUpsert = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: text('their name', 200).refine((name) => !hasHiddenCharacters(name), { error: hiddenCharactersMessage('The name') }),
    role: z.enum(staffRoles, { error: 'Choose viewer, handler or admin' }),
  }),
);

export * from './admin-api/audit.ts';
export * from './admin-api/cases.ts';
export * from './admin-api/data-tools.ts';
export * from './admin-api/marketing.ts';
export * from './admin-api/repeats.ts';
export * from './admin-api/reports.ts';
export * from './admin-api/staff-actions.ts';
export * from './admin-api/staff-sign-in.ts';
