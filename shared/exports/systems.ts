import type { DataRecord } from '../entities.ts';
import type { SystemRun } from '../systems/ports.ts';
import { foundPerCategory, outcomeAt } from '../systems/report.ts';

/** A record of the export: the centre's own, or one a connected system holds (`heldIn` names it). */
export type ExportRecord = DataRecord & { heldIn?: { id: string; name: string } };

/** The CSV column that names a connected system's record's source (centre records leave it empty). */
export const SOURCE_COLUMN = 'Held in';

/** The records each system of the request's run found, as export records under their centre category. */
export function systemRecords(run: SystemRun | undefined): ExportRecord[] {
  const out: ExportRecord[] = [];
  for (const { step, outcome } of run?.results ?? []) {
    if (outcome.state !== 'found') continue;
    for (const record of outcome.records) {
      out.push({
        id: `${step.systemId}/${record.ref}`,
        category: record.category,
        recordedOn: record.createdAt?.slice(0, 10) ?? '',
        data: record.data as DataRecord['data'],
        heldIn: { id: step.systemId, name: step.systemName },
      });
    }
  }
  return out;
}

/** The order the store yields categories in (`REC#<category>#<id>`), as records.ts slots the ledger. */
const storeOrder = (category: string) => `${category}#`;

/**
 * The centre's records with the systems' records slotted in, each after the centre's own records
 * of its category, so the stream stays grouped by category in the store's order. The systems'
 * records are the run's (already in memory); the centre's still come a page at a time.
 */
export async function* withSystemRecords(
  records: AsyncIterable<DataRecord>,
  extra: readonly ExportRecord[],
): AsyncGenerator<ExportRecord> {
  const groups = new Map<string, ExportRecord[]>();
  for (const record of extra) groups.set(record.category, [...(groups.get(record.category) ?? []), record]);
  const pending = [...groups].sort(([a], [b]) => storeOrder(a).localeCompare(storeOrder(b)));
  for await (const record of records) {
    while (pending.length > 0 && storeOrder(pending[0]![0]) < storeOrder(record.category)) yield* pending.shift()![1];
    yield record;
  }
  for (const [, group] of pending) yield* group;
}

/** A system's result as data.json states it: no record contents, no identity value. */
export function systemFacts(run: SystemRun | undefined) {
  return (run?.results ?? []).map(({ step, outcome }) => ({
    id: step.systemId,
    name: step.systemName,
    searchedWith: step.identity,
    automatic: step.automatic,
    result: outcome.state,
    ...(outcome.state === 'found' ? { recordCount: outcome.count, categories: foundPerCategory(outcome) } : {}),
    ...(outcome.state === 'resolved' ? { resolution: { reason: outcome.resolution.reason, note: outcome.resolution.note } } : {}),
    ...(outcome.state === 'failed' ? { reason: outcome.reason } : {}),
    at: outcomeAt(outcome) ?? null,
  }));
}
