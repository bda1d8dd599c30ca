import { holdWording } from '../data-tools/hold-wording.ts';
import type { DataRecord, Subject } from '../entities.ts';
import { deletionDate } from '../policy/retention.ts';
import type { Category } from '../policy/schema.ts';

/**
 * Why an erasure keeps a record, or undefined: a legal hold, or a retention obligation of the
 * policy whose time has not run out. The retention sweep asks it again of an erased person's kept
 * records, so that each goes once its reason no longer applies, as the letter promised.
 */
export function erasureKeepReason(
  category: Category | undefined,
  record: DataRecord,
  subject: Pick<Subject, 'relationship'>,
  today: string,
) {
  // The person's wording only: the internal reason may name a claim they must not learn of.
  if (record.hold) return { reason: holdWording(record.hold), until: null };
  if (category?.keepOnErasure) {
    const until = deletionDate(category.retention.rule, record.recordedOn, subject);
    if (until === null || until > today) return { reason: category.keepOnErasure, until };
  }
  return undefined;
}

/** The subject as a whole erasure leaves it: its relationship ended today, unless it had ended already. */
export function endedBy<T extends Pick<Subject, 'relationship'>>(subject: T, whole: boolean, today: string): T {
  if (!whole || subject.relationship.endedOn) return subject;
  return { ...subject, relationship: { ...subject.relationship, endedOn: today } };
}
