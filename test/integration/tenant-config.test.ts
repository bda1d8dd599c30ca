import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTenantDir } from '../../functions/local/tenant-bundles.ts';

const slugs = ['inflection-point', 'instant-on-it', 'it-mk', 'northgate-it', 'the-one-point'];

describe('tenant policy configs', () => {
  it('ships one valid config per seed policy', () => {
    const bundles = loadTenantDir('tenants');
    expect(bundles.map((b) => b.config.slug)).toEqual(slugs);
    expect(new Set(bundles.map((b) => b.config.seedFile)).size).toBe(5);
  });

  it('gives every tenant a demo subject alex.morgan@example.com', () => {
    for (const bundle of loadTenantDir('tenants')) {
      expect(
        bundle.demo?.subjects.some((s) => s.email === 'alex.morgan@example.com'),
        bundle.config.slug,
      ).toBe(true);
    }
  });

  it('names the file and the field of a bad config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
    mkdirSync(join(dir, 'broken'));
    const good = JSON.parse(JSON.stringify(loadTenantDir('tenants')[0]?.config));
    good.slug = 'broken';
    good.categories[0].lawfulBasis = 'because';
    writeFileSync(join(dir, 'broken', 'policy.json'), JSON.stringify(good));
    expect(() => loadTenantDir(dir)).toThrow(/broken\/policy\.json: field "categories\.0\.lawfulBasis"/);
  });

  it('refuses a config whose slug does not match its folder, and invalid JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'policy.json'), JSON.stringify(loadTenantDir('tenants')[0]?.config));
    expect(() => loadTenantDir(dir)).toThrow(/field "slug"/);
    writeFileSync(join(dir, 'other', 'policy.json'), '{ nope');
    expect(() => loadTenantDir(dir)).toThrow(/other\/policy\.json: not valid JSON/);
  });
});
