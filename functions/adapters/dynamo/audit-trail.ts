import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, ChainedAuditEvent } from '../../../shared/entities.ts';
import type { AuditTrail } from '../../../shared/ports.ts';
import { type Db, queryAll } from './client.ts';
import { transact } from './commands.ts';
import { keys } from './keys.ts';

const SEQ_WIDTH = 12;

/** Another linker moved the head or linked the same events first (or wrote at the same moment). */
function lostRace(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name === 'TransactionConflictException') return true;
  return (
    e?.name === 'TransactionCanceledException' &&
    !!e.CancellationReasons?.every((r) => ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(r.Code ?? 'None'))
  );
}

const toEvent = <T extends AuditEvent>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...event } = item;
  return event as unknown as T;
};

/**
 * Browsing the trail (audit-browse.ts) serves the staff tools' audit page only, so only that
 * function (and the local runtime) is given it: the other bundles leave it out, as they leave out
 * the export builder's scratch space (functions/wiring.ts, OnlySome).
 */
export type AuditBrowser = (db: Db) => AuditTrail['browse'];

export function dynamoAuditTrail(db: Db, browser: AuditBrowser): AuditTrail {
  return {
    async head(tenant) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.auditHead(tenant), ConsistentRead: true }),
      );
      return Item ? { seq: Item.seq as number, hash: Item.hash as string } : undefined;
    },

    async listUnchained(tenant, limit) {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.auditUnchained(tenant) },
          Limit: limit,
        }),
      );
      return Items.map((item) => toEvent(item));
    },

    async link(tenant, expected, links) {
      const last = links.at(-1);
      if (!last) return true;
      try {
        await transact(db, [
          {
            Put: {
              TableName: db.table,
              Item: { ...keys.auditHead(tenant), type: 'audit-head', tenant, seq: last.seq, hash: last.hash },
              ConditionExpression: expected ? 'seq = :seq AND #hash = :hash' : 'attribute_not_exists(pk)',
              ...(expected
                ? {
                    ExpressionAttributeNames: { '#hash': 'hash' },
                    ExpressionAttributeValues: { ':seq': expected.seq, ':hash': expected.hash },
                  }
                : {}),
            },
          },
          ...links.map((link) => ({
            Update: {
              TableName: db.table,
              Key: keys.audit(tenant, link.at, link.id),
              UpdateExpression:
                'SET seq = :seq, prevHash = :prev, #hash = :hash, personalDigest = :pd, gsi1pk = :chain, gsi1sk = :pos',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(seq)',
              ExpressionAttributeNames: { '#hash': 'hash' },
              ExpressionAttributeValues: {
                ':seq': link.seq,
                ':prev': link.prevHash,
                ':hash': link.hash,
                ':pd': link.personalDigest,
                ':chain': keys.auditChain(tenant),
                ':pos': String(link.seq).padStart(SEQ_WIDTH, '0'),
              },
            },
          })),
        ]);
        return true;
      } catch (error) {
        if (lostRace(error)) return false;
        throw error;
      }
    },

    async readChain(tenant, afterSeq, limit) {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
          ExpressionAttributeValues: { ':pk': keys.auditChain(tenant), ':after': String(afterSeq).padStart(SEQ_WIDTH, '0') },
          Limit: limit,
        }),
      );
      return Items.map((item) => toEvent<ChainedAuditEvent>(item));
    },

    async removePersonal(tenant, events) {
      for (const event of events) {
        if (!event.personal) continue;
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.audit(tenant, event.at, event.id),
            UpdateExpression: 'REMOVE personal SET personalRemovedAt = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': new Date().toISOString() },
          }),
        );
      }
    },

    async listForSubject(tenant, subjectId) {
      const items = await queryAll(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.subjectAudit(tenant, subjectId) },
      });
      return items.map((item) => toEvent(item));
    },

    browse: browser(db),
  };
}
