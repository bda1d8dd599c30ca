import type { Actor } from '../actor.ts';
import { newId } from '../crypto.ts';
import { ukDate } from '../deadlines.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { SearchRecord } from '../requests/search-record.ts';
import type { SystemResult } from './outcome.ts';
import type { SystemRun } from './ports.ts';
import { foundPerCategory, outcomeAt, wasSearched } from './report.ts';

/**
 * The request's search record of one connected system, from its run: where, with which identity,
 * when, by whom or automatically, and what was found. A system the centre searched through its
 * connector is `automatic` (by the system, or by the member of staff who asked for a retry); one a
 * handler searched by hand is theirs. A system that was not searched (failed, held back, still
 * waiting) has no search to record: the s.78 section of the evidence pack says why.
 */
function searchOf(
  result: SystemResult,
  run: SystemRun,
  tenant: TenantConfig,
  identity: string,
  recordedAt: string,
): SearchRecord | undefined {
  const { step, outcome } = result;
  const at = outcomeAt(outcome);
  if (!wasSearched(outcome) || !at) return undefined;
  const base = {
    id: newId(),
    systemId: step.systemId,
    place: step.systemName,
    identity,
    searchedOn: ukDate(new Date(at)),
    recordedAt,
  };
  if (outcome.state === 'resolved') {
    const { resolution } = outcome;
    const by: Actor = { type: 'staff', id: resolution.by };
    const found = resolution.reason !== 'not-held';
    const count = resolution.count === undefined ? {} : { count: resolution.count };
    return { ...base, by, automatic: false, found, ...count, note: resolution.note };
  }
  const by: Actor = run.requestedBy === 'system' ? { type: 'system' } : { type: 'staff', id: run.requestedBy };
  if (outcome.state !== 'found') return { ...base, by, automatic: true, found: false, count: 0, note: '' };
  const categories = foundPerCategory(outcome)
    .filter((p) => p.category)
    .map(({ category, count }) => `${tenant.categories.find((c) => c.id === category)?.name ?? category} (${count})`);
  return { ...base, by, automatic: true, found: outcome.count > 0, count: outcome.count, note: categories.join('; ') };
}

/**
 * What the run of an access or portability request adds to its search record when the request
 * is answered: one entry per system searched, in the plan's order. `identity` is the value the
 * systems were searched with (the person's email: the run keeps only its kind).
 */
export function searchesFromRun(input: {
  tenant: TenantConfig;
  run: SystemRun | undefined;
  identity: string;
  recordedAt: string;
}): SearchRecord[] {
  const { run } = input;
  if (run?.operation !== 'read') return [];
  return run.results.flatMap((result) => searchOf(result, run, input.tenant, input.identity, input.recordedAt) ?? []);
}
