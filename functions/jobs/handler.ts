import type { Deps } from '../../shared/deps.ts';
import { isJobName, jobNames, jobs } from '../../shared/jobs/index.ts';
import { metricLine } from '../metrics.ts';

/** What EventBridge Scheduler sends: the schedule's fixed input names the job. */
export interface JobEvent {
  job: string;
}

/** Where a job's metrics go when no namespace is configured (config.ts: METRICS_NAMESPACE). */
export const LOCAL_METRICS_NAMESPACE = 'PrivacyCentre/local';

/** A job's numbers (all counts) as one CloudWatch embedded-metric-format line (see metricLine). */
export function emfLine(
  job: string,
  metrics: Record<string, number>,
  now = Date.now(),
  namespace = LOCAL_METRICS_NAMESPACE,
): string {
  const counts = Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, { value, unit: 'Count' as const }]));
  return metricLine(namespace, counts, { job }, now);
}

/**
 * Runs one scheduled job by name and returns its summary (which the Lambda logs), with its
 * metrics, if it has any. An unknown name fails loudly: a misconfigured schedule must not pass
 * silently.
 */
export function jobHandler(
  deps: Deps,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  namespace = LOCAL_METRICS_NAMESPACE,
) {
  return async (event: JobEvent) => {
    if (!isJobName(event?.job)) throw new Error(`Unknown job "${event?.job}". Jobs: ${jobNames.join(', ')}`);
    const started = Date.now();
    const job = jobs[event.job];
    const result = await job.run(deps);
    console.log(JSON.stringify({ level: 'info', msg: 'job done', job: event.job, ms: Date.now() - started, result }));
    if ('metrics' in job) write(emfLine(event.job, job.metrics(result as never), Date.now(), namespace));
    return result;
  };
}
