import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SystemRun, SystemRunStore } from '../../../shared/systems/ports.ts';
import { type Db, queryAll, withPrefix } from './client.ts';
import { putVersioned } from './effects.ts';
import { keys } from './keys.ts';

const toRun = ({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...run }: Record<string, unknown>) =>
  run as unknown as SystemRun;

const unfinished = new Set(['pending', 'searching']);

/**
 * The stored run, in the person's partition beside its request; while any system is still to be
 * tried it also sits on the tenant's pending index, for the worker's sweep to find.
 */
const runItem = (run: SystemRun) => ({
  ...keys.systemRun(run.tenant, run.subjectId, run.requestId),
  type: 'system-run',
  ...run,
  ...(run.results.some((r) => unfinished.has(r.outcome.state))
    ? { gsi1pk: keys.pendingSystemRuns(run.tenant), gsi1sk: `${run.requestedAt}#${run.requestId}` }
    : {}),
});

const conflictMessage = 'The search of connected systems was changed meanwhile. Please look at it again.';

export function dynamoSystemRunStore(db: Db): SystemRunStore {
  const put = (run: SystemRun, expectedVersion: number, effects: Parameters<SystemRunStore['save']>[2]) =>
    putVersioned(db, { tenant: run.tenant, item: runItem(run), expectedVersion, effects, conflictMessage });
  return {
    async get(tenant, subjectId, requestId) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.systemRun(tenant, subjectId, requestId), ConsistentRead: true }),
      );
      return Item && Item.tenant === tenant && Item.subjectId === subjectId ? toRun(Item) : undefined;
    },

    async listForSubject(tenant, subjectId) {
      const items = await queryAll(db, { ...withPrefix(keys.subjectPartition(tenant, subjectId), 'SYSRUN#') });
      return items.map(toRun).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
    },

    async request(run, expectedVersion, effects) {
      await put(run, expectedVersion ?? 0, effects);
    },

    async save(run, expectedVersion, effects) {
      await put(run, expectedVersion, effects);
    },
  };
}
