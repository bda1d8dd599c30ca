import * as z from 'zod';
import { authorityActions, outcomeActions, RepresentativeInput, SupersededDecision } from './admin-api/cases.ts';
import { RecordValue, text } from './admin-api/fields.ts';
import { RelatedRequests, RepeatActions } from './admin-api/repeats.ts';
import { SystemsView, systemActions } from './admin-api/systems.ts';
import { NewRequest } from './portal-api.ts';
import { hasHiddenCharacters, hiddenCharactersMessage } from './profile/hidden-characters.ts';
import {
  identityArrivedVia,
  identityMethods,
  informationPurposes,
  loggedVia,
  requestKinds,
  requestOutcomes,
  requestStatuses,
  staffRoles,
} from './vocabulary.ts';

/**
 * The staff admin API's schemas (mounted at `/api/t/<tenant>/admin/…`). Routes validate with
 * them, the OpenAPI document comes from them, and the admin page imports their types.
 */

export type { StaffRole } from './vocabulary.ts';

export const StaffMe = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
  tenant: z.object({
    slug: z.string(),
    name: z.string(),
    referencePrefix: z.string(),
    /** The policy's categories, for choosing what a logged request covers or objects to. */
    categories: z.array(z.object({ id: z.string(), name: z.string(), providedBySubject: z.boolean(), lawfulBasis: z.string() })),
  }),
  can: z.object({ act: z.boolean(), manageStaff: z.boolean(), readAudit: z.boolean() }),
  recoveryCodesLeft: z.number(),
});
export type StaffMe = z.infer<typeof StaffMe>;

export const Enrolled = z.object({
  /** Shown once, never again: each works once instead of a code. */
  recoveryCodes: z.array(z.string()),
  me: StaffMe,
});

export const QueueQuery = z.strictObject({
  /** `open` (the default) is every status still running; `all` is everything. */
  status: z.enum([...requestStatuses, 'open', 'all']).default('open'),
  kind: z.enum(requestKinds).optional(),
  due: z.enum(['overdue', 'week']).optional(),
  /** A staff email, `me`, or `none` for unassigned. */
  assignee: z.string().max(254).optional(),
  /** `attention`: a connected system failed or waits for a handler. */
  systems: z.enum(['attention']).optional(),
});
export type QueueQuery = z.input<typeof QueueQuery>;

const StaffRef = z.object({ email: z.string(), name: z.string() });

