import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15, "say only what the policy says": where a tenant's policy.json says a statement is the
 * MSP's own (`said: { by: 'msp', quote }`), the quote is in the MSP's published policy, word for
 * word (spacing, typographic quotes and case aside; "…" joins quoted parts), and so is the
 * statement on automated decisions the page shows as "Our privacy policy says". A quote the policy
 * does not contain would pass the centre's words off as the MSP's. The policies are the seed
 * texts (`seedFile`), read from SEEDS_DIR or ../shared/seeds; without them this check is skipped.
 */
const seeds = process.env.SEEDS_DIR ?? resolve('../shared/seeds');
const tenants = readdirSync('tenants').filter((t) => existsSync(`tenants/${t}/policy.json`));
const norm = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/** Every `{ by: 'msp', quote }` in a policy.json, with where it is. */
function mspQuotes(value: unknown, where = ''): { where: string; quote: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => mspQuotes(v, `${where}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const own = o.by === 'msp' && typeof o.quote === 'string' ? [{ where, quote: o.quote }] : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => mspQuotes(v, `${where}.${k}`))];
}

describe.skipIf(!existsSync(seeds))('the MSP’s words are the MSP’s', () => {
  it.each(tenants)('%s: every quote marked as the policy’s is in its published policy', (slug) => {
    const policy = JSON.parse(readFileSync(`tenants/${slug}/policy.json`, 'utf8'));
    const text = norm(readFileSync(join(seeds, String(policy.seedFile).split('/').pop() ?? ''), 'utf8'));
    // The statement on automated decisions is shown as the policy's own words ("Our privacy policy says: …").
    const statement = policy.automatedDecisions
      ? [{ where: '.automatedDecisions', quote: String(policy.automatedDecisions) }]
      : [];
    const quotes = [...mspQuotes(policy), ...statement];
    expect(quotes.length, slug).toBeGreaterThan(0);
    for (const { where, quote } of quotes) {
      for (const part of quote.split(/\s*(?:…|\.\.\.)\s*/).filter((p) => p.trim())) {
        expect(text.includes(norm(part)), `${slug}${where}: “${part}”`).toBe(true);
      }
    }
  });

  it('would catch a quote the policy does not contain', () => {
    const text = norm(readFileSync(join(seeds, '003_634e1ebe8f5b0811.txt'), 'utf8'));
    expect(text.includes(norm('We keep your data for 12 months after your last order'))).toBe(false);
    expect(text.includes(norm('Data is kept for a period of 7 years after the end of your membership'))).toBe(true);
  });
});
