/**
 * Numbers as one CloudWatch embedded-metric-format line: CloudWatch Logs turns it into metrics,
 * with no SDK call and no extra permission. Write it to stdout itself, not with console.log, so
 * the Lambda runtime adds no prefix to the JSON.
 */
export function metricLine(
  namespace: string,
  metrics: Record<string, { value: number; unit: 'Count' | 'Seconds' }>,
  properties: Record<string, string> = {},
  now = Date.now(),
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [[]],
          Metrics: Object.entries(metrics).map(([Name, { unit }]) => ({ Name, Unit: unit })),
        },
      ],
    },
    ...properties,
    ...Object.fromEntries(Object.entries(metrics).map(([name, { value }]) => [name, value])),
  });
}
