import { formatUkDate } from '../dates.ts';
import { addCalendarMonths } from '../deadlines.ts';
import type { DataRecord, Subject } from '../entities.ts';
import type { RetentionRule } from './schema.ts';

/**
 * The UK date a record is due for deletion under the rule, or null when it cannot be known yet
 * (the relationship is ongoing, or the data is kept until consent is withdrawn).
 */
export function deletionDate(rule: RetentionRule, recordedOn: string, subject: Pick<Subject, 'relationship'>): string | null {
  switch (rule.kind) {
    case 'after-record':
      return addCalendarMonths(recordedOn, rule.months);
    case 'after-relationship':
      return subject.relationship.endedOn ? addCalendarMonths(subject.relationship.endedOn, rule.months) : null;
    case 'until-withdrawn':
      return null;
  }
}

/** Why a record has no deletion date yet, in plain words. */
export function undeterminedReason(rule: RetentionRule): string {
  switch (rule.kind) {
    case 'after-relationship':
      return 'Kept while your relationship with us (or your employer’s contract) lasts; the deletion date is set when it ends.';
    case 'until-withdrawn':
      return 'Kept until you withdraw your consent or stop all marketing.';
    case 'after-record':
      return '';
  }
}

/** A restriction (Art. 18) covers the record's category: its data is kept, not used or deleted. */
export function restricts(subject: Pick<Subject, 'restriction'>, category: string): boolean {
  const r = subject.restriction;
  return Boolean(r && (r.categories === '*' || r.categories.includes(category)));
}

/**
 * Why a record past its deletion date is kept (the retention sweep skips it), in words staff
 * read on the person's page; null when nothing keeps it. A legal hold is named first.
 */
export function keptBecause(record: Pick<DataRecord, 'category' | 'hold'>, subject: Pick<Subject, 'restriction'>): string | null {
  if (record.hold)
    return `Past its deletion date; the retention sweep skips it: under a legal hold since ${formatUkDate(record.hold.at.slice(0, 10))}: ${record.hold.reason}`;
  const r = subject.restriction;
  if (r && restricts(subject, record.category))
    return `Past its deletion date; the retention sweep skips it: restricted since ${formatUkDate(r.since.slice(0, 10))} (Art. 18): ${r.reason}`;
  return null;
}
