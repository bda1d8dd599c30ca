import { auditCsv, browseAuditTrail, exportAuditTrail } from '../../../shared/admin/audit-view.ts';
import { staffActor } from '../../../shared/admin/context.ts';
import { AuditExportQuery, AuditPage, AuditQuery, AuditVerifyResponse } from '../../../shared/admin-api.ts';
import { verifyAuditTrail } from '../../../shared/audit/chain.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

export function auditRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'audit trail';
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/audit/verify`,
      tag,
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
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/audit/events`,
      tag,
      access: staffAccess('read-audit'),
      summary: 'A page of the audit trail, newest first, filtered by person, request, staff member, kind and days (audited)',
      responses: {
        200: { description: 'The page; `next` reads on', schema: AuditPage },
        400: { description: 'A bad filter', schema: ErrorResponse },
        404: { description: 'No one with that address', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await browseAuditTrail(deps, c.get('staff'), parseQuery(c, AuditQuery))),
  );
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/audit/export`,
      tag,
      access: staffAccess('read-audit'),
      summary: 'Every event the filters match, with a fresh check of the whole chain, as CSV or JSON (audited)',
      responses: {
        200: { description: 'text/csv or application/json attachment' },
        400: { description: 'A bad filter', schema: ErrorResponse },
      },
    },
    async (c) => {
      const { format, ...filter } = parseQuery(c, AuditExportQuery);
      const ctx = c.get('staff');
      const result = await exportAuditTrail(deps, ctx, filter, format);
      const name = `audit-${ctx.tenant.slug}-${result.exportedAt.slice(0, 10)}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'json') return c.json(result);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(auditCsv(result));
    },
  );
}
