import type { DataRecord, Effects, Subject } from '../../../../shared/entities.ts';
import type { HashKeys } from '../../../../shared/hash-keys.ts';
import type { SubjectStore } from '../../../../shared/ports.ts';
import { type Db, inIndex, queryAll } from '../client.ts';
import { getItem, putNew, transact, transactIf } from '../commands.ts';
import { effectItems } from '../effects.ts';
import { keys } from '../keys.ts';
import { recordItem } from './records.ts';
import { emailKeys, newEmailEntry } from './subject-item.ts';

/** The subject item and its email index entry: find, read, create, list, remove. */
export function subjectItems(
  db: Db,
  hashKeys: HashKeys,
): Pick<SubjectStore, 'findIdByEmail' | 'get' | 'create' | 'listIds' | 'remove'> {
  return {
    async findIdByEmail(tenant, email) {
      for (const Key of emailKeys(hashKeys, tenant, email)) {
        const item = await getItem(db, Key);
        if (item) return item.subjectId as string;
      }
      return undefined;
    },

    async get(tenant, subjectId) {
      const item = await getItem(db, keys.subject(tenant, subjectId));
      if (!item || item.tenant !== tenant) return undefined;
      const { id, email, relationship, createdAt, version, restriction, objections, erasedAt, requesterOnly } = item;
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
        ...(requesterOnly ? { requesterOnly } : {}),
      } as Subject;
    },

    async create(subject: Subject, records: DataRecord[], effects: Effects) {
      const { tenant } = subject;
      const head = [
        ...newEmailEntry(db.table, hashKeys, tenant, subject.email, subject.id),
        putNew(db.table, {
          ...keys.subject(tenant, subject.id),
          type: 'subject',
          ...subject,
          gsi1pk: keys.subjectsIndex(tenant),
          gsi1sk: subject.id,
        }),
        ...effectItems(db.table, tenant, effects),
      ];
      const recordItems = records.map((r) => ({ Put: { TableName: db.table, Item: recordItem(tenant, subject.id, r) } }));
      // A transaction holds at most 100 items: the subject, its index entry and the first records go
      // together (the email entry is the guard); further records follow in batches of 100.
      const first = recordItems.slice(0, 100 - head.length);
      if (!(await transactIf(db, [...head, ...first]))) return false;
      for (let i = first.length; i < recordItems.length; i += 100) await transact(db, recordItems.slice(i, i + 100));
      return true;
    },

    async listIds(tenant) {
      const items = await queryAll(db, { ...inIndex('gsi1', keys.subjectsIndex(tenant)), ProjectionExpression: 'id' });
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
      await transact(db, [
        ...(subject.email
          ? emailKeys(hashKeys, tenant, subject.email).map((Key) => ({ Delete: { TableName: db.table, Key } }))
          : []),
        tombstone
          ? { Put: { TableName: db.table, Item: stone } }
          : { Delete: { TableName: db.table, Key: keys.subject(tenant, subject.id) } },
        ...effectItems(db.table, tenant, effects),
      ]);
    },
  };
}
