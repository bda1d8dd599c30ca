import type { AdminFunctionRoutes } from '../admin/app.ts';
import { adminPath } from '../admin/context.ts';
import { staffDownloadPages } from '../admin/download-pages.tsx';
import { auditRoutes } from '../admin/routes/audit.ts';
import { evidenceRoutes } from '../admin/routes/evidence.ts';
import { reportRoutes } from '../admin/routes/reports.ts';
import { staffRoutes } from '../admin/routes/staff.ts';
import { systemsRoutes } from '../admin/routes/systems.ts';

/**
 * The staff tools: routes used now and then, whose code is a large part of the staff API's and
 * need not load with every sign-in and queue (BENCHMARKS.md, "The staff API in two functions"):
 * the evidence packs, the audit trail, the reports, staff management and the connected systems'
 * progress. Every download a browser opens as a link is here, so the page it answers when signed
 * out or refused (and the page renderer) is too. On AWS their own function
 * (functions/staff-tools/lambda.ts) behind their own API Gateway routes; locally the one staff app.
 */
export const staffToolsRoutes: AdminFunctionRoutes = {
  name: 'staff-tools',
  openapi: `${adminPath}/tools/openapi.json`,
  title: 'Privacy Centre — staff tools API',
  sets: [
    // A download opened as a link, signed out or refused, answers a page, not JSON: before the routes.
    ({ app }) => staffDownloadPages(app),
    evidenceRoutes,
    auditRoutes,
    reportRoutes,
    staffRoutes,
    systemsRoutes,
  ],
};
