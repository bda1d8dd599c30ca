import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DataRecord, Effects, Subject } from '../../../../shared/entities.ts';
import type { HashKeys } from '../../../../shared/hash-keys.ts';
import type { SubjectStore } from '../../../../shared/ports.ts';
import { type Db, isTransactionConditionFailure, queryAll } from '../client.ts';
import { effectItems } from '../effects.ts';
import { keys } from '../keys.ts';
import { recordItem } from './records.ts';
import { emailKey, emailKeys, noPreviousEntry } from './subject-item.ts';

/** The subject item and its email index entry: find, read, create, list, remove. */
export function subjectItems(
  db: Db,
  hashKeys: HashKeys,
): Pick<SubjectStore, 'findIdByEmail' | 'get' | 'create' | 'listIds' | 'remove'> {
  return {
    async findIdByEmail(tenant, email) {
      for (const Key of emailKeys(hashKeys, tenant, email)) {
        const { Item } = await db.doc.send(new GetCommand({ TableName: db.table, Key, ConsistentRead: true }));
        if (Item) return Item.subjectId as string;
      }
      return undefined;
    },

    async get(tenant, subjectId) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.subject(tenant, subjectId), ConsistentRead: true }),
      );
      if (!Item || Item.tenant !== tenant) return undefined;
      const { id, email, relationship, createdAt, version, restriction, objections, erasedAt } = Item;
      return {
        id,
        tenant,
        email,
        relationship,
        createdAt,
        version: version ?? 0,
        ...(restriction ? { restriction } : {}),
        ...(objections ? { objections } : {}),
        ...(erasedAt ? { erasedAt } : {}),
      } as Subject;
    },

    async create(subject: Subject, records: DataRecord[], effects: Effects) {
      const { tenant } = subject;
      const head = [
        {
          Put: {
            TableName: db.table,
            Item: { ...emailKey(hashKeys, tenant, subject.email), type: 'email', tenant, subjectId: subject.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...noPreviousEntry(db.table, hashKeys, tenant, subject.email),
        {
          Put: {
            TableName: db.table,
            Item: {
              ...keys.subject(tenant, subject.id),
              type: 'subject',
              ...subject,
              gsi1pk: keys.subjectsIndex(tenant),
              gsi1sk: subject.id,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...effectItems(db.table, tenant, effects),
      ];
      const recordItems = records.map((r) => ({ Put: { TableName: db.table, Item: recordItem(tenant, subject.id, r) } }));
      // A transaction holds at most 100 items: the subject, its index entry and the first records go
      // together (the email entry is the guard); further records follow in batches of 100.
      const first = recordItems.slice(0, 100 - head.length);
      try {
        await db.doc.send(new TransactWriteCommand({ TransactItems: [...head, ...first] }));
      } catch (error) {
        if (isTransactionConditionFailure(error)) return false;
        throw error;
      }
      for (let i = first.length; i < recordItems.length; i += 100) {
        await db.doc.send(new TransactWriteCommand({ TransactItems: recordItems.slice(i, i + 100) }));
      }
      return true;
    },

    async listIds(tenant) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.subjectsIndex(tenant) },
        ProjectionExpression: 'id',
      });
      return items.map((i) => i.id as string);
    },

    async remove({ tenant, subject, tombstone, effects }) {
      const stone = {
        ...keys.subject(tenant, subject.id),
        type: 'subject',
        id: subject.id,
        tenant,
        email: '',
        relationship: subject.relationship,
        createdAt: subject.createdAt,
        version: subject.version + 1,
        erasedAt: new Date().toISOString(),
        gsi1pk: keys.subjectsIndex(tenant),
        gsi1sk: subject.id,
      };
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...(subject.email
              ? emailKeys(hashKeys, tenant, subject.email).map((Key) => ({ Delete: { TableName: db.table, Key } }))
              : []),
            tombstone
              ? { Put: { TableName: db.table, Item: stone } }
              : { Delete: { TableName: db.table, Key: keys.subject(tenant, subject.id) } },
            ...effectItems(db.table, tenant, effects),
          ],
        }),
      );
    },
  };
}