export const QueueItem = z.object({
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
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueResponse = z.object({
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
});
export type QueueResponse = z.infer<typeof QueueResponse>;

export const HistoryEntry = z.object({
  at: z.string(),
  type: z.string(),
  text: z.string(),
  status: z.string(),
  /** Who did it, as staff see it: "the requester", a staff name, "the system". */
  by: z.string(),
  message: z.string().optional(),
  /** Internal entries (notes, assignment, identity checks) are never shown to the subject. */
  internal: z.boolean(),
});

export const StaffAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('assign'), assignee: z.string().max(254).nullable() }),
  z.strictObject({
    type: z.literal('verify-identity'),
    method: z.enum(identityMethods, { error: 'Choose how you checked who the requester is' }),
    note: text('how you checked who the requester is', 2000),
  }),
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({
    type: z.literal('record-search'),
    /** A connected system's id, when it was one. */
    systemId: z.string().trim().max(100).optional(),
    place: text('the system or place searched', 200),
    identity: text('who you searched for (the email, name or account number used)', 300),
    searchedOn: z.iso.date({ error: 'Give the day of the search' }),
    found: z.boolean({ error: 'Say whether anything was found' }),
    count: z.number().int().min(0).optional(),
    note: z.string().trim().max(2000).default(''),
  }),
  z.strictObject({
    type: z.literal('ask-information'),
    message: text('the question for the requester'),
    /** Identity: the month counts again from the answer (Art. 12A). Clarification (the default): the clock stops meanwhile. */
    purpose: z.enum(informationPurposes, { error: 'Choose what the information is for' }).optional(),
  }),
  /** Identity information asked for arrived another way: the month counts from the day it arrived (Art. 12A). */
  z.strictObject({
    type: z.literal('identity-received'),
    receivedOn: z.iso.date({ error: 'Give the day the information arrived' }),
    via: z.enum(identityArrivedVia, { error: 'Choose how the information came' }),
    note: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('extend'),
    months: z.union([z.literal(1), z.literal(2)], { error: 'Extend by 1 or 2 months' }),
    reason: text('the reason for the extension (the requester is told it)', 2000),
  }),
  z.strictObject({
    type: z.literal('refuse'),
    grounds: z.enum(['manifestly-unfounded', 'manifestly-excessive'], { error: 'Choose the grounds for refusing' }),
    reason: text('the reason for refusing (the requester is told it)', 2000),
  }),
  z.strictObject({
    type: z.literal('complete'),
    message: text('a response note for the requester'),
    /** Partly done: part of what was asked could not be done (say which, and why, in the note). */
    outcome: z.enum(['done', 'partly-done']).optional(),
    /** What was withheld from a disclosure and why (exemptions, third-party data): for the evidence pack. */
    withheld: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('note'), text: text('the note', 2000) }),
  // Doing the work (issue 6): each completes its request with what was done.
  /** Erasure requests: erase as asked (except holds and retention obligations) and send the letter. */
  z.strictObject({
    type: z.literal('carry-out-erasure'),
    /** The person's other open requests, each closed as superseded (a whole erasure needs each decided). */
    others: z.array(SupersededDecision).max(50).optional(),
  }),
  /** Restriction requests: stop using the data as asked (marketing and disclosures are refused). */
  z.strictObject({ type: z.literal('apply-restriction') }),
  /** Before lifting a restriction the subject must be told (Art. 18(3)): emails them why and when. */
  z.strictObject({
    type: z.literal('notify-restriction-lift'),
    reason: text('why the restriction will be lifted (the requester is told it)', 2000),
  }),
  z.strictObject({ type: z.literal('lift-restriction') }),
  /** Objection requests: stop the processing objected to, recorded per purpose. */
  z.strictObject({ type: z.literal('uphold-objection'), message: text('a response note for the requester') }),
  // Connected systems (issue 13).
  ...systemActions,
  ...outcomeActions,
  ...RepeatActions,
  ...authorityActions,
]);
export type StaffAction = z.infer<typeof StaffAction>;
/** Every staff action's name, from the schemas above: the page's list of what may be done now. */
const staffActionTypes = StaffAction.options.map((o) => o.shape.type.value) as [StaffAction['type'], ...StaffAction['type'][]];

export const RequestDetail = z.object({
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
    relationship: z.object({ startedOn: z.string(), endedOn: z.string().optional() }),
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
  actions: z.array(z.enum(staffActionTypes)),
  /** Duplicates, earlier answers and fees (issue 20). */
  related: RelatedRequests,
  staff: z.array(StaffRef),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const ActionRequest = z.strictObject({
  /** The version the page showed: a request changed meanwhile is a 409, nothing done. */
  expectedVersion: z.number().int().positive(),
  action: StaffAction,
});

export const LogRequest = z.strictObject({
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
});

export const SubjectSearch = z.object({
  subjects: z.array(z.object({ id: z.string(), email: z.string(), name: z.string() })),
});

export const StaffListResponse = z.object({
  staff: z.array(
    z.object({ email: z.string(), name: z.string(), role: z.enum(staffRoles), enrolled: z.boolean(), active: z.boolean() }),
  ),
});
export const StaffUpsert = z.strictObject({
  name: text('their name', 200).refine((name) => !hasHiddenCharacters(name), { error: hiddenCharactersMessage('The name') }),
  role: z.enum(staffRoles, { error: 'Choose viewer, handler or admin' }),
});

export * from './admin-api/audit.ts';
export * from './admin-api/cases.ts';
export * from './admin-api/data-tools.ts';
export * from './admin-api/marketing.ts';
export * from './admin-api/repeats.ts';
export * from './admin-api/reports.ts';
export * from './admin-api/staff-sign-in.ts';
