import * as z from 'zod';
import { RepresentativeInput } from '../admin-api/cases.ts';
import { lazySchema } from '../lazy-schema.ts';

/** A rights request as the person sees it, and what they send to file, add to, answer or withdraw one. */
export const RequestViewSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    reference: z.string(),
    kind: z.string(),
    kindName: z.string(),
    status: z.string(),
    statusText: z.string(),
    open: z.boolean(),
    receivedOn: z.string(),
    dueOn: z.string(),
    daysLeft: z.number(),
    paused: z.boolean(),
    extensionReason: z.string().optional(),
    question: z.string().optional(),
    /** What the question is for: `identity` restarts the month when answered (UK GDPR Art. 12A). */
    questionPurpose: z.enum(['identity', 'clarification']).optional(),
    /** What the question does to the time limit: restarts it, stops it (an access request's clarification) or leaves it running. */
    questionNote: z.string().optional(),
    /** While the clock stands still (`paused`): what we wait for, and the due date if it came today. */
    waiting: z.string().optional(),
    /** Which rule sets the due date and why it is what it is. */
    clockNote: z.string(),
    outcome: z.string().optional(),
    details: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Someone acting for the person made it (as they recorded it); `checked`: staff have checked their authority. */
    actingFor: z.object({ name: z.string(), capacity: z.string(), checked: z.boolean() }).optional(),
    /** A fee asked for where the law allows (Art. 15(3), 12(5)); the time limit starts when paid (Art. 12A). */
    fee: z
      .object({
        amount: z.string(),
        grounds: z.string(),
        reason: z.string(),
        payBy: z.string(),
        howToPay: z.string(),
        basis: z.string(),
        paidOn: z.string().optional(),
      })
      .optional(),
    /** Joined to the person's earlier request for the same thing. */
    mergedInto: z.object({ id: z.string(), reference: z.string() }).optional(),
    /** Answered by pointing to the person's earlier answer to the same thing (nothing changed since). */
    repeatOf: z.object({ id: z.string(), reference: z.string() }).optional(),
    history: z.array(
      z.object({ at: z.string(), type: z.string(), text: z.string(), message: z.string().optional(), byYou: z.boolean() }),
    ),
  }),
);

const note = /* @__PURE__ */ lazySchema(() =>
  z.string().trim().max(2000, { error: 'Keep it under 2,000 characters' }).optional(),
);
const scope = /* @__PURE__ */ lazySchema(() => z.enum(['everything', 'some']));
const categoryIds = /* @__PURE__ */ lazySchema(() => z.array(z.string().min(1).max(64)).max(50).optional());
/**
 * Required text. The too-long message is its own: the schema-wide `error` would otherwise answer a
 * 3,000-character text with "Please tell us …", as if it were empty.
 */
const needed = (what: string, named: string) =>
  z
    .string({ error: `Please tell us ${what}` })
    .trim()
    .min(1, { error: `Please tell us ${what}` })
    .max(2000, { error: `Keep ${named} under 2,000 characters` });

/** A new rights request: each kind asks only what it needs. */
export const NewRequest = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('access'), scope, categories: categoryIds, note }),
    z.strictObject({
      kind: z.literal('rectification'),
      recordId: z.string().max(64).optional(),
      field: needed('which information is wrong', 'the description of what is wrong'),
      value: needed('what it should be', 'the correct value'),
      note,
    }),
    z.strictObject({
      kind: z.literal('erasure'),
      scope,
      categories: categoryIds,
      /** Single records (e.g. one call recording), with scope `some`: the categories are theirs. */
      recordIds: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
      note,
    }),
    z.strictObject({
      kind: z.literal('restriction'),
      scope,
      categories: categoryIds,
      reason: z.enum(['accuracy', 'unlawful', 'legal-claims', 'objection'], {
        error: 'Choose why you want us to stop using your data',
      }),
      note,
    }),
    z.strictObject({ kind: z.literal('portability'), scope, categories: categoryIds, note }),
    z.strictObject({
      kind: z.literal('objection'),
      processing: needed('which use of your data you object to', 'the use you object to'),
      reason: note,
    }),
    z.strictObject({
      kind: z.literal('automated-decision'),
      decision: needed('which decision', 'the decision'),
      question: needed('your question', 'your question'),
    }),
  ]),
);
export type NewRequest = z.infer<typeof NewRequest>;

export const FileRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** A fresh random id per form: a double click or a retry makes one request. */
    idempotencyKey: z.uuid({ error: 'idempotencyKey must be a UUID' }),
    request: NewRequest,
    /**
     * Someone acting for the signed-in person (a parent filling in their child's request, an
     * attorney): recorded on the request; staff check the authority. The request stays the person's.
     */
    onBehalf: RepresentativeInput.omit({ checked: true }).optional(),
  }),
);

/** What filing answers: the request, or (`alreadyOpen`) the person's open one of the same kind and scope. */
export const FiledRequest = /* @__PURE__ */ lazySchema(() => RequestViewSchema.extend({ alreadyOpen: z.boolean().optional() }));
/** Details the person adds to their open request instead of filing it again. */
export const RequestAddition = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    message: z.string().trim().min(1, { error: 'Please write what you want to add' }).max(5000),
  }),
);

export const RequestAnswer = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    message: z
      .string()
      .trim()
      .min(1, { error: 'Please write your answer' })
      .max(5000, { error: 'Keep your answer under 5,000 characters' }),
  }),
);
export const RequestWithdrawal = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    message: z.string().trim().max(2000, { error: 'Keep it under 2,000 characters' }).optional(),
  }),
);

export type RequestViewResponse = z.infer<typeof RequestViewSchema>;
