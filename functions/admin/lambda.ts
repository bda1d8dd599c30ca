import { handle } from 'hono/aws-lambda';
import { lambdaClientIp } from '../http/client-ip.ts';
import { openApiFromAsset } from '../http/openapi-asset.ts';
import { viaCloudFrontOnly } from '../origin-guard.ts';
import { coldStart, withFreshTenants } from '../runtime.ts';
import { adminFunctionRoutes } from './admin-routes.ts';
import { createAdminApp } from './app.ts';

// No run writer: starting and acting on connected systems' runs is the casework function's.
const { deps, config, tenants } = await coldStart();

/** The staff admin API: its own function, role and logs, behind the same HTTP API; the casework and the staff tools are others'. */
const app = createAdminApp(deps, { clientIp: lambdaClientIp(config.originSecret), openapi: openApiFromAsset(import.meta.url) }, [
  adminFunctionRoutes,
]);

export const handler = viaCloudFrontOnly(config.originSecret, withFreshTenants(tenants, handle(app)));
