import { isTenantEntry } from '../../../shared/marketing/suppression-keys.ts';
import type { SuppressionStore } from '../../../shared/ports.ts';
import { type Db, inQueue, queryAll } from './client.ts';
import { getItem, transact } from './commands.ts';
import { effectItems } from './effects.ts';
import { keys } from './keys.ts';

/** Suppression entries hold a keyed hash and a reason: no readable address. */
export function dynamoSuppressionStore(db: Db): SuppressionStore {
  return {
    async add(tenant, hashes, reason, effects) {
      const at = new Date().toISOString();
      await transact(db, [
        ...hashes.map((hash) => ({
          Put: {
            TableName: db.table,
            Item: {
              ...keys.suppression(tenant, hash),
              type: 'suppression',
              tenant,
              reason,
              at,
              // Only per-tenant entries are listed for the mail tools (they alone can be matched there).
              ...(isTenantEntry(hash) ? { gsi1pk: keys.suppressionList(tenant), gsi1sk: hash } : {}),
            },
          },
        })),
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    async remove(tenant, hashes, effects) {
      await transact(db, [
        ...hashes.map((hash) => ({ Delete: { TableName: db.table, Key: keys.suppression(tenant, hash) } })),
        ...effectItems(db.table, tenant, effects),
      ]);
    },

    /** The current HASH_KEY version's entry first; the previous one is read only if that is missing. */
    async has(tenant, hashes) {
      for (const hash of hashes) {
        if ((await getItem(db, keys.suppression(tenant, hash))) !== undefined) return true;
      }
      return false;
    },

    async list(tenant) {
      const items = await queryAll(db, { ...inQueue(keys.suppressionList(tenant)), ProjectionExpression: 'gsi1sk' });
      return items.map((i) => i.gsi1sk as string).filter(isTenantEntry);
    },
  };
}
