import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { resolutionReasons } from '../systems/outcome.ts';
import { text } from './fields.ts';

/** The staff actions on a request's connected systems (their rules: shared/admin/actions/systems.ts). */
export const systemActions = () =>
  [
    /** Erasure requests: erase the person in every connected system (before the centre's own erasure). */
    z.strictObject({ type: z.literal('erase-in-systems') }),
    /** Rectifications: offer the accepted correction to every connected system holding the field (before the centre's own record). */
    z.strictObject({ type: z.literal('correct-in-systems') }),
    /** Try the failed systems again. */
    z.strictObject({ type: z.literal('retry-systems') }),
    /** Record what was found or done in a system by hand, or why it stays as it is. */
    z.strictObject({
      type: z.literal('resolve-system'),
      systemId: z.string().trim().min(1).max(100),
      reason: z.enum(resolutionReasons, { error: 'Choose why the system is resolved' }),
      note: text('what you found or did there, or why', 2000),
      /** How many records were found there ("done by hand" only), when counted. */
      count: z
        .number({ error: 'Give how many records you found as a number' })
        .int({ error: 'Give how many records you found as a whole number' })
        .min(1, { error: 'Give how many records you found, 1 or more (if none, choose “nothing held there”)' })
        .max(1_000_000, { error: 'Give how many records you found, up to 1,000,000' })
        .optional(),
    }),
  ] as const;

const states = ['pending', 'searching', 'found', 'not-found', 'waiting-for-handler', 'failed', 'done', 'resolved'] as const;

/** One system's part in the request, as staff see it. */
export const SystemView = /* @__PURE__ */ lazySchema(() =>
  z.object({
    systemId: z.string(),
    systemName: z.string(),
    operation: z.string(),
    /** Whether the centre does it by itself (false: a handler's task). */
    automatic: z.boolean(),
    state: z.enum(states),
    /** The outcome in one line (describeOutcome). */
    text: z.string(),
    at: z.string().optional(),
    /** Found: how many records of each kind of object, and the centre category they map to. */
    objects: z.array(z.object({ object: z.string(), category: z.string(), count: z.number() })).optional(),
    /** Failed: the plain reason, whether trying again may help, attempts so far. */
    reason: z.string().optional(),
    retryable: z.boolean().optional(),
    attempts: z.number().optional(),
    /** Waiting for a handler: who, what to do, by when. */
    handler: z.string().optional(),
    instructions: z.string().optional(),
    dueAt: z.string().optional(),
    /** Resolved by hand: why, what they said, who, when. */
    resolution: z
      .object({
        reason: z.enum(resolutionReasons),
        note: z.string(),
        by: z.string(),
        at: z.string(),
        count: z.number().optional(),
      })
      .optional(),
  }),
);
export type SystemView = z.infer<typeof SystemView>;

const lineStates = [
  'will-change',
  'already-right',
  'changed',
  'absent',
  'not-found',
  'by-hand',
  'unknown',
  'failed',
  'resolved',
] as const;

/** A rectification's correction across the systems: what will change where (preview), or what changed (outcome). */
export const CorrectionView = /* @__PURE__ */ lazySchema(() =>
  z.object({
    label: z.string(),
    value: z.string(),
    stage: z.enum(['preview', 'outcome']),
    lines: z.array(
      z.object({
        systemId: z.string(),
        systemName: z.string(),
        state: z.enum(lineStates),
        ref: z.string().optional(),
        object: z.string().optional(),
        field: z.string().optional(),
        from: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
        to: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    notHolding: z.array(z.object({ systemId: z.string(), systemName: z.string() })),
  }),
);
export type CorrectionView = z.infer<typeof CorrectionView>;

/** The request's run through the tenant's connected systems; null when it has none. */
export const SystemsView = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      operation: z.string(),
      requestedAt: z.string(),
      updatedAt: z.string(),
      /** A system is still pending or searching: the page polls. */
      running: z.boolean(),
      results: z.array(SystemView),
      /** The search an erasure made before erasing, as it ended. */
      searched: z.array(SystemView).optional(),
      /** Why the request cannot be completed yet because of its systems, in words staff can act on. */
      blocked: z.string().optional(),
      /** A rectification naming a record's field: what its correction will change, or changed, where. */
      correction: CorrectionView.optional(),
    })
    .nullable(),
);
export type SystemsView = z.infer<typeof SystemsView>;

/** Where the systems stand, for the page to poll while they run: states and counts, no records, no notes. */
export const SystemsProgress = /* @__PURE__ */ lazySchema(() =>
  z.object({
    running: z.boolean(),
    updatedAt: z.string().nullable(),
    results: z.array(SystemView.pick({ systemId: true, systemName: true, state: true, text: true })),
  }),
);
export type SystemsProgress = z.infer<typeof SystemsProgress>;
