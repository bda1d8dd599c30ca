/**
 * Demo data: the subjects `npm start` seeds into each tenant. Local only: no Lambda imports this
 * module, so the schema and its checks stay out of the deployed bundles.
 */
import * as z from 'zod';
import { DomainError } from '../errors.ts';
import { describeIssues } from './parse.ts';
import { Channel, RelationshipKind, slug, type TenantConfig } from './schema.ts';

const demoValue = z.union([z.string(), z.number(), z.boolean()]);

/** Demo data seeded into the local runtime. Dates are relative so retention dates stay current. */
export const DemoData = z.strictObject({
  subjects: z
    .array(
      z.strictObject({
        email: z.email(),
        /** Days before today the relationship started. */
        relationshipStartedDaysAgo: z.number().int().nonnegative(),
        /** Days before today the relationship ended; absent while ongoing. */
        relationshipEndedDaysAgo: z.number().int().nonnegative().optional(),
        /** Who they are to the organisation: decides the marketing default. */
        relationshipKind: RelationshipKind.optional(),
        /** Marketing choices already on the ledger (the demo's history), and a standing "stop all". */
        marketing: z
          .strictObject({
            consents: z
              .array(
                z.strictObject({
                  channel: Channel,
                  topic: slug,
                  granted: z.boolean(),
                  daysAgo: z.number().int().nonnegative(),
                  source: z.enum(['portal', 'unsubscribe-link', 'staff', 'import', 'soft-opt-in']),
                }),
              )
              .default([]),
            stoppedAllDaysAgo: z.number().int().nonnegative().optional(),
          })
          .optional(),
        records: z
          .array(
            z.strictObject({
              category: slug,
              daysAgo: z.number().int().nonnegative(),
              data: z.record(z.string(), demoValue),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type DemoData = z.infer<typeof DemoData>;

/** Validates demo data against the tenant's categories and fields. */
export function parseDemoData(raw: unknown, file: string, config: TenantConfig): DemoData {
  const result = DemoData.safeParse(raw);
  if (!result.success) {
    throw new DomainError('config_invalid', `Invalid demo data\n${describeIssues(file, result.error)}`);
  }
  result.data.subjects.forEach((subject, s) => {
    subject.records.forEach((record, r) => {
      const where = `${file}: field "subjects.${s}.records.${r}`;
      const category = config.categories.find((c) => c.id === record.category);
      if (!category) throw new DomainError('config_invalid', `${where}.category": unknown category "${record.category}"`);
      for (const key of Object.keys(record.data)) {
        if (!category.fields.some((f) => f.id === key)) {
          throw new DomainError('config_invalid', `${where}.data.${key}": not a field of category "${category.id}"`);
        }
      }
    });
    const identity = subject.records.filter((r) => r.category === 'identity');
    if (identity.length !== 1 || identity[0]?.data.email !== subject.email) {
      throw new DomainError(
        'config_invalid',
        `${file}: field "subjects.${s}": needs exactly one identity record whose email is ${subject.email}`,
      );
    }
  });
  return result.data;
}
