import type { Clock, TenantDirectory } from '../deps.ts';
import type { Effects } from '../entities.ts';
import { parseTenantConfig } from './parse.ts';
import type { TenantConfig } from './schema.ts';

/** A tenant's policy as published into the table, checked again on every load. */
export interface PublishedPolicy {
  slug: string;
  /** The policy as stored: JSON text (or an already parsed value). */
  policy: unknown;
  revision: number;
  publishedAt: string;
  publishedBy: string;
}

/** Where published policies live (the table, on AWS and locally). */
export interface PolicyStore {
  list(): Promise<PublishedPolicy[]>;
  /** Publishes (or replaces) a tenant's policy with its audit events; returns the new revision. */
  publish(config: TenantConfig, by: string, effects: Effects): Promise<number>;
  /** Removes a published policy, so the bundled one (if any) applies again; false if there was none. */
  withdraw(slug: string, effects: Effects): Promise<boolean>;
}

export interface LiveTenants extends TenantDirectory {
  /**
   * Re-reads the published policies if the last read is older than `maxAgeMs`; one read at a
   * time. A failed read keeps the policies in force and is tried again after a short pause.
   */
  refresh(options?: { force?: boolean }): Promise<void>;
}

export interface LiveTenantsOptions {
  /** How long a read stays fresh: the most a published change waits before a warm function sees it. */
  maxAgeMs?: number;
  /** Where a policy that no longer validates, or a failed read, is reported. */
  log?: (entry: Record<string, unknown>) => void;
}

const RETRY_AFTER_FAILURE_MS = 5_000;

/** The policies bundled with the code: their slugs, and each one's policy (read when first asked for, if the source likes). */
export interface BundledTenants {
  slugs: string[];
  get(slug: string): TenantConfig | undefined;
}

/** Bundled tenants from policies already loaded. */
export function bundledTenants(policies: TenantConfig[]): BundledTenants {
  const bySlug = new Map(policies.map((c) => [c.slug, c]));
  return { slugs: [...bySlug.keys()], get: (slug) => bySlug.get(slug) };
}

/**
 * The tenants in force: the policies bundled with the code (tenants/<slug>/policy.json), each
 * replaced by its published version where one exists, plus tenants that exist only as published.
 * A published policy that no longer validates (say, after a code change tightened the schema) is
 * left out with an error in the log, and the bundled one stays in force.
 */
export function liveTenants(
  bundledPolicies: TenantConfig[] | BundledTenants,
  store: PolicyStore,
  clock: Clock,
  options: LiveTenantsOptions = {},
): LiveTenants {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const log = options.log ?? ((entry) => console.error(JSON.stringify(entry)));
  const bundled = Array.isArray(bundledPolicies) ? bundledTenants(bundledPolicies) : bundledPolicies;
  // The published policies in force; a slug not here is the bundled one's, read when first asked for.
  let current = new Map<string, TenantConfig>();
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;

  async function read(): Promise<void> {
    const next = new Map<string, TenantConfig>();
    try {
      for (const published of await store.list()) {
        try {
          const raw = typeof published.policy === 'string' ? JSON.parse(published.policy) : published.policy;
          const config = parseTenantConfig(raw, `published policy of "${published.slug}" (revision ${published.revision})`);
          if (config.slug !== published.slug) throw new Error(`its slug "${config.slug}" is not "${published.slug}"`);
          next.set(config.slug, config);
        } catch (error) {
          log({ level: 'error', msg: 'published policy ignored', tenant: published.slug, reason: (error as Error).message });
        }
      }
      current = next;
      readAt = clock.now().getTime();
    } catch (error) {
      log({ level: 'error', msg: 'published policies not read; the ones in force stay', reason: (error as Error).message });
      readAt = clock.now().getTime() - maxAgeMs + RETRY_AFTER_FAILURE_MS;
    }
  }

  const get = (slug: string) => current.get(slug) ?? bundled.get(slug);
  return {
    get,
    // The bundled tenants in their order, then those that exist only as published.
    list: () =>
      [...bundled.slugs, ...[...current.keys()].filter((slug) => !bundled.slugs.includes(slug))].map(
        (slug) => get(slug) as TenantConfig,
      ),
    async refresh({ force = false } = {}) {
      if (!force && clock.now().getTime() - readAt < maxAgeMs) return;
      reading ??= read().finally(() => {
        reading = undefined;
      });
      await reading;
    },
  };
}

/**
 * Publishes a tenant's policy, validated whole by the caller (`parseWholePolicy`, which checks the
 * systems' declarations too: scripts/policy.ts), recording who did and which version; returns the
 * new revision.
 */
export async function publishPolicy(store: PolicyStore, config: TenantConfig, source: string, by: string): Promise<number> {
  return store.publish(config, by, {
    audit: [
      {
        action: 'policy.published',
        actor: { type: 'system' },
        detail: { policyVersion: config.policyVersion, source },
        personal: { by },
      },
    ],
  });
}

/** Withdraws a tenant's published policy, so the bundled one applies again. */
export async function withdrawPolicy(store: PolicyStore, slug: string, by: string): Promise<boolean> {
  return store.withdraw(slug, { audit: [{ action: 'policy.withdrawn', actor: { type: 'system' }, personal: { by } }] });
}
