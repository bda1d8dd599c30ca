import { reportCsv, requestReport } from '../../../shared/admin/reports.ts';
import { ReportQuery, ReportResponse } from '../../../shared/admin-api.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

export function reportRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'staff reports';
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/reports`,
      tag,
      access: staffAccess('read'),
      summary: 'Requests by kind and status, median days to answer, share answered on time, overdue now',
      responses: {
        200: { description: 'The report', schema: ReportResponse },
        400: { description: 'Bad range', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await requestReport(deps, c.get('staff'), parseQuery(c, ReportQuery))),
  );
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/reports.csv`,
      tag,
      access: staffAccess('read'),
      summary: 'The same report as CSV',
      responses: { 200: { description: 'text/csv attachment' } },
    },
    async (c) => {
      const range = parseQuery(c, ReportQuery);
      const ctx = c.get('staff');
      const report = await requestReport(deps, ctx, range);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="requests-${ctx.tenant.slug}-${range.from}-to-${range.to}.csv"`);
      return c.body(reportCsv(ctx.tenant.slug, report));
    },
  );
}
