import middy from '@middy/core';
import { jobStores } from '../adapters/dynamo/job-stores.ts';
import { coldStart, freshTenants } from '../runtime.ts';
import { type JobEvent, jobHandler } from './handler.ts';

const { deps, tenants, config } = await coldStart({ jobStores });

/** The scheduled jobs (EventBridge Scheduler, one schedule per job, `{ "job": "<name>" }`). */
export const handler = middy<JobEvent>()
  .use(freshTenants(tenants))
  .handler(jobHandler(deps, undefined, config.metricsNamespace));
