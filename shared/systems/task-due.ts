/**
 * When a handler's task in a system falls due: `days` after now, but never after the request's own
 * due date, so that a task done "on time" cannot make the answer late (found in a user trial: tasks
 * due the day after the request). Past that date already, the task is due now. The date is held at
 * midday UTC, which is that same date in the UK in any season.
 */
export function taskDueAt(now: string, days: number, requestDueOn?: string): string {
  const within = new Date(Date.parse(now) + days * 86_400_000).toISOString();
  if (!requestDueOn) return within;
  const last = `${requestDueOn}T12:00:00.000Z`;
  if (last >= within) return within;
  return last > now ? last : now;
}
