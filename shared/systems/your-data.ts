import { ukDate } from '../deadlines.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { SystemRun } from './ports.ts';
import { foundPerCategory, outcomeAt } from './report.ts';

/** What "your data" shows of the connected systems: where the person's data is held, from the last search. */
export interface HeldInSystems {
  /** UK date of the last search's latest answer. */
  searchedOn: string;
  systems: { name: string; holds: { category: string; count: number }[] }[];
}

/**
 * The systems the person's data is held in, with what each holds (centre categories and counts),
 * taken from their latest search (an access or portability request's run); undefined when no
 * system was ever searched for them. Systems that found nothing, or were not searched, are left out.
 */
export function heldInSystems(tenant: TenantConfig, runs: readonly SystemRun[]): HeldInSystems | undefined {
  const latest = runs.find((run) => run.operation === 'read' && run.results.some((r) => outcomeAt(r.outcome)));
  if (!latest) return undefined;
  const name = (id: string) => tenant.categories.find((c) => c.id === id)?.name ?? (id || 'Records');
  const times = latest.results
    .map((r) => outcomeAt(r.outcome) ?? '')
    .filter(Boolean)
    .sort();
  return {
    searchedOn: ukDate(new Date(times.at(-1) ?? latest.updatedAt)),
    systems: latest.results
      .filter((r) => r.outcome.state === 'found' && r.outcome.count > 0)
      .map((r) => ({
        name: r.step.systemName,
        holds: foundPerCategory(r.outcome).map(({ category, count }) => ({ category: name(category), count })),
      })),
  };
}
