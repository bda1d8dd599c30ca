import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import { parseTenantConfig } from '../../../shared/policy/parse.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DomainError('config_invalid', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** The tenants' folders under `dir`, in order. */
export function tenantSlugs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** One tenant's `<slug>/policy.json`, validated; the error names the file and field at fault. */
export function loadTenantPolicy(dir: string, slug: string): TenantConfig {
  const policyFile = join(dir, slug, 'policy.json');
  const config = parseTenantConfig(readJson(policyFile), policyFile);
  if (config.slug !== slug) {
    throw new DomainError('config_invalid', `${policyFile}: field "slug": "${config.slug}" must match its folder "${slug}"`);
  }
  return config;
}

/**
 * Every tenant's policy under `dir` (`<slug>/policy.json`), failing fast with the file and field
 * at fault. What the Lambdas load at cold start; demo data is the local runtime's
 * (functions/local/tenant-bundles.ts).
 */
export function loadTenantPolicies(dir: string): TenantConfig[] {
  return tenantSlugs(dir).map((slug) => loadTenantPolicy(dir, slug));
}
