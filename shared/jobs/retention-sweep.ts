import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { DataRecord } from '../entities.ts';
import { endedBy, erasureKeepReason } from '../fulfilment/erasure-keep.ts';
import { deletionDate, restricts } from '../policy/retention.ts';
import type { TenantConfig } from '../policy/schema.ts';

export interface SweepResult {
  tenant: string;
  subjectsChecked: number;
  recordsDeleted: number;
  recordsHeld: number;
  /** Past their date but kept because a restriction (Art. 18) covers them. */
  recordsRestricted: number;
  subjectsRemoved: number;
}

/** Per transaction: each deleted record and its audit event are two items. */
const BATCH = 45;

/**
 * Deletes every record past the retention its category has in the tenant's policy (call
 * recordings after 3 months, CVs after the consideration period, everything so long after the
 * relationship ends), except records under a legal hold or a restriction (Art. 18: kept, not
 * used, while it stands; the person's staff page says why each is kept); one audit event per record deleted.
 * A subject left with no records, no consent history and a relationship that has ended goes
 * too (as does the tombstone of an erasure once its kept records are gone). Safe to run often.
 */
export async function retentionSweep(deps: Deps, tenant: TenantConfig): Promise<SweepResult> {
  const slug = tenant.slug;
  const today = ukDate(deps.clock.now());
  const result: SweepResult = {
    tenant: slug,
    subjectsChecked: 0,
    recordsDeleted: 0,
    recordsHeld: 0,
    recordsRestricted: 0,
    subjectsRemoved: 0,
  };
  for (const subjectId of await deps.subjects.listIds(slug)) {
    const subject = await deps.subjects.get(slug, subjectId);
    if (!subject) continue;
    result.subjectsChecked++;
    const records = await deps.subjects.listRecords(slug, subjectId);
    const due: { record: DataRecord; on: string }[] = [];
    // An erased person's records were kept only for a reason (a hold, an obligation): once it no
    // longer applies, the erasure they asked for reaches them. Their relationship ended with the
    // erasure, if no end was recorded before (an erasure made before the centre recorded it).
    const erased = subject.erasedAt ? endedBy(subject, true, ukDate(new Date(subject.erasedAt))) : undefined;
    for (const record of records) {
      const category = tenant.categories.find((c) => c.id === record.category);
      // A legal hold is one of the erasure's reasons to keep (erasureKeepReason asks it first).
      const kept = erased && erasureKeepReason(category, record, erased, today);
      const on = erased && !kept ? today : category ? deletionDate(category.retention.rule, record.recordedOn, subject) : null;
      if (on === null || on > today) continue;
      if (record.hold) result.recordsHeld++;
      else if (restricts(subject, record.category)) result.recordsRestricted++;
      else due.push({ record, on });
    }
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      await deps.subjects.deleteRecords({
        tenant: slug,
        subjectId,
        records: batch.map((d) => d.record),
        effects: {
          audit: batch.map(({ record, on }) => ({
            action: 'retention.record_deleted',
            actor: { type: 'system' } as const,
            subjectId,
            detail: { recordId: record.id, category: record.category, recordedOn: record.recordedOn, dueOn: on },
          })),
        },
      });
      result.recordsDeleted += batch.length;
    }
    const left = records.length - due.length;
    const ended = subject.erasedAt || (subject.relationship.endedOn && subject.relationship.endedOn <= today);
    if (left === 0 && ended && (await deps.consents.list(slug, subjectId)).length === 0) {
      await deps.sessions.revokeAllOf(slug, subjectId, { audit: [] });
      await deps.tokens.revokeAllOf(slug, subjectId);
      await deps.subjects.remove({
        tenant: slug,
        subject,
        tombstone: false,
        effects: {
          audit: [
            {
              action: 'retention.subject_removed',
              actor: { type: 'system' },
              subjectId,
              detail: { erased: Boolean(subject.erasedAt) },
            },
          ],
        },
      });
      result.subjectsRemoved++;
    }
  }
  return result;
}
