import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import type { BundledTenants } from '../../../shared/policy/live.ts';
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
export function loadTenantPolicy(dir: string, slug: string, parse: PolicyParse = parseTenantConfig): TenantConfig {
  return parsePolicyFile(dir, slug, readPolicyText(dir, slug), parse);
}

function readPolicyText(dir: string, slug: string): string {
  const policyFile = join(dir, slug, 'policy.json');
  try {
    return readFileSync(policyFile, 'utf8');
  } catch (error) {
    throw new DomainError('config_invalid', `${policyFile}: not readable (${(error as Error).message})`);
  }
}

/**
 * How a policy is validated: by default without its systems' declarations, which only what acts on
 * systems checks (`systemsOf`), so a Lambda bundle need not carry their schema; the build and the
 * local runtime pass `parseWholePolicy` (shared/systems/declared.ts) to refuse a bad declaration
 * before anything starts.
 */
export type PolicyParse = (raw: unknown, file: string) => TenantConfig;

function parsePolicyFile(dir: string, slug: string, text: string, parse: PolicyParse = parseTenantConfig): TenantConfig {
  const policyFile = join(dir, slug, 'policy.json');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DomainError('config_invalid', `${policyFile}: not valid JSON (${(error as Error).message})`);
  }
  const config = parse(raw, policyFile);
  if (config.slug !== slug) {
    throw new DomainError('config_invalid', `${policyFile}: field "slug": "${config.slug}" must match its folder "${slug}"`);
  }
  return config;
}

/**
 * The bundled policies as the build validated them: `<slug>/validated.json` beside each
 * `<slug>/policy.json` in a function's asset, holding the policy as the build's parse returned it
 * (`parseWholePolicy`: its systems' declarations checked too)
 * and the SHA-256 of the policy.json text it came from. Validating them at a cold start built the
 * whole policy schema and parsed every policy: most of what a function did at import beyond
 * loading the SDK (BENCHMARKS.md, "Lambda bundles"). One file per tenant, so a cold start reads
 * only the tenant its first request is for, not all of them (about 1 ms of the HTTP functions'
 * cold start for five tenants).
 */
export const VALIDATED_POLICIES_FILE = 'validated.json';
const VALIDATED_FORMAT = 'privacy-centre/validated-policy@2';
interface ValidatedPolicy {
  format: typeof VALIDATED_FORMAT;
  slug: string;
  sha256: string;
  config: TenantConfig;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const validatedFileOf = (dir: string, slug: string) => join(dir, slug, VALIDATED_POLICIES_FILE);

/** The text of `<slug>/validated.json` for a tenant under `dir`: its policy validated, failing as loading it does. */
export function validatedPolicyFile(dir: string, slug: string, parse: PolicyParse = parseTenantConfig): string {
  const text = readPolicyText(dir, slug);
  return JSON.stringify({
    format: VALIDATED_FORMAT,
    slug,
    sha256: sha256(text),
    config: parsePolicyFile(dir, slug, text, parse),
  } satisfies ValidatedPolicy);
}

/** A tenant's policy from its validated.json if that was made from the policy.json now beside it; else validated here. */
function loadBundledPolicy(dir: string, slug: string): TenantConfig {
  const text = readPolicyText(dir, slug);
  const file = validatedFileOf(dir, slug);
  const validated = existsSync(file) ? (readJson(file) as Partial<ValidatedPolicy>) : undefined;
  const vouched = validated?.format === VALIDATED_FORMAT && validated.slug === slug && validated.sha256 === sha256(text);
  return vouched ? (validated.config as TenantConfig) : parsePolicyFile(dir, slug, text);
}

/**
 * Every tenant's policy under `dir` (`<slug>/policy.json`), as the Lambdas load them at cold start;
 * demo data is the local runtime's (functions/local/tenant-bundles.ts). A tenant with a
 * validated.json is read when first asked for, taken from there if it was made from the
 * policy.json beside it, else validated then (an edited policy; a bad one fails naming the file and
 * field). A tenant without one (a folder the build did not validate) is validated here and now, so
 * a bad policy fails the start.
 */
export function bundledPolicies(dir: string): BundledTenants {
  const slugs = tenantSlugs(dir);
  const loaded = new Map<string, TenantConfig>();
  const get = (slug: string): TenantConfig | undefined => {
    if (!slugs.includes(slug)) return undefined;
    let config = loaded.get(slug);
    if (!config) {
      config = loadBundledPolicy(dir, slug);
      loaded.set(slug, config);
    }
    return config;
  };
  for (const slug of slugs) if (!existsSync(validatedFileOf(dir, slug))) get(slug);
  return { slugs, get };
}

/** Every bundled policy under `dir`, read now (see bundledPolicies). */
export function loadTenantPolicies(dir: string): TenantConfig[] {
  const bundled = bundledPolicies(dir);
  return bundled.slugs.map((slug) => bundled.get(slug) as TenantConfig);
}
