import { contactSaid } from '../../../shared/my-data.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { Message, TenantList, TenantPublic } from '../../../shared/portal-api.ts';
import { errorReply, reply } from '../../http/route-group.ts';
import { publicAccess } from '../../http/routes.ts';
import { type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';

export function publicRoutes(portal: PortalRoutes): void {
  const { deps } = portal;
  const tenants = portalRouteGroup(portal, 'tenants');

  portalRouteGroup(portal, 'system').get('/health', {
    access: publicAccess,
    summary: 'Liveness',
    responses: { 200: reply('Up', Message) },
    handler: (c) => c.json({ message: 'ok' }),
  });

  tenants.get('/tenants', {
    access: publicAccess,
    summary: 'The privacy centres served here',
    responses: { 200: reply('Tenants', TenantList) },
    handler: (c) => c.json({ tenants: deps.tenants.list().map((t) => ({ slug: t.slug, name: t.name })) }),
  });

  tenants.get(tenantPath, {
    access: publicAccess,
    summary: 'Who runs this privacy centre and how to reach them',
    responses: { 200: reply('Tenant', TenantPublic), 404: errorReply('No such tenant') },
    handler: (c) => {
      const t = c.get('tenant');
      return c.json({
        slug: t.slug,
        name: t.name,
        legalName: t.legalName,
        contact: publicContact(t.contact),
        deadlinePromise: t.deadline.promise,
        transfers: t.transfers,
      });
    },
  });
}

/** The contact details as the page shows them: whose they are in words, where they are not the policy's own. */
function publicContact({ said, ...contact }: TenantConfig['contact']): TenantPublic['contact'] {
  const words = contactSaid(said);
  return { ...contact, ...(words ? { said: words } : {}) };
}
