import { reportCsv, requestReport } from '../../../shared/admin/reports.ts';
import { ReportQuery, ReportResponse } from '../../../shared/admin-api.ts';
import { attachment, errorReply, reply, routeGroup } from '../../http/route-group.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

export function reportRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff reports');

  route.get(`${adminPath}/reports`, {
    access: staffAccess('read'),
    summary: 'Requests by kind and status, median days to answer, share answered on time, overdue now',
    responses: { 200: reply('The report', ReportResponse), 400: errorReply('Bad range') },
    handler: async (c) => c.json(await requestReport(deps, c.get('staff'), parseQuery(c, ReportQuery))),
  });

  route.get(`${adminPath}/reports.csv`, {
    access: staffAccess('read'),
    summary: 'The same report as CSV',
    responses: { 200: reply('text/csv attachment') },
    handler: async (c) => {
      const range = parseQuery(c, ReportQuery);
      const ctx = c.get('staff');
      const report = await requestReport(deps, ctx, range);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      attachment(c, `requests-${ctx.tenant.slug}-${range.from}-to-${range.to}.csv`);
      return c.body(reportCsv(ctx.tenant.slug, report));
    },
  });
}
