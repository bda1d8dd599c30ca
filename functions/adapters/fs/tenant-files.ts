import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  return parsePolicyFile(dir, slug, readPolicyText(dir, slug));
}

function readPolicyText(dir: string, slug: string): string {
  const policyFile = join(dir, slug, 'policy.json');
  try {
    return readFileSync(policyFile, 'utf8');
  } catch (error) {
    throw new DomainError('config_invalid', `${policyFile}: not readable (${(error as Error).message})`);
  }
}

function parsePolicyFile(dir: string, slug: string, text: string): TenantConfig {
  const policyFile = join(dir, slug, 'policy.json');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DomainError('config_invalid', `${policyFile}: not valid JSON (${(error as Error).message})`);
  }
  const config = parseTenantConfig(raw, policyFile);
  if (config.slug !== slug) {
    throw new DomainError('config_invalid', `${policyFile}: field "slug": "${config.slug}" must match its folder "${slug}"`);
  }
  return config;
}

/**
 * The bundled policies as the build validated them (`tenants/validated.json` in a function's
 * asset, beside the policy.json files): each tenant's policy as `parseTenantConfig` returned it,
 * with the SHA-256 of the policy.json text it came from. Validating them at a cold start built the
 * whole policy schema and parsed every policy: most of what a function did at import beyond
 * loading the SDK (BENCHMARKS.md, "Lambda bundles").
 */
export const VALIDATED_POLICIES_FILE = 'validated.json';
const VALIDATED_FORMAT = 'privacy-centre/validated-policies@1';
interface ValidatedPolicies {
  format: typeof VALIDATED_FORMAT;
  policies: Array<{ slug: string; sha256: string; config: TenantConfig }>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The text of `validated.json` for the tenants under `dir`: every policy validated, failing as loading them does. */
export function validatedPoliciesFile(dir: string): string {
  const policies = tenantSlugs(dir).map((slug) => {
    const text = readPolicyText(dir, slug);
    return { slug, sha256: sha256(text), config: parsePolicyFile(dir, slug, text) };
  });
  return JSON.stringify({ format: VALIDATED_FORMAT, policies } satisfies ValidatedPolicies);
}

function readValidated(dir: string): Map<string, ValidatedPolicies['policies'][number]> {
  const file = join(dir, VALIDATED_POLICIES_FILE);
  if (!existsSync(file)) return new Map();
  const validated = readJson(file) as Partial<ValidatedPolicies>;
  if (validated.format !== VALIDATED_FORMAT || !Array.isArray(validated.policies)) return new Map();
  return new Map(validated.policies.map((p) => [p.slug, p]));
}

/**
 * Every tenant's policy under `dir` (`<slug>/policy.json`), failing fast with the file and field
 * at fault. What the Lambdas load at cold start; demo data is the local runtime's
 * (functions/local/tenant-bundles.ts). A policy whose text is the one `validated.json` was made
 * from is taken from there without validating it again; any other (no such file, an edited
 * policy, a tenant added since) is validated here.
 */
export function loadTenantPolicies(dir: string): TenantConfig[] {
  const validated = readValidated(dir);
  return tenantSlugs(dir).map((slug) => {
    const text = readPolicyText(dir, slug);
    const known = validated.get(slug);
    return known && known.sha256 === sha256(text) ? known.config : parsePolicyFile(dir, slug, text);
  });
}
