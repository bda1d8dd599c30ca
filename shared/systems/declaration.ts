import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import {
  apiSystemKinds,
  identityKinds,
  inactiveMarkers,
  kindOperations,
  type ObjectKind,
  objectKinds,
  operations,
  plannedSystemKinds,
  type SystemKind,
  systemKinds,
} from './kinds.ts';
import { RestApi, restModes, updateOf } from './rest-declaration.ts';

const slug = /* @__PURE__ */ lazySchema(() =>
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens'),
);

/** What erasure does to one field of an object. */
export const FieldStrategy = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('delete') }),
    /** Rewritten with a stated value; `{ref}` stands for the record's own id, so values stay unique. */
    z.strictObject({ action: z.literal('anonymise'), value: z.string() }),
    /** Kept under the retention rule of the named category, for the stated reason. */
    z.strictObject({ action: z.literal('keep'), retention: slug, reason: z.string().min(1) }),
  ]),
);
export type FieldStrategy = z.infer<typeof FieldStrategy>;

/** One kind of object the system holds, the centre category it maps to, and what erasure does to it. */
export const ObjectMapping = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    object: z.string().min(1),
    category: slug,
    /**
     * The centre's fields this kind of object holds, each under the system's own field name: the key
     * is a field of `category` (`jobTitle`) or of another category (`employment.jobTitle`). A
     * correction the centre accepts for that field is offered here (with `correct` in `may`).
     */
    fields: z
      .record(
        z.string().regex(/^([a-z0-9]+(-[a-z0-9]+)*\.)?[A-Za-z][A-Za-z0-9_]*$/, 'a field id, or category.field'),
        z.string().min(1),
      )
      .optional(),
    erasure: z
      .strictObject({
        /** delete the object; anonymise its named fields (the object stays); or keep it whole. */
        mode: z.enum(['delete', 'anonymise', 'keep']),
        fields: z.record(z.string(), FieldStrategy).default({}),
        /** For keep: the category whose retention rule applies, and why. */
        retention: slug.optional(),
        reason: z.string().min(1).optional(),
      })
      .optional(),
  }),
);
export type ObjectMapping = z.infer<typeof ObjectMapping>;

/** One list of a marketing system (Mailchimp: an audience, by its list id) and the topic it carries. */
export const MarketingList = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string().min(1),
    /** What staff are told, e.g. "Newsletter". */
    name: z.string().min(1),
    topic: z.string().min(1),
  }),
);
export type MarketingList = z.infer<typeof MarketingList>;

let commonShape: ReturnType<typeof buildCommon> | undefined;
/** The fields every kind of system has (built once, with the first system schema). */
const common = () => (commonShape ??= buildCommon());
const buildCommon = () => ({
  id: slug,
  /** What staff and the person are told, e.g. "Microsoft 365 (Allan Water Veterinary Clinic)". */
  name: z.string().min(1),
  /** Who runs the system: the MSP itself, or a client organisation (named). */
  operatedBy: z.discriminatedUnion('by', [
    z.strictObject({ by: z.literal('msp') }),
    z.strictObject({ by: z.literal('client'), organisation: z.string().min(1) }),
  ]),
  /** Which identities find the person there, tried in order; email first. */
  identities: z.array(z.enum(identityKinds)).min(1).default(['email']),
  /**
   * A contact marked inactive there ends the person's relationship in the centre (audited), so
   * retention starts without a handler remembering to record it. Only kinds that say so (a PSA).
   */
  endsRelationship: z.boolean().optional(),
  /** What the centre may do there. */
  may: z.array(z.enum(operations)).min(1),
  objects: z.array(ObjectMapping).min(1),
  /**
   * A marketing system's lists (Mailchimp: audiences) and the tenant's topic each carries by
   * email: turning a topic off unsubscribes the person from its lists, and an unsubscribe from a
   * list flows back as that topic turned off. Stop all, an objection or a restriction reaches
   * every list, mapped or not.
   */
  lists: z.array(MarketingList).optional(),
});

export const ApiSystem = /* @__PURE__ */ lazySchema(() => z.strictObject({ ...common(), kind: z.enum(apiSystemKinds) }));

/** A system with no shipped connector, its API described in the policy (see rest-declaration.ts). */
export const RestSystem = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ ...common(), kind: z.literal('rest'), api: RestApi }),
);

export const ManualSystem = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...common(),
    kind: z.literal('manual'),
    handler: z.strictObject({
      /** The staff role that does the work; a named person is optional. */
      role: z.enum(['handler', 'admin']),
      name: z.string().min(1).optional(),
    }),
    /** What the handler does, per operation, in plain words. */
    instructions: z.partialRecord(z.enum(operations), z.string().min(1)),
    /** Working days the handler has for a task. */
    dueDays: z.number().int().positive().max(30).default(5),
  }),
);

const planned = new Set<string>(plannedSystemKinds);

export const SystemDeclaration = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('kind', [ApiSystem, RestSystem, ManualSystem], {
    error: (issue) => {
      const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
      if (typeof kind === 'string' && planned.has(kind)) return `"${kind}" connectors are not shipped yet`;
      return `kind must be one of: ${systemKinds.join(', ')}`;
    },
  }),
);
export type SystemDeclaration = z.infer<typeof SystemDeclaration>;
export type ApiSystemDeclaration = z.infer<typeof ApiSystem> | z.infer<typeof RestSystem>;
export type RestSystemDeclaration = z.infer<typeof RestSystem>;
export type ManualSystemDeclaration = z.infer<typeof ManualSystem>;

