import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadTenantPolicies,
  loadTenantPolicy,
  tenantSlugs,
  VALIDATED_POLICIES_FILE,
  validatedPoliciesFile,
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
const validatedFile = () => join(dir, VALIDATED_POLICIES_FILE);

describe('the bundled policies validated at build time', () => {
  it('holds every policy exactly as validating its policy.json gives it', () => {
    // Prepare
    const slugs = tenantSlugs(dir);
    // Act
    writeFileSync(validatedFile(), validatedPoliciesFile(dir));
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
    const validated = JSON.parse(validatedPoliciesFile(dir));
    validated.policies[0].config.name = 'Taken from validated.json';
    writeFileSync(validatedFile(), JSON.stringify(validated));
    // Act
    const loaded = loadTenantPolicies(dir);
    // Assess
    expect(loaded[0]?.name).toBe('Taken from validated.json');
  });

  it('is not used for a policy.json edited since: that policy is validated again, and a bad one fails the start', () => {
    // Prepare
    writeFileSync(validatedFile(), validatedPoliciesFile(dir));
    const [slug] = tenantSlugs(dir);
    const policy = JSON.parse(readFileSync(policyFile(slug!), 'utf8'));
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, name: 'Edited after the build' }));
    // Act, Assess
    expect(loadTenantPolicies(dir)[0]?.name).toBe('Edited after the build');
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, referencePrefix: 'lowercase' }));
    expect(() => loadTenantPolicies(dir)).toThrow(/referencePrefix/);
  });

  it('is not needed: without it (or in another format) every policy is validated at load', () => {
    // Prepare
    const [slug] = tenantSlugs(dir);
    const policy = JSON.parse(readFileSync(policyFile(slug!), 'utf8'));
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, referencePrefix: 'lowercase' }));
    // Act, Assess
    expect(() => loadTenantPolicies(dir)).toThrow(/referencePrefix/);
    writeFileSync(validatedFile(), JSON.stringify({ format: 'something else', policies: [] }));
    expect(() => loadTenantPolicies(dir)).toThrow(/referencePrefix/);
  });

  it('cannot be made from a bad policy: the build fails naming the file and field', () => {
    const [slug] = tenantSlugs(dir);
    const policy = JSON.parse(readFileSync(policyFile(slug!), 'utf8'));
    writeFileSync(policyFile(slug!), JSON.stringify({ ...policy, referencePrefix: 'lowercase' }));
    expect(() => validatedPoliciesFile(dir)).toThrow(new RegExp(`${slug}/policy.json: field "referencePrefix"`));
  });
});
