import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../../shared/errors.ts';
import type { ExportJob, ExportStore } from '../../../shared/exports/ports.ts';
import { type Db, isConditionFailure, queryAll, withPrefix } from './client.ts';
import { effectItems, putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toJob = ({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...job }: Record<string, unknown>) =>
  job as unknown as ExportJob;

/** The stored item; queued and building jobs sit on the tenant's open-exports index (the sweep). */
const jobItem = (job: ExportJob) => ({
  ...keys.export(job.tenant, job.subjectId, job.id),
  type: 'export',
  ...job,
  ...(job.status === 'queued' || job.status === 'building'
    ? { gsi1pk: keys.openExports(job.tenant), gsi1sk: `${job.createdAt}#${job.id}` }
    : {}),
});

export function dynamoExportStore(db: Db): ExportStore {
  return {
    async create(job, effects) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.table, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(pk)' } },
            ...effectItems(db.table, job.tenant, effects),
          ],
        }),
      );
    },

    async get(tenant, subjectId, exportId) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.export(tenant, subjectId, exportId), ConsistentRead: true }),
      );
      return Item && Item.tenant === tenant && Item.subjectId === subjectId ? toJob(Item) : undefined;
    },

    async listForRequest(tenant, subjectId, requestId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        FilterExpression: 'requestId = :r',
        ExpressionAttributeValues: { ':pk': keys.subjectPartition(tenant, subjectId), ':e': 'EXPORT#', ':r': requestId },
        ConsistentRead: true,
      });
      return items.map(toJob).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    async listForSubject(tenant, subjectId) {
      const items = await queryAll(db, {
        ...withPrefix(keys.subjectPartition(tenant, subjectId), 'EXPORT#'),
        ConsistentRead: true,
      });
      return items.map(toJob);
    },

    async remove(tenant, subjectId, exportId, effects) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: db.table, Key: keys.export(tenant, subjectId, exportId) } },
            ...effectItems(db.table, tenant, effects),
          ],
        }),
      );
    },

    async listOpen(tenant) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.openExports(tenant) },
      });
      return items.map(toJob);
    },

    async claim(tenant, subjectId, exportId, nowEpoch, leaseUntil) {
      try {
        const { Attributes } = await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.export(tenant, subjectId, exportId),
            UpdateExpression:
              'SET #status = :building, leaseUntil = :lease, startedAt = :started, attempts = attempts + :one, version = version + :one',
            ConditionExpression: 'attribute_exists(pk) AND (#status = :queued OR (#status = :building AND leaseUntil < :now))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':building': 'building',
              ':queued': 'queued',
              ':lease': leaseUntil,
              ':now': nowEpoch,
              ':started': new Date(nowEpoch * 1000).toISOString(),
              ':one': 1,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toJob(Attributes) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async progress(job, progress, leaseUntil) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.export(job.tenant, job.subjectId, job.id),
            UpdateExpression: 'SET progress = :p, leaseUntil = :lease',
            ConditionExpression: '#status = :building AND version = :v',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':p': progress, ':lease': leaseUntil, ':building': 'building', ':v': job.version },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new DomainError('conflict', 'Another builder took this export over.');
        throw error;
      }
    },

    async save(job, expectedVersion, effects) {
      await putVersioned(db, {
        tenant: job.tenant,
        item: jobItem(job),
        expectedVersion,
        effects,
        conflictMessage: 'This export was changed meanwhile. Please look at it again.',
      });
    },
  };
}
