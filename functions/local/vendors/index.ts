/**
 * Starts a stand-in per vendor the tenants declare, holding each tenant's demo people, and the
 * credentials that reach them. Used by the benchmark and the tests; `npm start` next.
 */
import type { DemoData } from '../../../shared/policy/demo.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { systemsOf } from '../../../shared/systems/declared.ts';
import { type CredentialSource, memoryCredentials } from '../../connectors/credentials.ts';
import { startAutotaskStandIn } from './autotask.ts';
import { type DemoPerson, demoPeople } from './demo-people.ts';
import { startGraphStandIn } from './graph.ts';
import { startHaloStandIn } from './halopsa.ts';
import { startMailchimpStandIn } from './mailchimp.ts';
import type { VendorStandIn } from './stand-in.ts';
import { startXeroStandIn } from './xero.ts';

export interface SystemStandIns {
  credentials: CredentialSource;
  /** By kind (only the kinds some tenant declares). */
  vendors: Partial<Record<ApiKind, VendorStandIn>>;
  /** Where each tenant's system answers, for people to look (never its credentials). */
  endpoints: { tenant: string; systemId: string; kind: string; baseUrl: string }[];
  stop(): Promise<void>;
}

/** The stand-in instance of one tenant's system. */
export const instanceOf = (tenant: string, systemId: string) => `${tenant}--${systemId}`;

type ApiKind = 'msgraph' | 'autotask' | 'halopsa' | 'mailchimp' | 'xero';

export async function startSystemStandIns(
  tenants: readonly { config: TenantConfig; demo?: DemoData }[],
  ports: Partial<Record<ApiKind, number>> = {},
): Promise<SystemStandIns> {
  const byKind: Record<ApiKind, Record<string, DemoPerson[]>> = {
    msgraph: {},
    autotask: {},
    halopsa: {},
    mailchimp: {},
    xero: {},
  };
  const owners: { tenant: string; systemId: string; kind: keyof typeof byKind }[] = [];
  for (const { config, demo } of tenants) {
    for (const system of systemsOf(config)) {
      // A declared (rest) system is the operator's own: no demo stand-in speaks its API.
      if (system.kind === 'manual' || system.kind === 'rest') continue;
      byKind[system.kind][instanceOf(config.slug, system.id)] = demoPeople(config.slug, system.id, demo);
      owners.push({ tenant: config.slug, systemId: system.id, kind: system.kind });
    }
  }
  const used = (kind: keyof typeof byKind) => owners.some((o) => o.kind === kind);
  const [msgraph, autotask, halopsa, mailchimp, xero] = await Promise.all([
    used('msgraph') ? startGraphStandIn(byKind.msgraph, ports.msgraph) : undefined,
    used('autotask') ? startAutotaskStandIn(byKind.autotask, ports.autotask) : undefined,
    used('halopsa') ? startHaloStandIn(byKind.halopsa, ports.halopsa) : undefined,
    used('mailchimp') ? startMailchimpStandIn(byKind.mailchimp, ports.mailchimp) : undefined,
    used('xero') ? startXeroStandIn(byKind.xero, ports.xero) : undefined,
  ]);
  const vendors = { msgraph, autotask, halopsa, mailchimp, xero };
  const values: Record<string, Record<string, unknown>> = {};
  for (const { tenant, systemId, kind } of owners) {
    values[tenant] ??= {};
    values[tenant][systemId] = vendors[kind]!.credentials(instanceOf(tenant, systemId));
  }
  return {
    credentials: memoryCredentials(values),
    endpoints: owners.map((o) => ({ ...o, baseUrl: vendors[o.kind]!.baseUrl(instanceOf(o.tenant, o.systemId)) })),
    vendors: Object.fromEntries(Object.entries(vendors).filter(([, v]) => v)) as SystemStandIns['vendors'],
    stop: async () => {
      await Promise.all([msgraph?.stop(), autotask?.stop(), halopsa?.stop(), mailchimp?.stop(), xero?.stop()]);
    },
  };
}
