import type { z } from 'zod';
import { DomainError } from '../errors.ts';
import { DemoData, TenantConfig } from './schema.ts';

function describeIssues(file: string, error: z.ZodError): string {
  return error.issues.map((issue) => `${file}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`).join('\n');
}

/** Validates one tenant's policy config; the error names the file and every bad field. */
export function parseTenantConfig(raw: unknown, file: string): TenantConfig {
  const result = TenantConfig.safeParse(raw);
  if (!result.success) {
    throw new DomainError('config_invalid', `Invalid tenant config\n${describeIssues(file, result.error)}`);
  }
  const config = result.data;
  const ids = new Set<string>();
  for (const category of config.categories) {
    if (ids.has(category.id)) {
      throw new DomainError('config_invalid', `${file}: field "categories": duplicate category id "${category.id}"`);
    }
    ids.add(category.id);
  }
  const identity = config.categories.find((c) => c.id === 'identity');
  if (!identity || !['firstName', 'lastName', 'email'].every((f) => identity.fields.some((x) => x.id === f))) {
    throw new DomainError(
      'config_invalid',
      `${file}: field "categories": a category "identity" with fields firstName, lastName and email is required`,
    );
  }
  return config;
}

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
