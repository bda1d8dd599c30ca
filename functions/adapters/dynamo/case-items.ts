import type { Effects } from '../../../shared/entities.ts';
import { type Db, inQueue, queryAll, withPrefix } from './client.ts';
import { entityOf, nextCount } from './commands.ts';
import { putVersioned } from './effects.ts';
import { keys } from './keys.ts';

/** A kind of case as stored: its items in the person's partition under a prefix, and on the tenant's queue index. */
export interface CaseKind<T> {
  /** The counter its references are numbered from, per year. */
  counter: string;
  /** The sort key prefix of its items in the person's partition. */
  prefix: string;
  queue: (tenant: string) => string;
  item: (c: T) => Record<string, unknown>;
  conflictMessage: string;
}

/**
 * What the stores of rights requests and complaints share: the next number of the year, a save
 * at the version read (with its effects), and the lists for a person and for the tenant's queue.
 */
export function caseItems<T extends { tenant: string }>(db: Db, kind: CaseKind<T>) {
  const toCase = entityOf<T>;
  return {
    toCase,
    nextNumber: (tenant: string, year: string) => nextCount(db, keys.counter(tenant, `${kind.counter}-${year}`)),
    update: (c: T, expectedVersion: number, effects: Effects) =>
      putVersioned(db, { tenant: c.tenant, item: kind.item(c), expectedVersion, effects, conflictMessage: kind.conflictMessage }),
    listForSubject: async (tenant: string, subjectId: string) =>
      (await queryAll(db, withPrefix(keys.subjectPartition(tenant, subjectId), kind.prefix))).map(toCase),
    listForTenant: async (tenant: string) => (await queryAll(db, inQueue(kind.queue(tenant)))).map(toCase),
  };
}
