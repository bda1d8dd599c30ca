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
/**
 * A fee clause ("administrative fees may apply") is not charged to everyone: the centre asks a
 * fee only where the tenant's `fees` setting allows and staff ask for it on a request.
 */
const feeNote = (fees: unknown) =>
  fees
    ? '\n    This tenant sets `fees`: staff may ask them only for further copies and manifestly unfounded or excessive requests.'
    : '\n    Needs the fee setting: this tenant sets no `fees` in policy.json, so the centre charges no one. To charge where the law allows, set `fees` (shared/policy/fees.ts).';
const show = (slug: string, warnings: LawWarning[], fees?: unknown) => {
  for (const w of warnings) {
    warned++;
    console.log(
      `  warning [${w.rule}] ${slug} ${w.where}\n    “${w.clause}”\n    ${w.why}${w.rule === 'request-fee' ? feeNote(fees) : ''}`,
    );
  }
};
for (const t of loadTenantDir(dir)) {
  const { config } = t;
  console.log(config.slug, config.categories.length, 'categories', t.demo?.subjects.length ?? 0, 'demo subjects');
  const raw = JSON.parse(readFileSync(join(dir, config.slug, 'policy.json'), 'utf8')) as unknown;
  show(
    config.slug,
    policyStrings(raw).flatMap((s) => lawWarnings(`policy.json ${s.where}`, s.text)),
    config.fees,
  );
  const seed = (raw as { seedFile?: string }).seedFile;
  if (seed && texts && existsSync(join(texts, seed)))
    show(config.slug, textWarnings(seed, readFileSync(join(texts, seed), 'utf8')), config.fees);
}
console.log(
  warned ? `${warned} clause(s) UK law overrides: read each and change the text.` : 'No clause UK law overrides found.',
);
