import { contactSaid } from '../../../shared/my-data.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { ErrorResponse, Message, TenantList, TenantPublic } from '../../../shared/portal-api.ts';
import { publicAccess } from '../../http/routes.ts';
import { type PortalRoutes, tenantPath } from '../context.ts';

export function publicRoutes({ app, routes, deps }: PortalRoutes): void {
  routes.add(
    app,
    {
      method: 'get',
      path: '/health',
      access: publicAccess,
      tag: 'system',
      summary: 'Liveness',
      responses: { 200: { description: 'Up', schema: Message } },
    },
    (c) => c.json({ message: 'ok' }),
  );

  routes.add(
    app,
    {
      method: 'get',
      path: '/tenants',
      access: publicAccess,
      tag: 'tenants',
      summary: 'The privacy centres served here',
      responses: { 200: { description: 'Tenants', schema: TenantList } },
    },
    (c) => c.json({ tenants: deps.tenants.list().map((t) => ({ slug: t.slug, name: t.name })) }),
  );

  routes.add(
    app,
    {
      method: 'get',
      path: tenantPath,
      access: publicAccess,
      tag: 'tenants',
      summary: 'Who runs this privacy centre and how to reach them',
      responses: {
        200: { description: 'Tenant', schema: TenantPublic },
        404: { description: 'No such tenant', schema: ErrorResponse },
      },
    },
    (c) => {
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
  );
}

/** The contact details as the page shows them: whose they are in words, where they are not the policy's own. */
function publicContact({ said, ...contact }: TenantConfig['contact']): TenantPublic['contact'] {
  const words = contactSaid(said);
  return { ...contact, ...(words ? { said: words } : {}) };
}
