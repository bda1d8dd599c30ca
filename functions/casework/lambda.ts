import { handle } from 'hono/aws-lambda';
import { dynamoSystemRunWriter } from '../adapters/dynamo/system-run-store.ts';
import { createAdminApp } from '../admin/app.ts';
import { lambdaClientIp } from '../http/client-ip.ts';
import { openApiFromAsset } from '../http/openapi-asset.ts';
import { viaCloudFrontOnly } from '../origin-guard.ts';
import { coldStart, withFreshTenants } from '../runtime.ts';
import { caseworkRoutes } from './routes.ts';

const { deps, config, tenants } = await coldStart({ systemRunWriter: dynamoSystemRunWriter });

/** The staff casework (a request's page and actions, exports, logged requests, marketing): the staff app with their routes only. */
const app = createAdminApp(deps, { clientIp: lambdaClientIp(config.originSecret), openapi: openApiFromAsset(import.meta.url) }, [
  caseworkRoutes,
]);

export const handler = viaCloudFrontOnly(config.originSecret, withFreshTenants(tenants, handle(app)));
