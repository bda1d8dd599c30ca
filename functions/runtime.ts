import { loadTenantDir } from './adapters/fs/tenant-files.ts';
import { type Config, loadConfig } from './config.ts';
import { tenantDirectory, type Wiring, wire } from './wiring.ts';

/** Cold start of a Lambda: config, tenant policies (no demo data) and adapters, once. */
export function coldStart(): { config: Config } & Wiring {
  const config = loadConfig();
  const tenants = tenantDirectory(loadTenantDir(config.tenantsDir, { withDemo: false }).map((b) => b.config));
  return { config, ...wire(config, tenants) };
}
