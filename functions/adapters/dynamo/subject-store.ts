import type { HashKeys } from '../../../shared/hash-keys.ts';
import type { SubjectStore } from '../../../shared/ports.ts';
import type { Db } from './client.ts';
import { emailChange } from './subject/email-change.ts';
import { protections } from './subject/protections.ts';
import { recordItems } from './subject/records.ts';
import { relationshipItems } from './subject/relationship.ts';
import { subjectItems } from './subject/subjects.ts';

/**
 * The subject store, one file per entity in subject/: the subject item and its email index
 * (subjects.ts), its records and their legal holds (records.ts), restrictions and objections
 * (protections.ts), the relationship dates (relationship.ts), a change of sign-in address (email-change.ts). Every change to a subject
 * rides on one transaction item (subject-item.ts: it must exist, its version moves on).
 */
export function dynamoSubjectStore(db: Db, hashKeys: HashKeys): SubjectStore {
  return {
    ...subjectItems(db, hashKeys),
    ...recordItems(db),
    ...protections(db),
    ...relationshipItems(db),
    ...emailChange(db, hashKeys),
  };
}
