import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Complaint } from '../../../shared/complaints/model.ts';
import type { ComplaintStore } from '../../../shared/complaints/ports.ts';
import { type Db, inQueue, queryAll, withPrefix } from './client.ts';
import { effectItems, putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toComplaint = ({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...complaint }: Record<string, unknown>) =>
  complaint as unknown as Complaint;

/** The stored item, in the person's partition and on the tenant's complaint queue index. */
const complaintItem = (c: Complaint) => ({
  ...keys.complaint(c.tenant, c.subjectId, c.id),
  type: 'complaint',
  ...c,
  gsi1pk: keys.complaintQueue(c.tenant),
  gsi1sk: `${c.acknowledgeBy}#${c.id}`,
});

export function dynamoComplaintStore(db: Db): ComplaintStore {
  return {
    async nextReference(tenant, prefix, year) {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.counter(tenant, `complaint-${year}`),
          UpdateExpression: 'ADD #n :one SET #type = :type',
          ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return `${prefix}-C-${year}-${String(Attributes?.n ?? 1).padStart(6, '0')}`;
    },

    async create(complaint, effects) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.table, Item: complaintItem(complaint), ConditionExpression: 'attribute_not_exists(pk)' } },
            ...effectItems(db.table, complaint.tenant, effects),
          ],
        }),
      );
    },

    async get(tenant, subjectId, complaintId) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.complaint(tenant, subjectId, complaintId), ConsistentRead: true }),
      );
      return Item && Item.tenant === tenant && Item.subjectId === subjectId ? toComplaint(Item) : undefined;
    },

    async update(complaint, expectedVersion, effects) {
      await putVersioned(db, {
        tenant: complaint.tenant,
        item: complaintItem(complaint),
        expectedVersion,
        effects,
        conflictMessage: 'This complaint was changed meanwhile. Please look at it again.',
      });
    },

    async listForSubject(tenant, subjectId) {
      const items = await queryAll(db, {
        ...withPrefix(keys.subjectPartition(tenant, subjectId), 'CMP#'),
      });
      return items.map(toComplaint);
    },

    async listForTenant(tenant) {
      const items = await queryAll(db, {
        ...inQueue(keys.complaintQueue(tenant)),
      });
      return items.map(toComplaint);
    },
  };
}
