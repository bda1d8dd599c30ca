import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SubjectStore } from '../../../../shared/ports.ts';
import type { Db } from '../client.ts';
import { transact } from '../commands.ts';
import { effectItems } from '../effects.ts';
import { keys } from '../keys.ts';
import { subjectChange } from './subject-item.ts';

/** What limits the use of a subject's data, kept on the subject item: a restriction, upheld objections. */
export function protections(db: Db): Pick<SubjectStore, 'setRestriction' | 'addObjection'> {
  return {
    async setRestriction({ tenant, subjectId, restriction, effects }) {
      const change = restriction ? { set: ['restriction = :r'], values: { ':r': restriction } } : { remove: ['restriction'] };
      await transact(db, [
        subjectChange(db.table, tenant, subjectId, { ...change, version: 'keep' }),
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async addObjection({ tenant, subjectId, category, objection, effects }) {
      await transact(db, [
        subjectChange(db.table, tenant, subjectId, {
          set: ['objections = if_not_exists(objections, :empty)'],
          values: { ':empty': {} },
          version: 'keep',
        }),
        ...effectItems(db.table, tenant, effects),
      ]);
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.subject(tenant, subjectId),
          UpdateExpression: 'SET objections.#c = :o',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#c': category },
          ExpressionAttributeValues: { ':o': objection },
        }),
      );
    },
  };
}
