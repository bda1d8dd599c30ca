import type { SystemOutcome } from './outcome.ts';

/**
 * When a system's outcome came and what it found per category: all that "your data" and the staff
 * person page need of a run, apart from the rest of `report.ts` (so the admin API's bundle does
 * not carry the run's reporting; test/infra/staff-functions.test.ts).
 */

/** When the outcome came, if it says. */
export function outcomeAt(outcome: SystemOutcome): string | undefined {
  switch (outcome.state) {
    case 'found':
    case 'not-found':
    case 'failed':
    case 'done':
      return outcome.at;
    case 'searching':
      return outcome.startedAt;
    case 'resolved':
      return outcome.resolution.at;
    default:
      return undefined;
  }
}

/** Records found per centre category, in the order met. */
export function foundPerCategory(outcome: SystemOutcome): { category: string; count: number }[] {
  if (outcome.state !== 'found') return [];
  const counts = new Map<string, number>();
  for (const record of outcome.records) counts.set(record.category, (counts.get(record.category) ?? 0) + 1);
  // A run whose records were taken out on erasure keeps only the total.
  if (counts.size === 0 && outcome.count > 0) return [{ category: '', count: outcome.count }];
  return [...counts].map(([category, count]) => ({ category, count }));
}
