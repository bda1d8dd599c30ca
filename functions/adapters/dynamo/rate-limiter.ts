import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../../shared/ports.ts';
import { type Db, isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

interface RateItem {
  /** Epoch seconds of the hits allowed within the last window, oldest first (never more than the limit). */
  hits: number[];
  version: number;
}

/** The hits still inside the window ending now, oldest first. An expired item counts as absent. */
const recentHits = (item: RateItem | undefined, windowSeconds: number, now: number) =>
  (item?.hits ?? []).filter((at) => at > now - windowSeconds).sort((a, b) => a - b);

/** Seconds until one more hit fits: when the oldest hit that keeps the log full leaves the window. */
const waitFor = (hits: number[], limit: number, windowSeconds: number, now: number) =>
  hits.length < limit ? 0 : Math.max(1, (hits[hits.length - limit] as number) + windowSeconds - now);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A sliding-window log: one item per key holding the times of the hits allowed in the last
 * window, so no window of that length (wherever it starts) holds more than the limit. Each hit
 * reads the item and writes it back on its version (a conditional write); a hit that lost a race
 * reads again. A refused hit writes nothing. The item expires by TTL a window after its last hit.
 */
export function dynamoRateLimiter(db: Db): RateLimiter {
  const read = async (tenant: string, key: string) => {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.rateLog(tenant, key), ConsistentRead: true }),
    );
    return Item as RateItem | undefined;
  };

  return {
    async hit(tenant, key, limit, windowSeconds, nowEpoch) {
      // Every round one of the racing writers wins, so after `limit` rounds the rest are refused
      // without writing: this bound is never reached by contention alone.
      for (let attempt = 0; attempt < limit + 5; attempt++) {
        const item = await read(tenant, key);
        const recent = recentHits(item, windowSeconds, nowEpoch);
        if (recent.length >= limit) {
          return { allowed: false, retryAfterSeconds: waitFor(recent, limit, windowSeconds, nowEpoch) };
        }
        const hits = [...recent, nowEpoch].sort((a, b) => a - b);
        try {
          await db.doc.send(
            new PutCommand({
              TableName: db.table,
              Item: {
                ...keys.rateLog(tenant, key),
                type: 'rate',
                hits,
                version: (item?.version ?? 0) + 1,
                expiresAt: (hits.at(-1) as number) + windowSeconds,
              },
              ...(item
                ? { ConditionExpression: '#version = :version', ExpressionAttributeValues: { ':version': item.version } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
              ...(item ? { ExpressionAttributeNames: { '#version': 'version' } } : {}),
            }),
          );
          return { allowed: true, retryAfterSeconds: waitFor(hits, limit, windowSeconds, nowEpoch) };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          await pause(Math.random() * 10);
        }
      }
      throw new Error(`rate limit ${key}: too many conflicting writes`);
    },

    async peek(tenant, key, limit, windowSeconds, nowEpoch) {
      const recent = recentHits(await read(tenant, key), windowSeconds, nowEpoch);
      return { allowed: recent.length < limit, retryAfterSeconds: waitFor(recent, limit, windowSeconds, nowEpoch) };
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
  };
}
