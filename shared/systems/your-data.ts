import { ukDate } from '../deadlines.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { foundPerCategory, outcomeAt } from './found.ts';
import type { SystemRun } from './ports.ts';

/** What "your data" shows of the connected systems: where the person's data is held, from the last search. */
export interface HeldInSystems {
  /** UK date of the last search's latest answer. */
  searchedOn: string;
  /**
   * `byHand`: a system without an API whose search a handler made and recorded (a manual system,
   * or one that stayed down): what it holds is the declaration's categories, counted only when the
   * handler gave a count and the declaration maps a single category.
   */
  systems: { name: string; holds: { category: string; count?: number }[]; byHand?: true }[];
}

/**
 * The systems the person's data is held in, with what each holds (centre categories and counts),
 * taken from their latest search (an access or portability request's run); undefined when no
 * system was ever searched for them. A system a handler searched by hand and recorded as dealt
 * with is named with the categories its declaration maps (with the handler's count, if they gave
 * one and there is a single category). Systems that found nothing,
 * or were not searched, are left out.
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
    systems: latest.results.flatMap((r): HeldInSystems['systems'] => {
      if (r.outcome.state === 'found' && r.outcome.count > 0)
        return [
          {
            name: r.step.systemName,
            holds: foundPerCategory(r.outcome).map(({ category, count }) => ({ category: name(category), count })),
          },
        ];
      // A handler searched it by hand and recorded what they did there (not "nothing held").
      if (r.outcome.state === 'resolved' && r.outcome.resolution.reason === 'done-by-hand') {
        const declared = [...new Set(declaredCategories(tenant, r.step.systemId))];
        // The handler's count is of the whole system: it belongs to a category only when there is one.
        const { count } = r.outcome.resolution;
        const counted = (c: string) =>
          count !== undefined && declared.length === 1 ? { category: name(c), count } : { category: name(c) };
        return [{ name: r.step.systemName, holds: declared.map(counted), byHand: true as const }];
      }
      return [];
    }),
  };
}

/**
 * The centre categories a system's declaration maps its objects to, for naming only: read from the
 * policy as declared, without the declarations' schema, which the portal does not carry (issue
 * 13's budget; the policy was checked whole before it was in force, see declared.ts). Only
 * categories the policy has are named.
 */
function declaredCategories(tenant: TenantConfig, systemId: string): string[] {
  const system = tenant.systems?.find((s) => (s as { id?: unknown } | null)?.id === systemId) as
    | { objects?: unknown }
    | undefined;
  const objects = Array.isArray(system?.objects) ? (system.objects as { category?: unknown }[]) : [];
  return objects.map((o) => o?.category).filter((c): c is string => tenant.categories.some((known) => known.id === c));
}
