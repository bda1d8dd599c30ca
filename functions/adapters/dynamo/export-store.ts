import { epochSeconds } from '../../../shared/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { ExportJob, ExportStore } from '../../../shared/exports/ports.ts';
import { type Db, inQueue, queryAll, withPrefix } from './client.ts';
import { entityOf, getItem, putNew, transact, updateIf } from './commands.ts';
import { effectItems, putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toJob = entityOf<ExportJob>;

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
      await transact(db, [putNew(db.table, jobItem(job)), ...effectItems(db.table, job.tenant, effects)]);
    },

    async get(tenant, subjectId, exportId) {
      const item = await getItem(db, keys.export(tenant, subjectId, exportId));
      return item && item.tenant === tenant && item.subjectId === subjectId ? toJob(item) : undefined;
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
      await transact(db, [
        { Delete: { TableName: db.table, Key: keys.export(tenant, subjectId, exportId) } },
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async listOpen(tenant) {
      const items = await queryAll(db, inQueue(keys.openExports(tenant)));
      return items.map(toJob);
    },

    async claim(tenant, subjectId, exportId, now, leaseUntil) {
      const claimed = await updateIf(db, {
        Key: keys.export(tenant, subjectId, exportId),
        UpdateExpression:
          'SET #status = :building, leaseUntil = :lease, startedAt = :started, attempts = attempts + :one, version = version + :one',
        ConditionExpression: 'attribute_exists(pk) AND (#status = :queued OR (#status = :building AND leaseUntil < :now))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':building': 'building',
          ':queued': 'queued',
          ':lease': leaseUntil,
          ':now': epochSeconds(now),
          ':started': now.toISOString(),
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      });
      return claimed?.Attributes ? toJob(claimed.Attributes) : undefined;
    },

    async progress(job, progress, leaseUntil) {
      const kept = await updateIf(db, {
        Key: keys.export(job.tenant, job.subjectId, job.id),
        UpdateExpression: 'SET progress = :p, leaseUntil = :lease',
        ConditionExpression: '#status = :building AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':p': progress, ':lease': leaseUntil, ':building': 'building', ':v': job.version },
      });
      if (!kept) throw new DomainError('conflict', 'Another builder took this export over.');
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
