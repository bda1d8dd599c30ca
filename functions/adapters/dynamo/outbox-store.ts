import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMessage } from '../../../shared/entities.ts';
import type { OutboxStore } from '../../../shared/ports.ts';
import { type Db, isConditionFailure, queryAll } from './client.ts';
import { getItem, transact, updateIf } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

/** Sent messages keep their record (without recipient) for a week, for tracing. */
const SENT_RETENTION_SECONDS = 7 * 24 * 3600;

export function toOutboxMessage(item: Record<string, unknown>): OutboxMessage {
  const { id, tenant, createdAt, message, status } = item as unknown as OutboxMessage;
  return { id, tenant, createdAt, message, status };
}

export function dynamoOutboxStore(db: Db): OutboxStore {
  return {
    async get(tenant, id) {
      const item = await getItem(db, keys.outbox(tenant, id));
      return item ? toOutboxMessage(item) : undefined;
    },

    async deletePendingFor(tenant, subjectId) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        FilterExpression: 'message.subjectId = :s',
        ExpressionAttributeValues: { ':p': keys.pendingOutbox(tenant), ':s': subjectId },
      });
      let deleted = 0;
      for (const item of items) {
        try {
          await db.doc.send(
            new DeleteCommand({
              TableName: db.table,
              Key: keys.outbox(tenant, item.id),
              // Not one a dispatcher is sending right now.
              ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':pending': 'pending', ':now': Math.floor(Date.now() / 1000) },
            }),
          );
          deleted++;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return deleted;
    },

    async listPending(tenant, limit, createdBefore) {
      // gsi1sk is `<createdAt>#<id>`: oldest first, and "created before" is a key condition.
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: createdBefore ? 'gsi1pk = :p AND gsi1sk < :before' : 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': keys.pendingOutbox(tenant), ...(createdBefore ? { ':before': createdBefore } : {}) },
          Limit: limit,
        }),
      );
      return (Items ?? []).map(toOutboxMessage);
    },

    async claim(tenant, id, nowEpoch, leaseUntil) {
      const claimed = await updateIf(db, {
        Key: keys.outbox(tenant, id),
        UpdateExpression: 'SET leaseUntil = :lease',
        ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':now': nowEpoch, ':lease': leaseUntil },
      });
      return claimed !== undefined;
    },

    async release(tenant, id, leaseUntil) {
      // Sent, or someone else's lease by now (the condition fails): nothing of ours to give back.
      await updateIf(db, {
        Key: keys.outbox(tenant, id),
        UpdateExpression: 'REMOVE leaseUntil',
        ConditionExpression: '#status = :pending AND leaseUntil = :lease',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':lease': leaseUntil },
      });
    },

    async markSent(tenant, id, messageId, nowEpoch, effects) {
      const update = {
        TableName: db.table,
        Key: keys.outbox(tenant, id),
        UpdateExpression:
          'SET #status = :sent, sentAt = :now, messageId = :mid, expiresAt = :exp, message.#to = :gone REMOVE gsi1pk, gsi1sk, leaseUntil',
        ExpressionAttributeNames: { '#status': 'status', '#to': 'to' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':now': nowEpoch,
          ':mid': messageId,
          ':exp': nowEpoch + SENT_RETENTION_SECONDS,
          ':gone': '(removed after sending)',
        },
      };
      const extra = effects ? effectItems(db.table, tenant, effects) : [];
      if (extra.length === 0) await db.doc.send(new UpdateCommand(update));
      else await transact(db, [{ Update: update }, ...extra]);
    },
  };
}
