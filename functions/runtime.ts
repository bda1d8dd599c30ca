import { loadTenantDir } from './adapters/fs/tenant-files.ts';
import { withSecrets } from './adapters/secrets/secrets-manager.ts';
import { type Config, loadConfig } from './config.ts';
import { tenantDirectory, type Wiring, wire } from './wiring.ts';

/**
 * Cold start of a Lambda: secrets (HASH_KEY from Secrets Manager when HASH_KEY_SECRET_ARN is
 * given), config, tenant policies (no demo data) and adapters, once. The entry points await it
 * at the top level, so it runs in Lambda's init phase.
 */
export async function coldStart(): Promise<{ config: Config } & Wiring> {
  const config = loadConfig(await withSecrets(process.env));
  const tenants = tenantDirectory(loadTenantDir(config.tenantsDir, { withDemo: false }).map((b) => b.config));
  return { config, ...wire(config, tenants) };
}
