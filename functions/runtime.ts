import './zod-jitless.ts';
import type { Clock } from '../shared/deps.ts';
import type { BlobStore } from '../shared/exports/ports.ts';
import { type BundledTenants, type LiveTenants, liveTenants } from '../shared/policy/live.ts';
import type { TenantConfig } from '../shared/policy/schema.ts';
import { createDb, type Db } from './adapters/dynamo/client.ts';
import { dynamoPolicyStore } from './adapters/dynamo/policy-store.ts';
import { bundledPolicies } from './adapters/fs/tenant-files.ts';
import { withSecrets } from './adapters/secrets/secrets-manager.ts';
import { type Config, loadConfig } from './config.ts';
import { type OnlySome, type Wiring, wire } from './wiring.ts';

export type Runtime = { config: Config; tenants: LiveTenants; db: Db } & Wiring;

/**
 * The runtime, built the same way on Lambda and locally: the table client, the tenants in force
 * (the bundled policies overlaid by the published ones, re-read at most `policyMaxAgeMs` apart)
 * and the adapters wired into the use cases' Deps. Reads nothing yet: the caller refreshes the
 * tenants when it suits it (Lambda: the first invocation; locally: at start).
 */
export function buildRuntime(
  config: Config,
  options: {
    /** The bundled policies: loaded, or read when first asked for (bundledPolicies). */
    bundled: TenantConfig[] | BundledTenants;
    clock?: Clock;
    blobs?: BlobStore;
    /** What only some functions need (functions/wiring.ts, OnlySome), so the others' bundles leave it out. */
    only?: OnlySome;
    policyMaxAgeMs?: number;
  },
): Runtime {
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const db = createDb({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });
  // Policy freshness is wall-clock time, even under a test's clock.
  const tenants = liveTenants(
    options.bundled,
    dynamoPolicyStore(db, clock),
    { now: () => new Date() },
    {
      maxAgeMs: options.policyMaxAgeMs ?? config.policyMaxAgeSeconds * 1000,
    },
  );
  return { config, tenants, ...wire(config, tenants, db, clock, options.blobs, options.only) };
}

/**
 * Cold start of a Lambda: secrets (HASH_KEY from Secrets Manager when HASH_KEY_SECRET_ARN is
 * given), config, tenant policies (bundled, overlaid by the published ones) and adapters, once.
 * The entry points await it at the top level, so it runs in Lambda's init phase; the published
 * policies are read by the first invocation (withFreshTenants, freshTenants), not at import.
 */
export async function coldStart(only: OnlySome = {}): Promise<Runtime> {
  const config = loadConfig(await withSecrets(process.env));
  return buildRuntime(config, { bundled: bundledPolicies(config.tenantsDir), only });
}

/**
 * Wraps a Lambda handler so that each invocation first re-reads the published tenant policies if
 * the last read is older than POLICY_MAX_AGE_SECONDS: a published policy reaches every warm
 * function within that time, without a deploy.
 */
export function withFreshTenants<E, C, R>(tenants: LiveTenants, handler: (event: E, context: C) => Promise<R>) {
  return async (event: E, context: C): Promise<R> => {
    await tenants.refresh();
    return handler(event, context);
  };
}

/** The same for a middy handler: a `before` step that re-reads stale tenant policies. */
export const freshTenants = (tenants: LiveTenants) => ({
  before: async (): Promise<void> => {
    await tenants.refresh();
  },
});
