import middy from '@middy/core';
import { coldStart, freshTenants } from '../runtime.ts';
import { type JobEvent, jobHandler } from './handler.ts';

const { deps, tenants, config } = await coldStart();

/** The scheduled jobs (EventBridge Scheduler, one schedule per job, `{ "job": "<name>" }`). */
export const handler = middy<JobEvent>()
  .use(freshTenants(tenants))
  .handler(jobHandler(deps, undefined, config.metricsNamespace));
