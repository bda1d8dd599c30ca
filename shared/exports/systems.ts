import type { DataRecord } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { SearchRecord } from '../requests/search-record.ts';
import { centreField } from '../systems/cross-checks.ts';
import { systemsOf } from '../systems/declared.ts';
import type { SystemResult } from '../systems/outcome.ts';
import type { SystemRun } from '../systems/ports.ts';
import { foundPerCategory, outcomeAt } from '../systems/report.ts';

/**
 * A record of the export: the centre's own, or one a connected system holds (`heldIn` names it,
 * and the kind of object it is there, as the system's declaration maps it).
 */
export type ExportRecord = DataRecord & { heldIn?: { id: string; name: string; object?: string } };

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
        heldIn: { id: step.systemId, name: step.systemName, object: record.object },
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

/**
 * A connected system's record's data as its category's CSV holds it, so that a column keeps one
 * meaning. A vendor's field whose name is also one of the category's columns (`columns`: the
 * policy's field ids) stays under it unless the system's declaration says it means something
 * else: it maps that field to another centre field (HaloPSA's `title` is the job title,
 * `employment.jobTitle`, not the honorific "Title"), or maps the column's field to another of its
 * own fields. Such a field gets a column of its own, named by the field it means ("Job title"),
 * or else by its own name and the system's ("title (HaloPSA)"). data.json keeps the system's own
 * field names, under the record's source.
 */
export function systemCsvData(tenant: TenantConfig, record: ExportRecord, columns: readonly string[]): DataRecord['data'] {
  const { heldIn } = record;
  if (!heldIn) return record.data;
  const mapping =
    systemsOf(tenant)
      .find((s) => s.id === heldIn.id)
      ?.objects.find((o) => o.object === heldIn.object && o.category === record.category)?.fields ?? {};
  const mapped = Object.entries(mapping);
  if (mapped.length === 0) return record.data;
  const labels = new Set(tenant.categories.find((c) => c.id === record.category)?.fields.map((f) => f.label));
  const data: DataRecord['data'] = {};
  const moved: [string, DataRecord['data'][string]][] = [];
  for (const [key, value] of Object.entries(record.data)) {
    if (!columns.includes(key)) {
      data[key] = value;
      continue;
    }
    const means = mapped.filter(([, own]) => own === key).map(([centre]) => centreField(centre, record.category));
    const meansColumn = means.some((m) => m.category === record.category && m.field === key);
    const columnIsElsewhere = mapping[key] !== undefined && mapping[key] !== key;
    if (meansColumn || (means.length === 0 && !columnIsElsewhere)) {
      data[key] = value;
      continue;
    }
    const other = means[0] && tenant.categories.find((c) => c.id === means[0]!.category);
    const label = other?.fields.find((f) => f.id === means[0]!.field)?.label;
    let name = label && !labels.has(label) && !columns.includes(label) ? label : `${label ?? key} (${heldIn.name})`;
    while (name in record.data || columns.includes(name)) name = `${name} (${heldIn.name})`;
    moved.push([name, value]);
  }
  for (const [name, value] of moved) data[name] = value;
  return data;
}

/** The latest count of records a member of staff recorded for their search of a system by hand. */
export function staffCount(searches: readonly SearchRecord[] | undefined, systemId: string): number | undefined {
  const counted = (searches ?? []).filter(
    (s) => s.systemId === systemId && !s.automatic && s.found && s.count !== undefined && s.count > 0,
  );
  return counted.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).at(-1)?.count;
}

/**
 * What a system holds about the person that this export's files do not: what staff found there by
 * hand (with the count they recorded, if they did), or records a system found that the run no
 * longer holds. Undefined when everything found there is in the export (or nothing was found).
 */
export function heldNotInExport(
  result: SystemResult,
  searches?: readonly SearchRecord[],
): { byHand: boolean; count?: number } | undefined {
  const { outcome } = result;
  if (outcome.state === 'resolved' && outcome.resolution.reason === 'done-by-hand') {
    const count = outcome.resolution.count ?? staffCount(searches, result.step.systemId);
    return count === undefined ? { byHand: true } : { byHand: true, count };
  }
  if (outcome.state === 'found' && outcome.count > outcome.records.length)
    return { byHand: false, count: outcome.count - outcome.records.length };
  return undefined;
}

/** A handler's resolution as the person may be told it (a search's run): never their own words. */
const resolutionDescriptions = {
  'done-by-hand': 'searched by hand by our staff',
  'not-held': 'searched by hand by our staff: nothing about you is held there',
  unreachable: 'not searched: the system could not be reached',
  'legal-hold': 'not searched: it was set aside by our staff',
  'retention-obligation': 'not searched: it was set aside by our staff',
} as const;

/**
 * A system's result as data.json states it: no record contents, no identity value, and of a
 * handler's resolution only its outcome and when (their note is staff's, not the person's).
 * `inThisExport` says whether what was found there is in this export's files.
 */
export function systemFacts(
  run: SystemRun | undefined,
  searches?: readonly SearchRecord[],
  /** A portability export's categories: found records of other categories are not in its files. */
  inScope?: { has(category: string): boolean },
) {
  return (run?.results ?? []).map((result) => {
    const { step, outcome } = result;
    const missing = heldNotInExport(result, searches);
    const left = outcome.state === 'found' && inScope ? outcome.records.filter((r) => !inScope.has(r.category)).length : 0;
    return {
      id: step.systemId,
      name: step.systemName,
      searchedWith: step.identity,
      automatic: step.automatic,
      result: outcome.state,
      ...(outcome.state === 'found'
        ? {
            recordCount: outcome.count,
            categories: foundPerCategory(outcome),
            inThisExport: !missing && left === 0,
            ...(missing || left ? { recordsInThisExport: outcome.records.length - left } : {}),
          }
        : {}),
      ...(outcome.state === 'resolved'
        ? {
            resolution: {
              reason: outcome.resolution.reason,
              description: resolutionDescriptions[outcome.resolution.reason],
            },
            ...(missing?.count !== undefined ? { recordCount: missing.count } : {}),
            ...(missing ? { inThisExport: false } : {}),
          }
        : {}),
      ...(outcome.state === 'failed' ? { reason: outcome.reason } : {}),
      at: outcomeAt(outcome) ?? null,
    };
  });
}
