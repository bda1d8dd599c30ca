import type { Deps } from '../../shared/deps.ts';
import { isJobName, jobNames, jobs } from '../../shared/jobs/index.ts';

/** What EventBridge Scheduler sends: the schedule's fixed input names the job. */
export interface JobEvent {
  job: string;
}

/** Where a job's metrics go when no namespace is configured (config.ts: METRICS_NAMESPACE). */
export const LOCAL_METRICS_NAMESPACE = 'PrivacyCentre/local';

/**
 * A job's numbers as one CloudWatch embedded-metric-format line: CloudWatch Logs turns it into
 * metrics, with no SDK call and no extra permission. Written to stdout itself, not console.log,
 * so the Lambda runtime adds no prefix to the JSON.
 */
export function emfLine(
  job: string,
  metrics: Record<string, number>,
  now = Date.now(),
  namespace = LOCAL_METRICS_NAMESPACE,
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [[]],
          Metrics: Object.keys(metrics).map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    job,
    ...metrics,
  });
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
