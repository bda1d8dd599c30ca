import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { identityArrivedVia, identityMethods, informationPurposes } from '../vocabulary.ts';
import { authorityActions, outcomeActions, SupersededDecision } from './cases.ts';
import { text } from './fields.ts';
import { repeatActions } from './repeats.ts';
import { systemActions } from './systems.ts';

/** Every action staff take on a request, as the API accepts it (the rules for each: shared/admin/actions/table.ts). */
export const StaffAction = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
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
      /** Identity: the month counts again from the answer (Art. 12A). Clarification (the default): on an access request the clock stops meanwhile; on any other it runs on. */
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
    ...systemActions(),
    ...outcomeActions(),
    ...repeatActions(),
    ...authorityActions(),
  ]),
);
export type StaffAction = z.infer<typeof StaffAction>;
/** Every staff action's name, from the schemas above: the page's list of what may be done now (read when RequestDetail is built). */
export const staffActionTypes = () =>
  StaffAction.options.map((o) => o.shape.type.value) as [StaffAction['type'], ...StaffAction['type'][]];

export const ActionRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** The version the page showed: a request changed meanwhile is a 409, nothing done. */
    expectedVersion: z.number().int().positive(),
    action: StaffAction,
  }),
);
