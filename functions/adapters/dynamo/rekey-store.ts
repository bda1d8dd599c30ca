import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { HashedItem, RekeyProgress, RekeyStore } from '../../../shared/jobs/rekey-ports.ts';
import { type Db, isConditionFailure } from './client.ts';
import { getItem, putNew, transactIf, updateIf } from './commands.ts';
import { keys } from './keys.ts';

/**
 * The re-key job's table work. Its progress is the one item outside every tenant's partitions:
 * a re-key pass goes through the whole table, across tenants.
 */
const progressKey = (version: number) => ({ pk: 'JOB#rekey-hashes', sk: `V#${version}` });

const keyOf = (item: Extract<HashedItem, { hash: string }>, hash: string) =>
  item.kind === 'email' ? keys.email(item.tenant, hash) : keys.suppression(item.tenant, hash);

/** `pageSize`: items scanned per page, before the type filter (a test makes it small to see a pass resume). */
export function dynamoRekeyStore(db: Db, pageSize = 500): RekeyStore {
  return {
    async progress(version) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: progressKey(version), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, type: _type, ...progress } = Item;
      return progress as RekeyProgress;
    },

    async saveProgress(progress) {
      await db.doc.send(
        new PutCommand({ TableName: db.table, Item: { ...progressKey(progress.version), type: 'rekey-progress', ...progress } }),
      );
    },

    async page(cursor) {
      const page = await db.doc.send(
        new ScanCommand({
          TableName: db.table,
          Limit: pageSize,
          FilterExpression: '#type IN (:suppression, :email) OR (#type = :staff AND size(recoveryCodes) > :zero)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':suppression': 'suppression', ':email': 'email', ':staff': 'staff', ':zero': 0 },
          ProjectionExpression: 'pk, #type, tenant, email, recoveryCodes',
          ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) } : {}),
        }),
      );
      const items = (page.Items ?? []).map((item): HashedItem => {
        const tenant = item.tenant as string;
        if (item.type === 'staff') return { kind: 'recovery-codes', tenant, email: item.email, codes: item.recoveryCodes };
        const kind = item.type === 'email' ? 'email' : 'suppression';
        const prefix = kind === 'email' ? keys.email(tenant, '').pk : keys.suppression(tenant, '').pk;
        return { kind, tenant, hash: String(item.pk).slice(prefix.length) };
      });
      return {
        items,
        scanned: page.ScannedCount ?? 0,
        ...(page.LastEvaluatedKey ? { cursor: JSON.stringify(page.LastEvaluatedKey) } : {}),
      };
    },

    async move(item, to) {
      const from = keyOf(item, item.hash);
      const stored = await getItem(db, from);
      if (!stored) return 'gone';
      const moved = await transactIf(db, [
        // A listed suppression entry is listed under its new hash (gsi1sk is the hash).
        putNew(db.table, { ...stored, ...keyOf(item, to), ...(stored.gsi1pk !== undefined ? { gsi1sk: to } : {}) }),
        { Delete: { TableName: db.table, Key: from, ConditionExpression: 'attribute_exists(pk)' } },
      ]);
      if (moved) return 'moved';
      // The new entry exists already (written under the current version meanwhile): the old one is redundant.
      try {
        await db.doc.send(new DeleteCommand({ TableName: db.table, Key: from, ConditionExpression: 'attribute_exists(pk)' }));
        return 'moved';
      } catch (error) {
        if (isConditionFailure(error)) return 'gone';
        throw error;
      }
    },

    async replaceRecoveryCodes(tenant, email, from, to) {
      const replaced = await updateIf(db, {
        Key: keys.staff(tenant, email),
        UpdateExpression: 'SET recoveryCodes = :to',
        ConditionExpression: 'recoveryCodes = :from',
        ExpressionAttributeValues: { ':from': from, ':to': to },
      });
      return replaced !== undefined;
    },
  };
}
