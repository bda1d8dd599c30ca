import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every seed policy has its promise trace in docs/promises/, and every row that says the centre
 * enforces a promise names a file that exists (so a rename cannot leave the trace pointing nowhere).
 */
const tenants = readdirSync('tenants').filter((t) => existsSync(`tenants/${t}/policy.json`));

describe('the promise traces', () => {
  it.each(tenants)('%s has a trace naming its seed policy', (slug) => {
    const policy = JSON.parse(readFileSync(`tenants/${slug}/policy.json`, 'utf8'));
    const file = `docs/promises/${slug}.md`;
    expect(existsSync(file), file).toBe(true);
    if (policy.seedFile) expect(readFileSync(file, 'utf8')).toContain(policy.seedFile.split('/').pop());
  });

  it.each(tenants)('%s: every enforced row names a real file', (slug) => {
    const rows = readFileSync(`docs/promises/${slug}.md`, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.startsWith('| Promise'))
      .map((l) => l.split('|').map((c) => c.trim()));
    expect(rows.length).toBeGreaterThan(4);
    for (const [, promise, , status, where] of rows) {
      expect(['enforced', 'shown', 'msp', 'not done'], promise).toContain(status);
      if (status !== 'enforced') continue;
      const path = where?.match(/`([^`]+)`/)?.[1];
      expect(path, promise).toBeDefined();
      expect(existsSync(path as string), `${promise}: ${path}`).toBe(true);
    }
  });
});
