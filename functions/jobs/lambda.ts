import middy from '@middy/core';
import { coldStart } from '../runtime.ts';
import { type JobEvent, jobHandler } from './handler.ts';

const { deps } = await coldStart();

/** The scheduled jobs (EventBridge Scheduler, one schedule per job, `{ "job": "<name>" }`). */
export const handler = middy<JobEvent>().handler(jobHandler(deps));
