import { handle } from 'hono/aws-lambda';
import { lambdaClientIp } from '../http/client-ip.ts';
import { coldStart } from '../runtime.ts';
import { createPortalApp } from './app.ts';

const { deps, config } = await coldStart();

/** The subject's portal API. */
const app = createPortalApp(deps, { clientIp: lambdaClientIp(config.originSecret) });

export const handler = handle(app);
