import { handle } from 'hono/aws-lambda';
import { browseAudit } from '../adapters/dynamo/audit-browse.ts';
import { dynamoSystemRunWriter } from '../adapters/dynamo/system-run-store.ts';
import { createAdminApp } from '../admin/app.ts';
import { lambdaClientIp } from '../http/client-ip.ts';
import { openApiFromAsset } from '../http/openapi-asset.ts';
import { viaCloudFrontOnly } from '../origin-guard.ts';
import { coldStart, withFreshTenants } from '../runtime.ts';
import { staffToolsRoutes } from './routes.ts';

const { deps, config, tenants } = await coldStart({ auditBrowser: browseAudit, systemRunWriter: dynamoSystemRunWriter });

/** The staff tools (evidence packs, audit trail, reports, staff, systems' progress): the staff app with their routes only. */
const app = createAdminApp(deps, { clientIp: lambdaClientIp(config.originSecret), openapi: openApiFromAsset(import.meta.url) }, [
  staffToolsRoutes,
]);

export const handler = viaCloudFrontOnly(config.originSecret, withFreshTenants(tenants, handle(app)));
