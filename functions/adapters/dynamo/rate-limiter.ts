import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../../shared/ports.ts';
import { type Db, isConditionFailure } from './client.ts';
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

    async claimOnce(tenant, key, expiresAt) {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...keys.rate(tenant, key, 0), type: 'claim', expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
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
