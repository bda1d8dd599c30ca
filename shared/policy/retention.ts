import { addCalendarMonths } from '../deadlines.ts';
import type { Subject } from '../entities.ts';
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
