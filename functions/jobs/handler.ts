import { isJobName, jobNames, jobs } from '../../shared/jobs/index.ts';
import type { Deps } from '../../shared/ports.ts';

/** What EventBridge Scheduler sends: the schedule's fixed input names the job. */
export interface JobEvent {
  job: string;
}

/**
 * Runs one scheduled job by name and returns its summary (which the Lambda logs). An unknown
 * name fails loudly: a misconfigured schedule must not pass silently.
 */
export function jobHandler(deps: Deps) {
  return async (event: JobEvent) => {
    if (!isJobName(event?.job)) throw new Error(`Unknown job "${event?.job}". Jobs: ${jobNames.join(', ')}`);
    const started = Date.now();
    const result = await jobs[event.job].run(deps);
    console.log(JSON.stringify({ level: 'info', msg: 'job done', job: event.job, ms: Date.now() - started, result }));
    return result;
  };
}
