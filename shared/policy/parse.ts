import type { z } from 'zod';
import { DomainError } from '../errors.ts';
import { TenantConfig } from './schema.ts';

export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues.map((issue) => `${file}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`).join('\n');
}

/**
 * Validates one tenant's policy config; the error names the file and every bad field. Its
 * `systems` are left as declared: `parseWholePolicy` (shared/systems/declared.ts) checks them too.
 */
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
