import { staffActor } from '../../../shared/admin/context.ts';
import { AuditVerifyResponse } from '../../../shared/admin-api.ts';
import { verifyAuditTrail } from '../../../shared/audit/chain.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

export function auditRoutes({ app, routes, deps }: AdminRoutes): void {
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/audit/verify`,
      tag: 'audit trail',
      access: staffAccess('read'),
      summary: "Check the tenant's hash-chained audit trail; reports the first broken link",
      responses: { 200: { description: 'The result', schema: AuditVerifyResponse } },
    },
    async (c) => {
      const ctx = c.get('staff');
      const result = await verifyAuditTrail(deps.trail, ctx.tenant.slug);
      await deps.audit.commit(ctx.tenant.slug, {
        audit: [
          { action: 'staff.verified_audit_trail', actor: staffActor(ctx), detail: { ok: result.ok, checked: result.checked } },
        ],
      });
      return c.json(result);
    },
  );
}
