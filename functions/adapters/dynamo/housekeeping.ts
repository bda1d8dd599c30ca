import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ExpiredItem } from '../../../shared/entities.ts';
import type { Housekeeping } from '../../../shared/ports.ts';
import { type Db, deleteKeys } from './client.ts';

/** The cleanup job's reads: a Scan, filtered by expiry — a batch job, never a request path. */
export function dynamoHousekeeping(db: Db): Housekeeping {
  return {
    async listExpired(nowEpoch, types) {
      const found: ExpiredItem[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      const names = Object.fromEntries(types.map((t, i) => [`:t${i}`, t]));
      do {
        const page = await db.doc.send(
          new ScanCommand({
            TableName: db.table,
            FilterExpression: `expiresAt < :now AND #type IN (${Object.keys(names).join(', ')})`,
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':now': nowEpoch, ...names },
            ProjectionExpression: 'pk, sk, #type, blobKey',
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) {
          found.push({
            key: { pk: item.pk, sk: item.sk },
            type: item.type,
            ...(item.blobKey ? { blobKey: item.blobKey } : {}),
          });
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return found;
    },

    async delete(items) {
      await deleteKeys(
        db,
        items.map((i) => i.key),
      );
    },
  };
}
