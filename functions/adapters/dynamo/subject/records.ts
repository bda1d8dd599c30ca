import type { DataRecord } from '../../../../shared/entities.ts';
import type { SubjectStore } from '../../../../shared/ports.ts';
import { type Db, queryAll, withPrefix } from '../client.ts';
import { transact, transactOrConflict } from '../commands.ts';
import { effectItems } from '../effects.ts';
import { keys } from '../keys.ts';
import { recordPages } from './record-pages.ts';
import { subjectChange } from './subject-item.ts';

const toRecord = ({ id, category, recordedOn, data, hold, source }: Record<string, any>): DataRecord => ({
  id,
  category,
  recordedOn,
  data,
  ...(hold ? { hold } : {}),
  ...(source ? { source } : {}),
});

/** A record as stored, in its subject's partition. */
export const recordItem = (tenant: string, subjectId: string, r: DataRecord) => ({
  ...keys.record(tenant, subjectId, r.category, r.id),
  type: 'record',
  tenant,
  subjectId,
  ...r,
});

const recordsOf = (tenant: string, subjectId: string) => withPrefix(keys.subjectPartition(tenant, subjectId), 'REC#');

/** A subject's records: read, page through, add, correct, delete, and legal holds on them. */
export function recordItems(
  db: Db,
): Pick<SubjectStore, 'listRecords' | 'iterateRecords' | 'putRecords' | 'deleteRecords' | 'updateRecord' | 'setHold'> {
  return {
    async listRecords(tenant, subjectId) {
      // Edits replace a record's data whole: read what the last save wrote.
      const items = await queryAll(db, { ...recordsOf(tenant, subjectId), ConsistentRead: true });
      return items.map(toRecord);
    },

    iterateRecords(tenant, subjectId, pageSize = 500) {
      return recordPages(db, tenant, subjectId, pageSize);
    },

    async setHold({ tenant, subjectId, record, hold, effects }) {
      const key = keys.record(tenant, subjectId, record.category, record.id);
      await transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: key,
            UpdateExpression: hold ? 'SET #hold = :hold' : 'REMOVE #hold',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#hold': 'hold' },
            ...(hold ? { ExpressionAttributeValues: { ':hold': hold } } : {}),
          },
        },
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async putRecords({ tenant, subjectId, records, effects }) {
      if (records.length > 90) throw new Error('putRecords: at most 90 records at once');
      await transact(db, [
        subjectChange(db.table, tenant, subjectId, { version: 'bump' }),
        ...records.map((r) => ({ Put: { TableName: db.table, Item: recordItem(tenant, subjectId, r) } })),
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async deleteRecords({ tenant, subjectId, records, effects }) {
      if (records.length > 90) throw new Error('deleteRecords: at most 90 records at once');
      const items = [
        ...records.map((r) => ({ Delete: { TableName: db.table, Key: keys.record(tenant, subjectId, r.category, r.id) } })),
        ...effectItems(db.table, tenant, effects),
      ];
      if (items.length) await transact(db, items);
    },

    async updateRecord({ tenant, subjectId, record, expectedVersion, effects }) {
      await transactOrConflict(
        db,
        [
          subjectChange(db.table, tenant, subjectId, { version: expectedVersion }),
          {
            Update: {
              TableName: db.table,
              Key: keys.record(tenant, subjectId, record.category, record.id),
              UpdateExpression: 'SET #data = :data',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#data': 'data' },
              ExpressionAttributeValues: { ':data': record.data },
            },
          },
          ...effectItems(db.table, tenant, effects),
        ],
        'These details were changed meanwhile. Here are the newest values.',
      );
      return expectedVersion + 1;
    },
  };
}
