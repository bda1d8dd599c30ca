import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../../shared/ports.ts';
import type { Db } from './client.ts';
import { keys } from './keys.ts';

/** Fixed-window counters; each window's item expires by TTL. */
export function dynamoRateLimiter(db: Db): RateLimiter {
  return {
    async hit(tenant, key, limit, windowSeconds, nowEpoch) {
      const windowStart = nowEpoch - (nowEpoch % windowSeconds);
      const windowEnd = windowStart + windowSeconds;
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.rate(tenant, key, windowStart),
          UpdateExpression: 'ADD hits :one SET expiresAt = :end, #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':end': windowEnd, ':type': 'rate' },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const hits = Number(Attributes?.hits ?? 1);
      return { allowed: hits <= limit, retryAfterSeconds: Math.max(1, windowEnd - nowEpoch) };
    },

    async count(tenant, key, windowSeconds, nowEpoch) {
      const windowStart = nowEpoch - (nowEpoch % windowSeconds);
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.rate(tenant, key, windowStart), ConsistentRead: true }),
      );
      return Number(Item?.hits ?? 0);
    },
  };
}
