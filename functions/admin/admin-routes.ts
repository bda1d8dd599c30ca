import type { AdminFunctionRoutes } from './app.ts';
import { adminPath } from './context.ts';
import { authRoutes } from './routes/auth.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { exportRoutes } from './routes/exports.ts';
import { marketingRoutes } from './routes/marketing.ts';
import { requestRoutes } from './routes/requests.ts';
import { subjectRoutes } from './routes/subjects.ts';

/**
 * The staff routes the admin function serves: signing in, the queues, a request's, a complaint's
 * and a person's page with every action on them, exports, imports and marketing. The rarer staff
 * tools are another function's (functions/staff-tools/routes.ts); this module must not import them,
 * or the admin bundle would carry their code again (test/infra/stack.test.ts checks).
 */
export const adminFunctionRoutes: AdminFunctionRoutes = {
  name: 'admin',
  openapi: `${adminPath}/openapi.json`,
  title: 'Privacy Centre — staff admin API',
  sets: [
    (admin, options) => authRoutes(admin, options.clientIp),
    requestRoutes,
    complaintRoutes,
    exportRoutes,
    subjectRoutes,
    marketingRoutes,
  ],
};
