import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoRequests } from './seed.ts';
import { loadTenantDir } from './tenant-bundles.ts';

const bundles = loadTenantDir(fileURLToPath(new URL('../../tenants', import.meta.url)));

describe('the demo data', () => {
  it.each(bundles.map((b) => [b.config.slug, b] as const))('in %s, files no request before its person was known', (_, bundle) => {
    const subjects = bundle.demo?.subjects ?? [];
    const seeded = demoRequests.flatMap((request, i) => (subjects[i] ? [{ request, subject: subjects[i] }] : []));
    expect(seeded.length).toBeGreaterThan(0);
    for (const { request, subject } of seeded) {
      // A request received before the relationship began, or before anything was held, reads as a mistake.
      const known = Math.min(subject.relationshipStartedDaysAgo, Math.max(...subject.records.map((r) => r.daysAgo)));
      expect({ who: subject.email, receivedDaysAgo: request.daysAgo }).toEqual({
        who: subject.email,
        receivedDaysAgo: Math.min(request.daysAgo, known),
      });
    }
  });
});
