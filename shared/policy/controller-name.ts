import type { TenantConfig } from './schema.ts';

/**
 * The data controller as documents name it: "Inflection Point MSP Ltd (Inflection Point)", or
 * the one name where the trading name is the legal name ("Instant On IT", not "Instant On IT
 * (Instant On IT)").
 */
export const controllerName = (tenant: Pick<TenantConfig, 'name' | 'legalName'>): string =>
  tenant.legalName.trim() === tenant.name.trim() ? tenant.legalName : `${tenant.legalName} (${tenant.name})`;
