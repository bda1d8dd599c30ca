import { loadTenantPolicies } from '../functions/adapters/fs/tenant-files.ts';
import { fromRoot } from './paths.ts';

/** AWS regions in the UK: London is the only one. */
export const UK_REGIONS: readonly string[] = ['eu-west-2'];

/** The bundled tenants whose policy promises that their data is stored only in the UK. */
export function ukOnlyTenants(dir = fromRoot('tenants')): string[] {
  return loadTenantPolicies(dir)
    .filter((tenant) => tenant.ukOnlyStorage)
    .map((tenant) => tenant.slug);
}

/**
 * Refuses a region outside the UK while a tenant's policy promises UK-only storage (its table,
 * backups, exports and logs would sit in that region), unless the operator has named that tenant
 * in `storeOutsideUk`, knowingly. An override that names no such tenant is refused too (a typo
 * must not look like consent).
 */
export function checkDataResidency(region: string, ukOnly: string[], storeOutsideUk: string[]): void {
  const stray = storeOutsideUk.filter((slug) => !ukOnly.includes(slug));
  if (stray.length > 0) {
    throw new Error(
      `Context "storeOutsideUk": ${stray.join(', ')} ${stray.length === 1 ? 'is not a tenant' : 'are not tenants'} whose policy promises UK-only storage (those are: ${ukOnly.join(', ') || 'none'}).`,
    );
  }
  if (UK_REGIONS.includes(region)) return;
  const refused = ukOnly.filter((slug) => !storeOutsideUk.includes(slug));
  if (refused.length > 0) {
    throw new Error(
      `Region ${region} is outside the UK, but the policy of ${refused.join(', ')} promises that data is stored only in the UK (ukOnlyStorage in policy.json). Deploy to ${UK_REGIONS.join(' or ')}, or, if the tenant has agreed in writing, add -c storeOutsideUk=${refused.join(',')}.`,
    );
  }
}
