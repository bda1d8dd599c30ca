import { handle } from 'hono/aws-lambda';
import { lambdaClientIp } from '../http/client-ip.ts';
import { openApiFromAsset } from '../http/openapi-asset.ts';
import { viaCloudFrontOnly } from '../origin-guard.ts';
import { coldStart, withFreshTenants } from '../runtime.ts';
import { createPortalApp } from './app.ts';

const { deps, config, tenants } = await coldStart();

/** The subject's portal API. */
const app = createPortalApp(deps, {
  clientIp: lambdaClientIp(config.originSecret),
  mailerSecrets: config.mailerSecrets,
  openapi: openApiFromAsset(import.meta.url),
});

export const handler = viaCloudFrontOnly(config.originSecret, withFreshTenants(tenants, handle(app)));
