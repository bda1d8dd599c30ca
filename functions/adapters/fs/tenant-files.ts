import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import { parseDemoData, parseTenantConfig } from '../../../shared/policy/parse.ts';
import type { DemoData, TenantConfig } from '../../../shared/policy/schema.ts';

export interface TenantBundle {
  config: TenantConfig;
  demo?: DemoData;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DomainError('config_invalid', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Loads every tenant under `dir`: `<slug>/policy.json` (required) and `<slug>/demo.json`
 * (optional). Fails fast with the file and field at fault.
 */
export function loadTenantDir(dir: string, { withDemo = true } = {}): TenantBundle[] {
  const slugs = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return slugs.map((slug) => {
    const policyFile = join(dir, slug, 'policy.json');
    const config = parseTenantConfig(readJson(policyFile), policyFile);
    if (config.slug !== slug) {
      throw new DomainError('config_invalid', `${policyFile}: field "slug": "${config.slug}" must match its folder "${slug}"`);
    }
    const demoFile = join(dir, slug, 'demo.json');
    const demo = withDemo && existsSync(demoFile) ? parseDemoData(readJson(demoFile), demoFile, config) : undefined;
    return { config, demo };
  });
}
