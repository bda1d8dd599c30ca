import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTenantDir } from '../functions/local/tenant-bundles.ts';
import { type LawWarning, lawWarnings, policyStrings, textWarnings } from '../shared/policy/law-check.ts';

/**
 * Checks every tenant folder (the policy and demo data validate) and warns about clauses UK law
 * overrides, in each policy.json's own text and in the MSP's published policy it names
 * (`seedFile`, read from --texts <dir>, default ../shared/seeds when it exists). Warnings do not
 * fail the check: the operator reads the clause and changes the text or the MSP's policy.
 *
 *   npx tsx scripts/check-tenants.ts [tenantsDir] [--texts <dir>]
 */
const args = process.argv.slice(2);
const at = args.indexOf('--texts');
const texts = at >= 0 ? args[at + 1] : resolve('../shared/seeds');
const dir = args.find((a, i) => !a.startsWith('--') && i !== at + 1) ?? 'tenants';

let warned = 0;
const show = (slug: string, warnings: LawWarning[]) => {
  for (const w of warnings) {
    warned++;
    console.log(`  warning [${w.rule}] ${slug} ${w.where}\n    “${w.clause}”\n    ${w.why}`);
  }
};
for (const t of loadTenantDir(dir)) {
  const { config } = t;
  console.log(config.slug, config.categories.length, 'categories', t.demo?.subjects.length ?? 0, 'demo subjects');
  const raw = JSON.parse(readFileSync(join(dir, config.slug, 'policy.json'), 'utf8')) as unknown;
  show(
    config.slug,
    policyStrings(raw).flatMap((s) => lawWarnings(`policy.json ${s.where}`, s.text)),
  );
  const seed = (raw as { seedFile?: string }).seedFile;
  if (seed && texts && existsSync(join(texts, seed)))
    show(config.slug, textWarnings(seed, readFileSync(join(texts, seed), 'utf8')));
}
console.log(
  warned ? `${warned} clause(s) UK law overrides: read each and change the text.` : 'No clause UK law overrides found.',
);
