import type { AuditLog } from '../../../shared/ports.ts';
import type { Db } from './client.ts';
import { transact } from './commands.ts';
import { effectItems } from './effects.ts';

export function dynamoAuditLog(db: Db): AuditLog {
  return {
    async commit(tenant, effects) {
      const items = effectItems(db.table, tenant, effects);
      if (items.length === 0) return;
      await transact(db, items);
    },
  };
}