/** The kinds of object a system holds and what erasure may do to each: fixed per kind, or declared (rest). */
export function objectKindsOf(system: SystemDeclaration): Record<string, ObjectKind> {
  if (system.kind !== 'rest') return objectKinds[system.kind as SystemKind];
  return Object.fromEntries(
    Object.entries(system.api.objects).map(([name, object]) => [
      name,
      { fields: object.fields, modes: restModes(object), correctable: Boolean(updateOf(object)) },
    ]),
  );
}

/** The `systems` array of a tenant policy, each declaration checked in itself (`systemCategoryIssues` checks categories). */
export const Systems = /* @__PURE__ */ lazySchema(() => z.array(SystemDeclaration).superRefine(checkEach));

function checkEach(systems: SystemDeclaration[], ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  systems.forEach((system, i) => {
    if (ids.has(system.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate system id "${system.id}"` });
    ids.add(system.id);
    const allowed = kindOperations[system.kind as SystemKind];
    system.may.forEach((op, j) => {
      if (!allowed.includes(op)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'may', j],
          message: `a ${system.kind} system cannot "${op}" (it can: ${allowed.join(', ')})`,
        });
      }
    });
    if (
      system.may.includes('erase') &&
      system.may.includes('anonymise') === false &&
      system.objects.some((o) => o.erasure?.mode === 'anonymise')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'may'],
        message: 'an object is anonymised on erasure, so "anonymise" must be allowed',
      });
    }
    const marker = inactiveMarkers[system.kind as SystemKind];
    if (system.endsRelationship && !marker) {
      const kinds = Object.keys(inactiveMarkers).join(', ');
      ctx.addIssue({
        code: 'custom',
        path: [i, 'endsRelationship'],
        message: `a ${system.kind} system cannot say when a relationship ends (only: ${kinds})`,
      });
    } else if (system.endsRelationship && marker && !system.objects.some((o) => o.object === marker.object)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'endsRelationship'],
        message: `the ${marker.object} object says whether the person is inactive: map it in objects`,
      });
    }
    if (system.lists && !system.may.includes('suppress')) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'lists'],
        message: 'lists are for a marketing system: allow "suppress" as well',
      });
    }
    const listIds = new Set<string>();
    system.lists?.forEach((list, j) => {
      if (listIds.has(list.id))
        ctx.addIssue({ code: 'custom', path: [i, 'lists', j, 'id'], message: `duplicate list id "${list.id}"` });
      listIds.add(list.id);
    });
    const known = objectKindsOf(system);
    if (
      system.may.includes('correct') &&
      system.kind !== 'manual' &&
      allowed.includes('correct') &&
      !system.objects.some((o) => o.fields && Object.keys(o.fields).length)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'may'],
        message: 'to "correct", map at least one object\'s fields to the centre\'s (objects[].fields)',
      });
    }
    const erases = system.may.includes('erase') || system.may.includes('anonymise');
    system.objects.forEach((mapping, j) => {
      const kind = known[mapping.object];
      if (!kind) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'objects', j, 'object'],
          message: `a ${system.kind} system holds no "${mapping.object}" (it holds: ${Object.keys(known).join(', ')})`,
        });
        return;
      }
      for (const [centre, own] of Object.entries(mapping.fields ?? {})) {
        if (system.kind !== 'manual' && !kind.fields.includes(own)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'objects', j, 'fields', centre],
            message: `not a field of ${mapping.object} (fields: ${kind.fields.join(', ')})`,
          });
        }
      }
      if (mapping.fields && system.may.includes('correct') && system.kind !== 'manual' && !kind.correctable) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'objects', j, 'fields'],
          message: `${mapping.object} records cannot be changed through the API${system.kind === 'rest' ? `: declare its update call (api.objects.${mapping.object}.update)` : ''}`,
        });
      }
      const erasure = mapping.erasure;
      if (!erasure) {
        if (erases && !kind.modes.includes('delete')) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'objects', j, 'erasure'],
            message: `${mapping.object} records cannot be deleted through the API: declare how erasure treats them (keep, with the retention category and reason)`,
          });
        }
        return;
      }
      if (!kind.modes.includes(erasure.mode)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'objects', j, 'erasure', 'mode'],
          message: `${mapping.object} records can only be: ${kind.modes.join(', ')}`,
        });
      }
      for (const field of Object.keys(erasure.fields)) {
        if (system.kind !== 'manual' && !kind.fields.includes(field)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'objects', j, 'erasure', 'fields', field],
            message: `not a field of ${mapping.object} (fields: ${kind.fields.join(', ')})`,
          });
        }
      }
      if (erasure.mode === 'anonymise' && Object.keys(erasure.fields).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'objects', j, 'erasure', 'fields'],
          message: 'anonymise names at least one field and what it becomes',
        });
      }
      if (erasure.mode === 'keep' && (!erasure.retention || !erasure.reason)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'objects', j, 'erasure'],
          message: 'keep needs the retention category and a reason',
        });
      }
    });
  });
}
