import { DomainError } from '../errors.ts';
import { describeIssues, parseTenantConfig } from '../policy/parse.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { systemCategoryIssues } from './cross-checks.ts';
import { type SystemDeclaration, Systems } from './declaration.ts';

/**
 * A tenant's connected systems, checked. The policy's own parse (parse.ts) leaves `systems` as
 * declared, so the functions that never act on a system (the portal, the mail functions, the
 * scheduled jobs) carry neither the declaration schema nor its checks (issue 13's budget of 5 kB
 * of connected systems in the portal and admin bundles). Whatever acts on a system
 * asks here: the declarations parsed against the schema and cross-checked against the rest of the
 * policy, once per loaded policy.
 *
 * Every policy was checked whole before it could be in force: a bundled one when the stack was
 * synthesized (or `npm start` loaded it), a published one when it was published
 * (`parseWholePolicy`, below). A declaration that no longer passes (a code change tightened the
 * schema after a publish) is refused here, naming the field, by everything that acts on systems
 * alike: a search, an erasure or a correction there cannot start, and says why, until a corrected
 * policy is published; what only shows systems shows none (`systemsOrNone`). The rest of the
 * policy stays in force everywhere, so the person's pages and the staff's agree.
 */
export function systemsOf(tenant: WithSystems): SystemDeclaration[] {
  if (!tenant.systems || tenant.systems.length === 0) return [];
  let checked = memo.get(tenant);
  if (!checked) {
    const result = check(tenant, `policy of "${tenant.slug}"`);
    checked =
      result instanceof DomainError
        ? new DomainError(
            'config_invalid',
            `The connected systems' declarations in this tenant's policy do not pass their checks, so the centre cannot act on those systems and nothing was changed. Publish a corrected policy, then try again. ${result.message.replace(/^Invalid systems declaration\n/, '')}`,
            { systemsDeclaration: true },
          )
        : result;
    memo.set(tenant, checked);
  }
  if (checked instanceof DomainError) throw checked;
  return checked;
}

/**
 * The declarations, or none when they do not pass: for what works through every tenant in turn
 * (the scheduled reconciliation and relationship check, which skip the tenant and go on to the
 * next) and for what only shows them. `refused` is told why.
 */
export function systemsOrNone(tenant: WithSystems, refused: (error: DomainError) => void): SystemDeclaration[] {
  try {
    return systemsOf(tenant);
  } catch (error) {
    if (!isSystemsDeclarationError(error)) throw error;
    refused(error);
    return [];
  }
}

/** Whether an error is `systemsOf` refusing declarations that no longer pass: its message is for staff. */
export const isSystemsDeclarationError = (error: unknown): error is DomainError =>
  error instanceof DomainError && (error.details as { systemsDeclaration?: boolean } | undefined)?.systemsDeclaration === true;

/** What `systemsOf` reads of a policy: its systems, and what they are cross-checked against. */
export type WithSystems = Pick<TenantConfig, 'slug' | 'systems' | 'categories' | 'marketing'>;

const memo = /* @__PURE__ */ new WeakMap<object, SystemDeclaration[] | DomainError>();

function check(
  tenant: Pick<TenantConfig, 'systems' | 'categories' | 'marketing'>,
  file: string,
): SystemDeclaration[] | DomainError {
  const result = Systems.safeParse(tenant.systems ?? []);
  if (!result.success) {
    const message = describeIssues(file, result.error).replaceAll(`${file}: field "`, `${file}: field "systems.`);
    return new DomainError(
      'config_invalid',
      `Invalid systems declaration\n${message.replaceAll('"systems.(root)"', '"systems"')}`,
    );
  }
  const issues = systemCategoryIssues(
    result.data,
    tenant.categories.map((c) => c.id),
    tenant.marketing.topics.map((t) => t.id),
    (id) => tenant.categories.find((c) => c.id === id)?.fields.map((f) => f.id),
  );
  if (issues.length > 0) return new DomainError('config_invalid', issues.map((issue) => `${file}: ${issue}`).join('\n'));
  return result.data;
}

/**
 * Validates a whole policy, its systems' declarations included: what a policy must pass to be
 * published, bundled or loaded by `npm start`. The error names the file and every bad field.
 * The result holds its systems as parsed (defaults filled in).
 */
export function parseWholePolicy(raw: unknown, file: string): TenantConfig {
  const config = parseTenantConfig(raw, file);
  if (!config.systems || config.systems.length === 0) return config;
  const systems = check(config, file);
  if (systems instanceof DomainError) throw systems;
  const whole = { ...config, systems };
  memo.set(whole, systems);
  return whole;
}
