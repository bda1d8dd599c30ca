import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledPolicies,
  loadTenantPolicies,
  loadTenantPolicy,
  tenantSlugs,
  VALIDATED_POLICIES_FILE,
  validatedPolicyFile,
} from './tenant-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-tenant-files-'));
  for (const slug of tenantSlugs('tenants')) {
    cpSync(join('tenants', slug, 'policy.json'), join(dir, slug, 'policy.json'));
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const policyFile = (slug: string) => join(dir, slug, 'policy.json');
const validatedFile = (slug: string) => join(dir, slug, VALIDATED_POLICIES_FILE);
/** Each tenant's validated.json, as the synth writes them (infra/bundling.ts). */
const writeValidated = () => {
  for (const slug of tenantSlugs(dir)) writeFileSync(validatedFile(slug), validatedPolicyFile(dir, slug));
};

describe('the bundled policies validated at build time', () => {
  it('holds every policy exactly as validating its policy.json gives it', () => {
    // Prepare
    const slugs = tenantSlugs(dir);
    // Act
    writeValidated();
    // Assess
    expect(slugs.length).toBeGreaterThanOrEqual(5);
    expect(loadTenantPolicies(dir)).toEqual(slugs.map((slug) => loadTenantPolicy(dir, slug)));
    // Defaults the schema fills in are there (a plain copy of policy.json would lack them).
    expect(loadTenantPolicies(dir).every((p) => typeof p.ukOnlyStorage === 'boolean' && p.relationshipKinds.length > 0)).toBe(
      true,
    );
  });

  it('is taken as it is for a policy.json it was made from, without validating again', () => {
    // Prepare: the validated copy says something its policy.json does not, which only a load from it shows.
    const [slug] = tenantSlugs(dir);
    const validated = JSON.parse(validatedPolicyFile(dir, slug!));
    validated.config.name = 'Taken from validated.json';
    writeFileSync(validatedFile(slug!), JSON.stringify(validated));
    // Act
    const loaded = loadTenantPolicies(dir);
    // Assess
    expect(loaded[0]?.name).toBe('Taken from validated.json');
  });

  it('is not used for a policy.json edited since: that policy is validated again, and a bad one fails naming file and field', () => {
    // Prepare
    writeValidated();
    const [slug] = tenantSlugs(dir);
    const policy = JSON.parse(readFileSync(policyFile(slug!), 'utf8'));
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, name: 'Edited after the build' }));
    // Act, Assess
    expect(loadTenantPolicies(dir)[0]?.name).toBe('Edited after the build');
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, referencePrefix: 'lowercase' }));
    expect(() => loadTenantPolicies(dir)).toThrow(new RegExp(`${slug}/policy.json: field "referencePrefix"`));
  });

  it('is read only for the tenant asked for: the others are not read until they are', () => {
    // Prepare: every tenant validated at build time, then every policy.json but the first made unreadable JSON.
    writeValidated();
    const [first, ...others] = tenantSlugs(dir);
    for (const slug of others) writeFileSync(policyFile(slug), '{ not JSON');
    // Act
    const bundled = bundledPolicies(dir);
    // Assess: the start and the first tenant are fine; another fails only when it is asked for.
    expect(bundled.slugs).toEqual(tenantSlugs(dir));
    expect(bundled.get(first!)?.slug).toBe(first);
    expect(bundled.get('no-such-tenant')).toBeUndefined();
    expect(() => bundled.get(others[0]!)).toThrow(/not valid JSON/);
  });

  it('is not needed: without it (or in another format) every policy is validated at the start', () => {
    // Prepare
    const [slug] = tenantSlugs(dir);
    const policy = JSON.parse(readFileSync(policyFile(slug!), 'utf8'));
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, referencePrefix: 'lowercase' }));
    // Act, Assess
    expect(() => bundledPolicies(dir)).toThrow(/referencePrefix/); // at the start
    writeFileSync(validatedFile(slug!), JSON.stringify({ format: 'something else', slug, config: policy }));
    expect(() => loadTenantPolicies(dir)).toThrow(/referencePrefix/);
  });

  it('cannot be made from a bad policy: the build fails naming the file and field', () => {
    const [slug] = tenantSlugs(dir);
    const policy = JSON.parse(readFileSync(policyFile(slug!), 'utf8'));
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, referencePrefix: 'lowercase' }));
    expect(() => validatedPolicyFile(dir, slug!)).toThrow(new RegExp(`${slug}/policy.json: field "referencePrefix"`));
  });
});
