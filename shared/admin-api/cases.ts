import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { representativeCapacities } from '../vocabulary.ts';
import { text } from './fields.ts';

/**
 * Schemas for real cases (issue 18): the decision on each of the person's other open requests
 * before their data is erased, and who acts for a person (a parent, a solicitor, an attorney).
 */

/**
 * Before a whole erasure, each of the person's other open requests is decided: completed first
 * (on its own page), or closed here as superseded by the erasure, with the reason on the record.
 */
export const SupersededDecision = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    requestId: z.string().min(1).max(64),
    decision: z.literal('superseded'),
    reason: text('why this request is closed as superseded by the erasure', 2000),
  }),
);
export type SupersededDecision = z.infer<typeof SupersededDecision>;

/** Someone acting for the person the request concerns, as the form records them. */
export const RepresentativeInput = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: text('the name of the person acting', 200),
    /** Where answers go; empty: the person's own address. */
    email: z.email({ error: 'Give a valid email address for the person acting, or leave it empty' }).max(254).optional(),
    capacity: z.enum(representativeCapacities, { error: 'Choose in what capacity they act' }),
    authority: text('what gives them authority (e.g. parental responsibility, a signed letter of authority)', 1000),
    /** How staff checked the authority (staff only; the person's form leaves it for staff). */
    checked: z.string().trim().max(1000).optional(),
  }),
);
export type RepresentativeInput = z.infer<typeof RepresentativeInput>;

/**
 * Staff record, after logging, the authority of someone acting for the person and how it was
 * checked (a birth certificate seen, a lasting power of attorney checked with the register…).
 */
export const authorityActions = () =>
  [
    z.strictObject({
      type: z.literal('record-authority'),
      authority: text('what gives them authority (e.g. parental responsibility, a signed letter of authority)', 1000),
      checked: text('how you checked their authority', 1000),
    }),
  ] as const;

/**
 * Ways a request ends beyond "done" and a refusal: each completes it with its own words to the
 * person and its own line in the reports.
 */
export const outcomeActions = () =>
  [
    /** Nothing held: the centre's own records (and, by their run, the connected systems) hold nothing about them. */
    z.strictObject({
      type: z.literal('answer-nothing-held'),
      note: z.string().trim().max(2000).optional(),
    }),
    /** An objection weighed and not upheld: the compelling legitimate grounds, which the person is told. */
    z.strictObject({
      type: z.literal('objection-not-upheld'),
      grounds: text('the compelling legitimate grounds that override their interests (the requester is told them)', 2000),
    }),
    /** A rectification checked: the data is accurate, so nothing is changed (the requester is told why). */
    z.strictObject({
      type: z.literal('data-accurate'),
      explanation: text('why the data is accurate (the requester is told it)', 2000),
    }),
    /** A rectification applied from the request: the record changes and the request completes together. */
    z.strictObject({ type: z.literal('apply-rectification') }),
  ] as const;
