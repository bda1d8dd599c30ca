import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DemoData, parseDemoData } from '../../shared/policy/demo.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { parseWholePolicy } from '../../shared/systems/declared.ts';
import { loadTenantPolicy, readJson, tenantSlugs } from '../adapters/fs/tenant-files.ts';

export interface TenantBundle {
  config: TenantConfig;
  demo?: DemoData;
}

/**
 * Loads every tenant under `dir` for the local runtime: `<slug>/policy.json` (required) and
 * `<slug>/demo.json` (optional, the demo subjects). Fails fast with the file and field at fault,
 * the systems' declarations checked too.
 */
export function loadTenantDir(dir: string): TenantBundle[] {
  return tenantSlugs(dir).map((slug) => {
    const config = loadTenantPolicy(dir, slug, parseWholePolicy);
    const demoFile = join(dir, slug, 'demo.json');
    const demo = existsSync(demoFile) ? parseDemoData(readJson(demoFile), demoFile, config) : undefined;
    return { config, demo };
  });
}
