import type { AdminFunctionRoutes } from './app.ts';
import { adminPath } from './context.ts';
import { authRoutes } from './routes/auth.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { queueRoutes } from './routes/queue.ts';
import { subjectRoutes } from './routes/subjects.ts';

/**
 * The staff routes the admin function serves: signing in, the queue, a complaint's and a person's
 * page with every action on them, and imports. A request's page and actions, exports and marketing
 * are the casework function's (functions/casework/routes.ts), the rarer staff tools another's
 * (functions/staff-tools/routes.ts); this module must not import theirs, or the admin bundle would
 * carry their code again (test/infra/staff-functions.test.ts checks).
 */
export const adminFunctionRoutes: AdminFunctionRoutes = {
  name: 'admin',
  openapi: `${adminPath}/openapi.json`,
  title: 'Privacy Centre — staff admin API',
  sets: [(admin, options) => authRoutes(admin, options.clientIp), queueRoutes, complaintRoutes, subjectRoutes],
};
