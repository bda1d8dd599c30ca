import type { SubjectStore } from '../../../../shared/ports.ts';
import type { Db } from '../client.ts';
import { transact } from '../commands.ts';
import { effectItems } from '../effects.ts';
import { subjectChange } from './subject-item.ts';

/** The subject's relationship dates, on the subject item, with their audit in the same transaction. */
export function relationshipItems(db: Db): Pick<SubjectStore, 'setRelationship'> {
  return {
    async setRelationship({ tenant, subjectId, relationship, effects }) {
      await transact(db, [
        subjectChange(db.table, tenant, subjectId, {
          set: ['relationship = :r'],
          values: { ':r': relationship },
          version: 'keep',
        }),
        ...effectItems(db.table, tenant, effects),
      ]);
    },
  };
}
