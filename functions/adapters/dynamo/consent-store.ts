import type { ConsentEvent } from '../../../shared/entities.ts';
import type { ConsentStore } from '../../../shared/ports.ts';
import { type Db, deleteKeys, queryAll, withPrefix } from './client.ts';
import { putNew, transact } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

/** What a stored consent event gives back: these always, the optional ones only when set (never the keys). */
const always = [
  'id',
  'at',
  'channel',
  'topic',
  'granted',
  'wording',
  'policyVersion',
  'lawfulBasis',
  'source',
] as const satisfies readonly (keyof ConsentEvent)[];
const whenSet = ['actorId', 'receivedVia', 'sourceDetail'] as const satisfies readonly (keyof ConsentEvent)[];
const consentOf = (item: Record<string, unknown>) =>
  Object.fromEntries([
    ...always.map((field) => [field, item[field]]),
    ...whenSet.filter((field) => item[field]).map((field) => [field, item[field]]),
  ]) as ConsentEvent;

/** The consent ledger: put-if-absent only. This module has no update or delete on purpose. */
export function dynamoConsentStore(db: Db): ConsentStore {
  return {
    async append(tenant, subjectId, events, effects) {
      if (events.length === 0) return;
      await transact(db, [
        ...events.map((event) =>
          putNew(db.table, {
            ...keys.consent(tenant, subjectId, event.at, event.id),
            type: 'consent',
            tenant,
            subjectId,
            ...event,
          }),
        ),
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async list(tenant, subjectId) {
      const items = await queryAll(db, {
        ...withPrefix(keys.subjectPartition(tenant, subjectId), 'CONSENT#'),
        ConsistentRead: true,
      });
      return items.map(consentOf);
    },

    async deleteAll(tenant, subjectId) {
      const items = await queryAll(db, {
        ...withPrefix(keys.subjectPartition(tenant, subjectId), 'CONSENT#'),
        ProjectionExpression: 'pk, sk',
      });
      await deleteKeys(db, items as { pk: string; sk: string }[]);
      return items.length;
    },
  };
}
