import type { Effects } from '../../../shared/entities.ts';
import { attentionOf, type SystemRun, type SystemRunStore } from '../../../shared/systems/ports.ts';
import { type Db, inIndex, queryAll, withPrefix } from './client.ts';
import { transactOrConflict, versionGuard } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';
import { chunkPrefix, runFromItems, runItems, runSortKey } from './system-run-items.ts';

const conflictMessage = 'The search of connected systems was changed meanwhile. Please look at it again.';

/** DynamoDB takes at most 100 items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

const partition = (tenant: string, subjectId: string) => keys.subjectPartition(tenant, subjectId);

/** The run and its chunks, in one consistent query of its prefix. */
async function load(db: Db, tenant: string, subjectId: string, requestId: string) {
  const items = await queryAll(db, {
    ...withPrefix(partition(tenant, subjectId), runSortKey(requestId)),
    ConsistentRead: true,
  });
  const main = items.find((i) => i.sk === runSortKey(requestId));
  const chunks = items.filter((i) => i.sk.startsWith(chunkPrefix(requestId)));
  return { main, chunks };
}

/** Saving a run: what only the functions that work runs are given (functions/wiring.ts, OnlySome). */
export type SystemRunWriter = Pick<SystemRunStore, 'request' | 'save'>;

/**
 * Runs in the person's partition beside their request (see system-run-items.ts for the chunks
 * that hold the records); while any system is still to be tried a run also sits on the tenant's
 * pending index, for the worker's sweep to find. This is the reading side, which every function
 * has; a run asked for alongside another change is written with it (effects.ts).
 */
export function dynamoSystemRunReader(db: Db): Omit<SystemRunStore, keyof SystemRunWriter> {
  return {
    async get(tenant, subjectId, requestId) {
      const { main, chunks } = await load(db, tenant, subjectId, requestId);
      return main && main.tenant === tenant && main.subjectId === subjectId ? runFromItems(main, chunks) : undefined;
    },

    async listForSubject(tenant, subjectId) {
      const items = await queryAll(db, { ...withPrefix(partition(tenant, subjectId), 'SYSRUN#') });
      return items
        .filter((i) => i.type === 'system-run')
        .map((main) =>
          runFromItems(
            main,
            items.filter((i) => i.sk.startsWith(chunkPrefix(main.requestId))),
          ),
        )
        .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
    },

    async listNeedingAttention(tenant) {
      const items = await queryAll(db, {
        ...inIndex('gsi2', keys.systemRunsAttention(tenant)),
        ProjectionExpression: 'subjectId, requestId, results',
      });
      return items.map((i) => attentionOf(i as SystemRun));
    },

    async listPending(tenant, before) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
        ExpressionAttributeValues: { ':pk': keys.pendingSystemRuns(tenant), ':before': before },
        ProjectionExpression: 'tenant, subjectId, requestId, requestedAt, updatedAt',
      });
      return items.map((i) => ({
        tenant: i.tenant,
        subjectId: i.subjectId,
        requestId: i.requestId,
        requestedAt: i.requestedAt,
        updatedAt: i.updatedAt,
      }));
    },
  };
}

/** Saving runs, with their records in chunks: the casework's, the staff tools', the systems worker's. */
export function dynamoSystemRunWriter(db: Db): SystemRunWriter {
  /**
   * Puts the run if it is still at `expectedVersion` (0: if there is none), its chunks, and its
   * effects in one transaction, deleting the chunks it no longer has.
   */
  async function put(run: SystemRun, expectedVersion: number, effects: Effects) {
    const { item, chunks } = runItems(run);
    const { chunks: before } = await load(db, run.tenant, run.subjectId, run.requestId);
    const kept = new Set(chunks.map((c) => c.sk));
    const stale = before.filter((c) => !kept.has(c.sk)).map((c) => ({ pk: c.pk as string, sk: c.sk as string }));
    const transactItems = [
      { Put: { TableName: db.table, Item: item, ...versionGuard(expectedVersion) } },
      ...chunks.map((Item) => ({ Put: { TableName: db.table, Item } })),
      ...stale.map((Key) => ({ Delete: { TableName: db.table, Key } })),
      ...effectItems(db.table, run.tenant, effects),
    ];
    if (transactItems.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(`a system run of ${chunks.length} chunks is too large to save in one transaction`);
    }
    await transactOrConflict(db, transactItems, conflictMessage);
  }

  return {
    async request(run, expectedVersion, effects) {
      await put(run, expectedVersion ?? 0, effects);
    },

    async save(run, expectedVersion, effects) {
      await put(run, expectedVersion, effects);
    },
  };
}
