import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { grouped } from '../uk-time.ts';
import { complaintAbouts, complaintStatuses, loggedVia } from '../vocabulary.ts';

/** The complaint schemas, the person's and staff's: routes validate with them, pages import their types. */

const text = (what: string, max = 5000) =>
  z
    .string({ error: `Please give ${what}` })
    .trim()
    .min(1, { error: `Please give ${what}` })
    .max(max, { error: `Keep ${what} under ${grouped(max)} characters` });

export const NewComplaint = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    about: z.enum(complaintAbouts, { error: 'Choose what your complaint is about' }),
    what: text('what happened'),
    /** One of the person's own requests, if it is about one. */
    requestId: z.string().min(1).max(64).optional(),
  }),
);

export const ComplaintAnswer = /* @__PURE__ */ lazySchema(() => z.strictObject({ message: text('your answer') }));

export const ComplaintView = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    reference: z.string(),
    about: z.enum(complaintAbouts),
    aboutText: z.string(),
    what: z.string(),
    requestReference: z.string().optional(),
    status: z.enum(complaintStatuses),
    statusText: z.string(),
    open: z.boolean(),
    receivedOn: z.string(),
    acknowledgedOn: z.string().optional(),
    question: z.string().optional(),
    outcome: z.string().optional(),
    history: z.array(
      z.object({ at: z.string(), type: z.string(), text: z.string(), message: z.string().optional(), byYou: z.boolean() }),
    ),
  }),
);
export const ComplaintList = /* @__PURE__ */ lazySchema(() => z.object({ complaints: z.array(ComplaintView) }));

export const ComplaintQueueItem = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    subjectId: z.string(),
    reference: z.string(),
    aboutText: z.string(),
    status: z.enum(complaintStatuses),
    statusText: z.string(),
    open: z.boolean(),
    receivedOn: z.string(),
    receivedVia: z.string(),
    /** The last day to acknowledge it (30 days from the day after it was received, as the ICO counts them: complaints/lifecycle.ts). */
    acknowledgeBy: z.string(),
    /** Days left to acknowledge; negative once overdue; null once acknowledged. */
    daysLeft: z.number().nullable(),
    overdue: z.boolean(),
    assignee: z.object({ email: z.string(), name: z.string() }).nullable(),
  }),
);
export const ComplaintQueue = /* @__PURE__ */ lazySchema(() =>
  z.object({
    complaints: z.array(ComplaintQueueItem),
    counts: z.object({ open: z.number(), toAcknowledge: z.number(), overdue: z.number() }),
  }),
);

export const ComplaintDetail = /* @__PURE__ */ lazySchema(() =>
  z.object({
    complaint: ComplaintQueueItem.extend({
      what: z.string(),
      request: z.object({ id: z.string(), reference: z.string() }).nullable(),
      acknowledgedOn: z.string().nullable(),
      closedOn: z.string().nullable(),
      outcome: z.string().nullable(),
      history: z.array(
        z.object({
          at: z.string(),
          type: z.string(),
          text: z.string(),
          by: z.string(),
          message: z.string().optional(),
          internal: z.boolean(),
        }),
      ),
      version: z.number(),
    }),
    person: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    /** What this member of staff may do now, in the order the page offers it. */
    actions: z.array(z.string()),
  }),
);

export const ComplaintStaffAction = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('assign'), assignee: z.string().max(254).nullable() }),
    z.strictObject({ type: z.literal('acknowledge'), message: z.string().trim().max(5000).optional() }),
    z.strictObject({ type: z.literal('ask-information'), message: text('the question for the person') }),
    z.strictObject({ type: z.literal('record-enquiry'), text: text('what you looked into and found') }),
    z.strictObject({ type: z.literal('note'), text: text('the note') }),
    z.strictObject({ type: z.literal('close'), outcome: text('the outcome, in plain words (the person is emailed it)') }),
  ]),
);
export type ComplaintStaffAction = z.infer<typeof ComplaintStaffAction>;

export const ComplaintActionRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    expectedVersion: z.number().int().positive(),
    action: ComplaintStaffAction,
  }),
);

export const LogComplaint = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    subjectId: z.string().min(1).max(64),
    via: z.enum(loggedVia, { error: 'Choose how the complaint reached you' }),
    /** The UK date it reached the organisation: the 30 days count from it, not from today. */
    receivedOn: z.iso.date({ error: 'Give the date the complaint was received' }),
    about: z.enum(complaintAbouts, { error: 'Choose what the complaint is about' }),
    what: text('what the person said happened'),
    requestId: z.string().min(1).max(64).optional(),
  }),
);

export type ComplaintViewT = z.infer<typeof ComplaintView>;
export type ComplaintQueueItemT = z.infer<typeof ComplaintQueueItem>;
export type ComplaintDetailT = z.infer<typeof ComplaintDetail>;
