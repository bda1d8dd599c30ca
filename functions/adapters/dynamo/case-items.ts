import type { Effects } from '../../../shared/entities.ts';
import { type Db, inQueue, queryAll, withPrefix } from './client.ts';
import { entityOf, nextCount } from './commands.ts';
import { putVersioned } from './effects.ts';
import { keys } from './keys.ts';

/** A kind of case as stored: in the person's partition under a prefix, and on the tenant's queue index. */
export interface CaseKind<T> {
  /** The items' type, and the counter its references are numbered from (per year). */
  type: string;
  key: (c: T) => { pk: string; sk: string };
  /** The sort key prefix of its items in the person's partition. */
  prefix: string;
  queue: (tenant: string) => string;
  /** Where a case sits on the queue (its sort key there). */
  queuedBy: (c: T) => string;
  /** What a reference starts with, before the number of the year. */
  reference: (prefix: string, year: string) => string;
  conflictMessage: string;
}

/**
 * What the stores of rights requests and complaints share: the stored item, the next reference of
 * the year, a save at the version read (with its effects), and the lists for a person and for the
 * tenant's queue.
 */
export function caseItems<T extends { tenant: string; id: string }>(db: Db, kind: CaseKind<T>) {
  const toCase = entityOf<T>;
  const itemOf = (c: T): Record<string, unknown> => ({
    ...kind.key(c),
    type: kind.type,
    ...c,
    gsi1pk: kind.queue(c.tenant),
    gsi1sk: kind.queuedBy(c),
  });
  return {
    toCase,
    itemOf,
    async nextReference(tenant: string, prefix: string, year: string) {
      const n = await nextCount(db, keys.counter(tenant, `${kind.type}-${year}`));
      return `${kind.reference(prefix, year)}-${String(n).padStart(6, '0')}`;
    },
    update: (c: T, expectedVersion: number, effects: Effects) =>
      putVersioned(db, { tenant: c.tenant, item: itemOf(c), expectedVersion, effects, conflictMessage: kind.conflictMessage }),
    listForSubject: async (tenant: string, subjectId: string) =>
      (await queryAll(db, withPrefix(keys.subjectPartition(tenant, subjectId), kind.prefix))).map(toCase),
    listForTenant: async (tenant: string) => (await queryAll(db, inQueue(kind.queue(tenant)))).map(toCase),
  };
}
