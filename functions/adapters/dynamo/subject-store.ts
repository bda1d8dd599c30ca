import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keyedHash, normaliseEmail } from '../../../shared/crypto.ts';
import type { DataRecord, Effects, Subject } from '../../../shared/entities.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { SubjectStore } from '../../../shared/ports.ts';
import { type Db, deleteKeys, isTransactionConditionFailure, queryAll } from './client.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

const toRecord = ({ id, category, recordedOn, data, hold, source }: Record<string, any>): DataRecord => ({
  id,
  category,
  recordedOn,
  data,
  ...(hold ? { hold } : {}),
  ...(source ? { source } : {}),
});

export function dynamoSubjectStore(db: Db, hashKey: string): SubjectStore {
  const emailHash = (tenant: string, email: string) => keyedHash(hashKey, `${tenant}:${normaliseEmail(email)}`);
  return {
    async findIdByEmail(tenant, email) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.email(tenant, emailHash(tenant, email)), ConsistentRead: true }),
      );
      return Item?.subjectId as string | undefined;
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

    async listRecords(tenant, subjectId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': keys.subjectPartition(tenant, subjectId), ':rec': 'REC#' },
        // Edits replace a record's data whole: read what the last save wrote.
        ConsistentRead: true,
      });
      return items.map(toRecord);
    },

    async *iterateRecords(tenant, subjectId, pageSize = 500) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
            ExpressionAttributeValues: { ':pk': keys.subjectPartition(tenant, subjectId), ':rec': 'REC#' },
            ConsistentRead: true,
            Limit: pageSize,
            ExclusiveStartKey,
          }),
        );
        if (page.Items?.length) yield page.Items.map(toRecord);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    },

    async setHold({ tenant, subjectId, record, hold, effects }) {
      const key = keys.record(tenant, subjectId, record.category, record.id);
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
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
          ],
        }),
      );
    },

    async putRecords({ tenant, subjectId, records, effects }) {
      if (records.length > 90) throw new Error('putRecords: at most 90 records at once');
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            // The subject must exist (and stay): records never outlive their subject. Its version
            // moves on, so a correction made on a page read before this write gets a 409.
            {
              Update: {
                TableName: db.table,
                Key: keys.subject(tenant, subjectId),
                UpdateExpression: 'SET version = if_not_exists(version, :zero) + :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
              },
            },
            ...records.map((r) => ({
              Put: {
                TableName: db.table,
                Item: { ...keys.record(tenant, subjectId, r.category, r.id), type: 'record', tenant, subjectId, ...r },
              },
            })),
            ...effectItems(db.table, tenant, effects),
          ],
        }),
      );
    },

    async deleteRecords({ tenant, subjectId, records, effects }) {
      if (records.length > 90) throw new Error('deleteRecords: at most 90 records at once');
      const items = [
        ...records.map((r) => ({ Delete: { TableName: db.table, Key: keys.record(tenant, subjectId, r.category, r.id) } })),
        ...effectItems(db.table, tenant, effects),
      ];
      if (items.length) await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    },

    async create(subject: Subject, records: DataRecord[], effects: Effects) {
      const { tenant } = subject;
      const head = [
        {
          Put: {
            TableName: db.table,
            Item: { ...keys.email(tenant, emailHash(tenant, subject.email)), type: 'email', tenant, subjectId: subject.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
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
      const recordItems = records.map((r) => ({
        Put: {
          TableName: db.table,
          Item: { ...keys.record(tenant, subject.id, r.category, r.id), type: 'record', tenant, subjectId: subject.id, ...r },
        },
      }));
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

    async updateRecord({ tenant, subjectId, record, expectedVersion, effects }) {
      const next = expectedVersion + 1;
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: db.table,
                  Key: keys.subject(tenant, subjectId),
                  UpdateExpression: 'SET version = :next',
                  ConditionExpression:
                    expectedVersion === 0
                      ? 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :expected)'
                      : 'attribute_exists(pk) AND version = :expected',
                  ExpressionAttributeValues: { ':next': next, ':expected': expectedVersion },
                },
              },
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
          }),
        );
      } catch (error) {
        if (isTransactionConditionFailure(error)) {
          throw new DomainError('conflict', 'These details were changed meanwhile. Here are the newest values.');
        }
        throw error;
      }
      return next;
    },

    async setRestriction({ tenant, subjectId, restriction, effects }) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.table,
                Key: keys.subject(tenant, subjectId),
                UpdateExpression: restriction ? 'SET restriction = :r' : 'REMOVE restriction',
                ConditionExpression: 'attribute_exists(pk)',
                ...(restriction ? { ExpressionAttributeValues: { ':r': restriction } } : {}),
              },
            },
            ...effectItems(db.table, tenant, effects),
          ],
        }),
      );
    },

    async addObjection({ tenant, subjectId, category, objection, effects }) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.table,
                Key: keys.subject(tenant, subjectId),
                UpdateExpression: 'SET objections = if_not_exists(objections, :empty)',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':empty': {} },
              },
            },
            ...effectItems(db.table, tenant, effects),
          ],
        }),
      );
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
              ? [{ Delete: { TableName: db.table, Key: keys.email(tenant, emailHash(tenant, subject.email)) } }]
              : []),
            tombstone
              ? { Put: { TableName: db.table, Item: stone } }
              : { Delete: { TableName: db.table, Key: keys.subject(tenant, subject.id) } },
            ...effectItems(db.table, tenant, effects),
          ],
        }),
      );
    },

    async changeEmail({ tenant, subject, newEmail, identity, effects, endCredentials }) {
      const email = normaliseEmail(newEmail);
      // The subject's sessions and link tokens (index reads: one created a moment ago may be missed).
      const credentials = endCredentials
        ? (
            await queryAll(db, {
              IndexName: 'gsi2',
              KeyConditionExpression: 'gsi2pk = :pk',
              ExpressionAttributeValues: { ':pk': keys.credentialsOf(tenant, `S#${subject.id}`) },
            })
          ).filter(
            (c) =>
              (String(c.gsi2sk).startsWith('SESSION#') || String(c.gsi2sk).startsWith('TOKEN#')) &&
              c.gsi2sk !== `SESSION#${endCredentials.exceptSession}`,
          )
        : [];
      // A transaction holds 100 items: the rest (an unlikely pile of sessions) go right after.
      const inline = credentials.slice(0, 80);
      const after = credentials.slice(80);
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: db.table,
                  Item: { ...keys.email(tenant, emailHash(tenant, email)), type: 'email', tenant, subjectId: subject.id },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Delete: {
                  TableName: db.table,
                  Key: keys.email(tenant, emailHash(tenant, subject.email)),
                  ConditionExpression: 'subjectId = :id',
                  ExpressionAttributeValues: { ':id': subject.id },
                },
              },
              {
                Update: {
                  TableName: db.table,
                  Key: keys.subject(tenant, subject.id),
                  UpdateExpression: 'SET email = :email, version = if_not_exists(version, :zero) + :one',
                  ConditionExpression: 'email = :old',
                  ExpressionAttributeValues: { ':email': email, ':old': subject.email, ':zero': 0, ':one': 1 },
                },
              },
              ...(identity
                ? [
                    {
                      Update: {
                        TableName: db.table,
                        Key: keys.record(tenant, subject.id, identity.category, identity.id),
                        UpdateExpression: 'SET #data.email = :email',
                        ExpressionAttributeNames: { '#data': 'data' },
                        ExpressionAttributeValues: { ':email': email },
                      },
                    },
                  ]
                : []),
              ...inline.map((c) => ({ Delete: { TableName: db.table, Key: { pk: c.pk, sk: c.sk } } })),
              ...effectItems(db.table, tenant, effects),
            ],
          }),
        );
      } catch (error) {
        if (isTransactionConditionFailure(error)) {
          throw new DomainError('conflict', 'That email address cannot be used for this account. Please use another one.');
        }
        throw error;
      }
      if (after.length > 0)
        await deleteKeys(
          db,
          after.map((c) => ({ pk: c.pk, sk: c.sk })),
        );
    },
  };
}
