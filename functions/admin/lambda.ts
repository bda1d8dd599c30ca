import { handle } from 'hono/aws-lambda';
import { lambdaClientIp } from '../http/client-ip.ts';
import { viaCloudFrontOnly } from '../origin-guard.ts';
import { coldStart, withFreshTenants } from '../runtime.ts';
import { createAdminApp } from './app.ts';

const { deps, config, tenants } = await coldStart();

/** The staff admin API: its own function, role and logs, behind the same HTTP API. */
const app = createAdminApp(deps, { clientIp: lambdaClientIp(config.originSecret) });

export const handler = viaCloudFrontOnly(config.originSecret, withFreshTenants(tenants, handle(app)));
