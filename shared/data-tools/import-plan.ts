import { canonicalJson } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { DataRecord, Subject } from '../entities.ts';
import type { HashKeys } from '../hash-keys.ts';
import type { Category } from '../policy/schema.ts';
import { relationshipChanges, relationshipOf } from '../relationship.ts';
import type { ImportRow } from './import-rows.ts';

/** Planning an import: what each checked row would do against what the table holds now (reads only). */

/** Rows of different people are written side by side, each person's rows in file order. */
export const PARALLEL = 8;

/**
 * The id of an imported record: the same tenant, system, category and source key always give
 * the same id, so a re-import finds the record it made. Keyed (HASH_KEY), so that a source key
 * that is itself personal data (an email used as a CRM key) cannot be guessed back from an id
 * that outlives the record in the audit trail.
 */
export function importedRecordId(keys: HashKeys, tenant: string, system: string, category: string, sourceKey: string): string {
  return importedRecordIds(keys, tenant, system, category, sourceKey)[0]!;
}

/**
 * The ids the record may have been imported under, newest HASH_KEY version first: a record keeps
 * the id it was made with (ids are referenced; the re-key job leaves them), so a re-import after
 * a rotation still finds it.
 */
export function importedRecordIds(keys: HashKeys, tenant: string, system: string, category: string, sourceKey: string): string[] {
  return keys
    .every(canonicalJson(['import-record', tenant, system, category, sourceKey]))
    .map((hash) => `imp-${hash.replace(/^k\d+:/, '').slice(0, 32)}`);
}

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface Planned {
  row: ImportRow;
  record: DataRecord;
  outcome: Outcome;
  previous?: DataRecord;
}

export interface PersonPlan {
  email: string;
  /** Undefined: a new subject, made with their first row. */
  subjectId?: string;
  rows: Planned[];
  /** A person already here whose relationship dates the file changes: the dates before and after. */
  relationship?: { before: Subject['relationship']; after: Subject['relationship'] };
}

export const same = (a: DataRecord, b: DataRecord) =>
  a.category === b.category &&
  a.recordedOn === b.recordedOn &&
  canonicalJson(a.data) === canonicalJson(b.data) &&
  canonicalJson(a.source ?? null) === canonicalJson(b.source ?? null);

export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

/** What each row would do against what the table holds now (reads only). */
export async function plan(
  deps: Deps,
  slug: string,
  category: Category,
  system: string,
  rows: ImportRow[],
): Promise<PersonPlan[]> {
  const people = new Map<string, PersonPlan>();
  for (const row of rows) {
    const person = people.get(row.email) ?? { email: row.email, rows: [] };
    people.set(row.email, person);
    const record: DataRecord = {
      id: importedRecordId(deps.settings.hashKeys, slug, system, category.id, row.sourceKey),
      category: category.id,
      recordedOn: row.recordedOn,
      data: row.data,
      source: { system, key: row.sourceKey },
    };
    person.rows.push({ row, record, outcome: 'created' });
  }
  await inParallel([...people.values()], PARALLEL, async (person) => {
    person.subjectId = await deps.subjects.findIdByEmail(slug, person.email);
    if (!person.subjectId) return;
    const subject = await deps.subjects.get(slug, person.subjectId);
    // The other system's dates (the last row that gives one wins) replace ours; a blank changes nothing.
    const given: ImportRow['relationship'] = {};
    for (const p of person.rows) Object.assign(given, p.row.relationship);
    if (subject && !subject.erasedAt && (given.startedOn || given.endedOn || given.kind)) {
      const before = subject.relationship;
      const after = relationshipOf(
        given.startedOn ?? before.startedOn,
        given.endedOn ?? before.endedOn,
        given.kind ?? before.kind,
      );
      if (after.endedOn && after.endedOn < after.startedOn) delete after.endedOn;
      if (relationshipChanges(before, after).length > 0) person.relationship = { before, after };
    }
    const held = new Map((await deps.subjects.listRecords(slug, person.subjectId)).map((r) => [r.id, r]));
    for (const p of person.rows) {
      const ids = importedRecordIds(deps.settings.hashKeys, slug, system, category.id, p.row.sourceKey);
      p.previous = ids.map((id) => held.get(id)).find((r) => r !== undefined);
      if (p.previous) {
        // Made before a HASH_KEY rotation: it keeps its id.
        p.record.id = p.previous.id;
        p.outcome = same(p.previous, p.record) ? 'unchanged' : 'updated';
        // A re-import keeps a legal hold the record is under.
        if (p.previous.hold) p.record.hold = p.previous.hold;
      }
    }
  });
  return [...people.values()];
}
