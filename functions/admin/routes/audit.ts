import { auditCsv, browseAuditTrail, exportAuditTrail } from '../../../shared/admin/audit-view.ts';
import { staffActor } from '../../../shared/admin/context.ts';
import { AuditExportQuery, AuditPage, AuditQuery, AuditVerifyResponse } from '../../../shared/admin-api.ts';
import { verifyAuditTrail } from '../../../shared/audit/chain.ts';
import { attachment, errorReply, reply, routeGroup } from '../../http/route-group.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

export function auditRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'audit trail');
  const badFilter = errorReply('A bad filter');
  const noSuch = errorReply('No one with that address, or no request with that reference');

  route.get(`${adminPath}/audit/verify`, {
    access: staffAccess('read'),
    summary: "Check the tenant's hash-chained audit trail; reports the first broken link",
    responses: { 200: reply('The result', AuditVerifyResponse) },
    handler: async (c) => {
      const ctx = c.get('staff');
      const result = await verifyAuditTrail(deps.trail, ctx.tenant.slug);
      await deps.audit.commit(ctx.tenant.slug, {
        audit: [
          { action: 'staff.verified_audit_trail', actor: staffActor(ctx), detail: { ok: result.ok, checked: result.checked } },
        ],
      });
      return c.json(result);
    },
  });

  route.get(`${adminPath}/audit/events`, {
    access: staffAccess('read-audit'),
    summary: 'A page of the audit trail, newest first, filtered by person, request, staff member, kind and days (audited)',
    responses: {
      200: reply('The page; `next` reads on', AuditPage),
      400: badFilter,
      404: noSuch,
    },
    handler: async (c) => c.json(await browseAuditTrail(deps, c.get('staff'), parseQuery(c, AuditQuery))),
  });

  route.get(`${adminPath}/audit/export`, {
    access: staffAccess('read-audit'),
    summary: 'Every event the filters match, with a fresh check of the whole chain, as CSV or JSON (audited)',
    responses: { 200: reply('text/csv or application/json attachment'), 400: badFilter, 404: noSuch },
    handler: async (c) => {
      const { format, ...filter } = parseQuery(c, AuditExportQuery);
      const ctx = c.get('staff');
      const result = await exportAuditTrail(deps, ctx, filter, format);
      attachment(c, `audit-${ctx.tenant.slug}-${result.exportedAt.slice(0, 10)}.${format}`);
      if (format === 'json') return c.json(result);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(auditCsv(result));
    },
  });
}
