import { normaliseEmail } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { StaffMember } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';

/**
 * Who is staff of a tenant: the people in its config, as changed on the staff screen. A stored
 * record of `source: 'config'` only carries the second factor; name and role stay with the
 * config, and leaving the config ends the membership. A record of `source: 'admin'` stands alone.
 */
export function effectiveMember(tenant: TenantConfig, stored: StaffMember | undefined, email: string): StaffMember | undefined {
  const configured = tenant.staff.find((s) => normaliseEmail(s.email) === email);
  if (stored?.source === 'admin') return stored.active ? stored : undefined;
  if (!configured) return undefined;
  return {
    tenant: tenant.slug,
    email,
    name: configured.name,
    role: configured.role,
    active: true,
    source: 'config',
    version: 0,
    ...(stored ? { ...stored, name: configured.name, role: configured.role, active: true, source: 'config' as const } : {}),
  };
}

export async function findStaff(deps: Deps, tenant: TenantConfig, email: string): Promise<StaffMember | undefined> {
  const normalised = normaliseEmail(email);
  return effectiveMember(tenant, await deps.staff.get(tenant.slug, normalised), normalised);
}

/** Everyone who is (or was, on the staff screen) staff of the tenant. */
export async function listStaff(deps: Deps, tenant: TenantConfig): Promise<StaffMember[]> {
  const stored = await deps.staff.list(tenant.slug);
  const emails = new Set([...tenant.staff.map((s) => normaliseEmail(s.email)), ...stored.map((s) => s.email)]);
  const byEmail = new Map(stored.map((s) => [s.email, s]));
  return [...emails]
    .map((email) => effectiveMember(tenant, byEmail.get(email), email))
    .filter((m): m is StaffMember => m !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}
