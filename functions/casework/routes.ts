import type { AdminFunctionRoutes } from '../admin/app.ts';
import { adminPath } from '../admin/context.ts';
import { exportRoutes } from '../admin/routes/exports.ts';
import { marketingRoutes } from '../admin/routes/marketing.ts';
import { requestRoutes } from '../admin/routes/requests.ts';

/**
 * The casework: a request's page and every action on it (starting, the connected systems' search,
 * completing, erasure and correction with their letters), logging a request, a request's exports
 * and a person's marketing choices (which name the systems a choice reaches). This is the code
 * that works with the tenant's connected systems, so it is bundled apart from sign-in, the queue,
 * people and complaints (BENCHMARKS.md, "The staff API in three functions"). On AWS its own
 * function (functions/casework/lambda.ts) behind its own API Gateway routes; locally the one staff app.
 */
export const caseworkRoutes: AdminFunctionRoutes = {
  name: 'casework',
  openapi: `${adminPath}/casework/openapi.json`,
  title: 'Privacy Centre — staff casework API',
  sets: [requestRoutes, exportRoutes, marketingRoutes],
};
